// n8n's own lint configuration for community nodes, the one `n8n-node lint` and n8n's verification
// scanner apply: package.json, nodes/ and credentials/ (no-console included). Everything else in the
// repository (tests, tools, docs) is not published and not linted here.
import { config } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

export default [globalIgnores(['*', '!package.json', '!nodes/', '!credentials/']), ...config];
