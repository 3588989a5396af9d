// `npm run bench`: the benchmarks run the built node in n8n's engine and print figures; they assert only
// that the work was done, never how fast.
const base = require('../../jest.config.js');

module.exports = {
	...base,
	rootDir: '../..',
	testMatch: ['**/test/bench/*.bench.ts'],
	testTimeout: 600_000,
};
