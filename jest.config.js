/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.tsx?$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }],
	},
	testTimeout: 60000,
	setupFilesAfterEnv: ['<rootDir>/test/helpers/jest.setup.ts'],
};
