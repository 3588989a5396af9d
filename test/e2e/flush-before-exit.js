'use strict';

// Loaded into `n8n execute` with `node --require` (NODE_OPTIONS): holds `process.exit` back until stdout
// is quiet. `n8n execute` prints its run through its logger and exits at once; when the reader of the
// pipe is slow (a busy machine) the end of the run is lost with the process, and the run cannot be read.

const QUIET_MS = 300;
const MOST_MS = 60_000;

let lastWrite = Date.now();
const write = process.stdout.write;
process.stdout.write = function (...args) {
	lastWrite = Date.now();
	return write.apply(this, args);
};
const exit = process.exit;
process.exit = (code) => {
	const asked = Date.now();
	const exitWhenQuiet = () => {
		const quiet = Date.now() - lastWrite >= QUIET_MS && process.stdout.writableLength === 0;
		if (quiet || Date.now() - asked > MOST_MS) exit.call(process, code);
		else setTimeout(exitWhenQuiet, 50);
	};
	setTimeout(exitWhenQuiet, 50);
};
