/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.tsx?$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }],
	},
	testTimeout: 60000,
	// The tests load dist/: build first when a source is newer than the last build.
	globalSetup: '<rootDir>/test/helpers/build-if-stale.js',
	setupFilesAfterEnv: ['<rootDir>/test/helpers/jest.setup.ts'],
};
