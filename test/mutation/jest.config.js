// jest for mutation testing (test/mutation/stryker.config.js): the same tests, but the compiled node they
// load from dist/ is swapped for its TypeScript source, so each mutant Stryker writes into a source is the
// code under test without a build per mutant.
const path = require('node:path');
const base = require('../../jest.config');

const root = path.resolve(__dirname, '..', '..');
const escaped = root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The tests that place orders, read their answers and check input: the ones that can see a mutant in the
// mutated files. The pace tests (limiter*) and the package tests add time and no kills.
const TESTS = [
	'unit/*',
	'order*',
	'idempotency',
	'execution-retry',
	'masking',
	'secrets',
	'bad-input',
	'faults',
	'errors',
	'token',
	'card',
	'account',
	'transaction',
];

/** @type {import('jest').Config} */
module.exports = {
	...base,
	rootDir: root,
	// The sources are compiled here, so nothing to build first.
	globalSetup: undefined,
	// MUTATION_TESTS=masking,order: only these test files, for a quick run on one source file; a name
	// with a folder (unit/orderComparison) is under test/, any other under test/engine/.
	testMatch: (process.env.MUTATION_TESTS?.split(',') ?? TESTS).map(
		(name) => `<rootDir>/test/${name.includes('/') ? '' : 'engine/'}${name}.test.ts`,
	),
	transform: {
		'^.+\\.tsx?$': ['ts-jest', { tsconfig: 'test/tsconfig.json', isolatedModules: true }],
	},
	moduleNameMapper: {
		// A test's import (../../dist/nodes/...) and n8n's loader (<root>/dist/nodes/....js) alike.
		[`^(?!.*\\.json$)(?:\\.\\./)+dist/((?:nodes|credentials)/.*?)(?:\\.js)?$`]: `${root}/$1.ts`,
		[`^${escaped}/dist/((?:nodes|credentials)/.*?)\\.js$`]: `${root}/$1.ts`,
	},
};
