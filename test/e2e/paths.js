'use strict';

const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
// Git-ignored (.cache/ in the repo's .gitignore); one folder per n8n line.
const CACHE_ROOT = path.join(REPO_ROOT, '.cache', 'n8n');

module.exports = { REPO_ROOT, CACHE_ROOT };
