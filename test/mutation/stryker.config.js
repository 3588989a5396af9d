// Mutation testing of the code that decides what is sent and what an answer means: `npm run test:mutation`.
// Stryker writes its mutants into the TypeScript sources; test/mutation/jest.config.js makes the tests
// load those sources instead of dist/, so no mutant needs a build. Only the tests that cover a mutant
// run against it (coverageAnalysis perTest), and a re-run tests only what changed since the last one
// (incremental, test/mutation/stryker-incremental.json).

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
module.exports = {
	testRunner: 'jest',
	jest: {
		projectType: 'custom',
		configFile: 'test/mutation/jest.config.js',
		enableFindRelatedTests: false,
	},
	mutate: [
		'nodes/Cardepass/shared/orderNumber.ts',
		'nodes/Cardepass/shared/orderComparison.ts',
		'nodes/Cardepass/shared/orderCompletion.ts',
		'nodes/Cardepass/shared/placeOrder.ts',
		'nodes/Cardepass/shared/request.ts',
		'nodes/Cardepass/shared/sender.ts',
		'nodes/Cardepass/shared/validation.ts',
		'nodes/Cardepass/shared/masking.ts',
	],
	coverageAnalysis: 'perTest',
	// A mutant in a module-level constant (a default, a pattern) runs before any test, so every test of the
	// set runs against it: hours with the engine tests, seconds with the unit tests alone. MUTATION_STATIC=1
	// runs them, for a file's run with its unit tests (MUTATION_TESTS=unit/sender).
	ignoreStatic: process.env.MUTATION_STATIC !== '1',
	incremental: true,
	incrementalFile: 'test/mutation/stryker-incremental.json',
	reporters: ['clear-text', 'progress', 'json', 'html'],
	jsonReporter: { fileName: 'test/mutation/report/mutation.json' },
	htmlReporter: { fileName: 'test/mutation/report/mutation.html' },
	tempDirName: '.stryker-tmp',
	// The sandbox needs the sources, dist/ (the codex files n8n's loader reads) and the tests; not the
	// n8n installs of the e2e tests or the benchmarks.
	ignorePatterns: ['.cache', 'bench/results', 'test/mutation/report', 'coverage', '*.tgz'],
	concurrency: 2,
	thresholds: { high: 95, low: 90, break: null },
};
