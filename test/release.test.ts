/**
 * `npm run release -- <patch|minor|major>` is one step: npm version bumps package.json, the "version"
 * script turns CHANGELOG.md's Unreleased entries into the new version's section, and npm commits both and
 * tags vX.Y.Z (the tag the publish workflow starts on). Run in a scratch git repository holding the
 * project's package.json, .npmrc, CHANGELOG.md and gulpfile.
 */
import { execFileSync, spawnSync } from 'child_process';
import {
	copyFileSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
	version: string;
};
const gitIdentity = {
	GIT_AUTHOR_NAME: 'Release Test',
	GIT_AUTHOR_EMAIL: 'release@example.test',
	GIT_COMMITTER_NAME: 'Release Test',
	GIT_COMMITTER_EMAIL: 'release@example.test',
};
const unreleasedEntry = '- A change waiting for the next release.';

function nextMinor(version: string): string {
	const [major, minor] = version.split('.').map(Number);
	return `${major}.${minor + 1}.0`;
}

let dir: string;
const git = (...args: string[]) =>
	execFileSync('git', args, {
		cwd: dir,
		encoding: 'utf8',
		env: { ...process.env, ...gitIdentity },
	}).trim();

function scratchRepository(changelog: string) {
	dir = mkdtempSync(path.join(tmpdir(), 'cardepass-release-'));
	for (const file of ['package.json', '.npmrc', 'gulpfile.js']) {
		mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		copyFileSync(path.join(root, file), path.join(dir, file));
	}
	symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	writeFileSync(path.join(dir, 'CHANGELOG.md'), changelog);
	git('init', '-q');
	git('add', '-A');
	git('commit', '-q', '-m', 'start');
}

function release(bump: string) {
	return spawnSync('npm', ['run', 'release', '--', bump], {
		cwd: dir,
		encoding: 'utf8',
		env: { ...process.env, ...gitIdentity },
	});
}

afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('bumps the version, dates the Unreleased entries under it, commits both and tags the version', () => {
	const changelog = readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8').replace(
		'## Unreleased\n',
		`## Unreleased\n\n${unreleasedEntry}\n`,
	);
	scratchRepository(changelog);
	const next = nextMinor(manifest.version);

	const dayBefore = new Date().toISOString().slice(0, 10);
	const result = release('minor');
	const dayAfter = new Date().toISOString().slice(0, 10);

	expect(result.status).toBe(0);
	expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version).toBe(next);
	const released = readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8');
	// The release may run across midnight (UTC); its date is the day it ran.
	const today = released.includes(`## ${next} (${dayAfter})`) ? dayAfter : dayBefore;
	expect(released).toContain(`## Unreleased\n\n## ${next} (${today})\n\n${unreleasedEntry}\n`);
	expect(released).toMatch(new RegExp(`^## ${manifest.version.replace(/\./g, '\\.')}\\b`, 'm'));
	expect(git('tag', '--list')).toBe(`v${next}`);
	expect(git('log', '-1', '--format=%s')).toBe(next);
	expect(git('show', '--name-only', '--format=', 'HEAD').split('\n').sort()).toEqual([
		'CHANGELOG.md',
		'package.json',
	]);
	expect(git('status', '--porcelain')).toBe('');
});

test('refuses a release with nothing under Unreleased, and changes nothing', () => {
	const changelog = `# Changelog\n\n## Unreleased\n\n## ${manifest.version}\n\n- What shipped.\n`;
	scratchRepository(changelog);

	const result = release('patch');

	expect(result.status).not.toBe(0);
	expect(`${result.stdout}${result.stderr}`).toContain('nothing under "## Unreleased"');
	expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version).toBe(
		manifest.version,
	);
	expect(readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8')).toBe(changelog);
	expect(git('tag', '--list')).toBe('');
});
