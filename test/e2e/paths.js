'use strict';

const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
// Git-ignored (.cache/ in the repo's .gitignore); one folder per n8n line. N8N_E2E_CACHE_ROOT puts it
// elsewhere, e.g. to try an install without touching the one in use.
const CACHE_ROOT = process.env.N8N_E2E_CACHE_ROOT
	? path.resolve(process.env.N8N_E2E_CACHE_ROOT)
	: path.join(REPO_ROOT, '.cache', 'n8n');
// The package.json and package-lock.json each line is installed from (npm ci), committed.
const LOCK_ROOT = path.join(__dirname, 'n8n-lock');

module.exports = { REPO_ROOT, CACHE_ROOT, LOCK_ROOT };
