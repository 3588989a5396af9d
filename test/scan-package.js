#!/usr/bin/env node
'use strict';
// `npm run scan`: n8n's verification scanner (@n8n/scan-community-package), offline. The scanner itself
// only takes a published package name; this runs its exported analysis the way it does for one: the
// source (package.json, nodes/, credentials/) and the packed tarball (its JavaScript and package.json).
// Needs a build (`npm run build`). Ends with "scan: N passed, M failed"; exit code 1 on any finding.
// `node test/scan-package.js [package folder]`: the repository by default.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
const scannerDir = path.dirname(require.resolve('@n8n/scan-community-package/package.json'));

/** `npm pack` into a temporary folder, unpacked the way the scanner unpacks a download. */
function packAndUnpack(workDir) {
	const [report] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', workDir], {
			cwd: root,
			encoding: 'utf8',
		}),
	);
	const packageDir = path.join(workDir, 'package');
	fs.mkdirSync(packageDir);
	execFileSync('tar', [
		'-xzf',
		path.join(workDir, report.filename),
		'-C',
		packageDir,
		'--strip-components=1',
	]);
	return { packageDir, tarball: report.filename };
}

function builtFilesMissing() {
	const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	return [...manifest.n8n.nodes, ...manifest.n8n.credentials].filter(
		(file) => !fs.existsSync(path.join(root, file)),
	);
}

async function main() {
	const missing = builtFilesMissing();
	if (missing.length > 0) {
		console.log(`not built (${missing.join(', ')} missing): run \`npm run build\` first`);
		console.log('scan: 0 passed, 1 failed');
		process.exit(1);
	}

	// eslint-plugin-n8n-nodes-base switches its rules to a mode for its own tests under NODE_ENV=test (which
	// jest sets); n8n never scans in it.
	delete process.env.NODE_ENV;
	// The scanner makes a temporary folder as it loads; let the same `tmp` module remove it on exit.
	require(require.resolve('tmp', { paths: [scannerDir] })).setGracefulCleanup();
	const scanner = await import(path.join(scannerDir, 'scanner', 'scanner.mjs'));

	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardepass-scan-'));
	try {
		const { packageDir, tarball } = packAndUnpack(workDir);
		const checks = [
			{
				name: 'source (package.json, nodes/, credentials/)',
				dir: root,
				patterns: scanner.SOURCE_FILE_PATTERNS,
			},
			{
				name: `packed tarball ${tarball} (JavaScript and package.json)`,
				dir: packageDir,
				patterns: ['**/*.js', 'package.json'],
			},
		];
		let passed = 0;
		let failed = 0;
		for (const check of checks) {
			const result = await scanner.analyzePackage(check.dir, check.patterns);
			if (result.passed && !result.message) {
				passed++;
				console.log(`ok   ${check.name}: no finding`);
			} else {
				failed++;
				console.log(`FAIL ${check.name}: ${result.message ?? 'nothing analysed'}`);
				if (result.details) console.log(result.details);
			}
		}
		console.log(`scan: ${passed} passed, ${failed} failed`);
		process.exitCode = failed > 0 ? 1 : 0;
	} finally {
		fs.rmSync(workDir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.log(error.stack ?? String(error));
	console.log('scan: 0 passed, 1 failed');
	process.exit(1);
});
