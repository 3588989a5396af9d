/**
 * `npm test`'s scanner step (test/scan-package.js) fails on what n8n's scanner finds: a copy of the built
 * package whose package.json has lost the author email is reported, in the source and in the tarball.
 */
import { spawnSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const scan = (dir?: string) =>
	spawnSync('node', ['test/scan-package.js', ...(dir ? [dir] : [])], {
		cwd: root,
		encoding: 'utf8',
		timeout: 120_000,
	});

test('the built package has no finding', () => {
	const result = scan();
	expect(result.stdout).toContain('scan: 2 passed, 0 failed');
	expect(result.status).toBe(0);
});

test('a package.json without an author email fails the scan of the source and of the tarball', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'cardepass-scan-'));
	try {
		for (const entry of [
			'dist',
			'nodes',
			'credentials',
			'index.js',
			'README.md',
			'LICENSE',
			'CHANGELOG.md',
		]) {
			cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
		}
		const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
		delete manifest.author.email;
		writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, '\t'));

		const result = scan(dir);

		expect(result.status).toBe(1);
		expect(result.stdout).toContain('The "author" field must include a non-empty email');
		expect(result.stdout).toMatch(/FAIL source/);
		expect(result.stdout).toMatch(/FAIL packed tarball/);
		expect(result.stdout).toContain('scan: 0 passed, 2 failed');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
