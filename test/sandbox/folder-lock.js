'use strict';

// Keeps a second `npm start` from wiping the user folder of one that runs.
// The lock is a folder holding the owner's pid, renamed into place whole (so
// nobody sees it without its pid); a lock whose process is gone is taken over.

const fs = require('node:fs');
const path = require('node:path');

function holder(lockDir) {
	try {
		const pid = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
		process.kill(pid, 0);
		return pid;
	} catch {
		return null;
	}
}

/** @returns {() => void} release */
function lockFolder(folder) {
	const lockDir = `${folder}.lock`;
	const draft = `${lockDir}.${process.pid}`;
	fs.mkdirSync(draft, { recursive: true });
	fs.writeFileSync(path.join(draft, 'pid'), String(process.pid));
	for (;;) {
		try {
			fs.renameSync(draft, lockDir);
			return () => fs.rmSync(lockDir, { recursive: true, force: true });
		} catch (error) {
			if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
			const pid = holder(lockDir);
			if (pid) {
				fs.rmSync(draft, { recursive: true, force: true });
				throw new Error(
					`Another sandbox (pid ${pid}) is using ${folder}; stop it first (Ctrl-C in its terminal).`,
				);
			}
			fs.rmSync(lockDir, { recursive: true, force: true });
		}
	}
}

module.exports = { lockFolder };
