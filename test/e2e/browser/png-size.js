'use strict';

const fs = require('node:fs');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file) {
	const header = Buffer.alloc(24);
	const fd = fs.openSync(file, 'r');
	try {
		fs.readSync(fd, header, 0, 24, 0);
	} finally {
		fs.closeSync(fd);
	}
	if (header.toString('latin1', 12, 16) !== 'IHDR') throw new Error(`${file} is not a PNG`);
	return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
}

module.exports = { pngSize };
