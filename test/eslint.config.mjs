// The rule sets n8n's community-package scanner applies, plus no-console. Run with `npm run lint`.
import n8nCommunityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import jsoncParser from 'jsonc-eslint-parser';
import tseslint from 'typescript-eslint';

const legacyRules = (name) => n8nNodesBase.configs[name].rules;

export default [
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: legacyRules('community'),
	},
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		...n8nCommunityNodes.configs.recommended,
		ignores: [],
	},
	{
		files: ['credentials/**/*.ts', 'nodes/**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
		...n8nCommunityNodes.configs.recommended,
		ignores: [],
	},
	{
		files: ['credentials/**/*.ts', 'nodes/**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...legacyRules('credentials'),
			...legacyRules('nodes'),
			'no-console': 'error',
			// These three predate the community rule set and contradict it: it wants NodeConnectionTypes.Main
			// (node-connection-type-literal) and a full documentation URL (credential-documentation-url).
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
];
