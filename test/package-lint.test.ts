/**
 * The lint step of `npm test` (`npm run lint`, n8n's own lint configuration) reads package.json with the
 * rules n8n's verification applies: each broken copy, linted beside the project's lint configuration,
 * fails and names what is wrong; the unbroken copy passes.
 */
import { spawnSync } from 'child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
type Manifest = Record<string, any>;
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;

/** Runs the lint step in a folder holding only the given package.json, the lint and format configuration and node_modules. */
function lint(packageJson: Manifest): { status: number | null; output: string } {
	const dir = mkdtempSync(path.join(tmpdir(), 'cardepass-lint-'));
	try {
		writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(packageJson, null, '\t')}\n`);
		for (const config of ['eslint.config.mjs', '.prettierrc.js', '.prettierignore'])
			copyFileSync(path.join(root, config), path.join(dir, config));
		symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
		// Jest sets NODE_ENV=test, which switches eslint-plugin-n8n-nodes-base's package.json rules to their
		// own test mode; a lint run never has it.
		const { NODE_ENV: _jestOnly, ...env } = process.env;
		const result = spawnSync('npm', ['run', 'lint', '--silent'], {
			cwd: dir,
			encoding: 'utf8',
			env: { ...env, FORCE_COLOR: '0' },
			timeout: 120_000,
		});
		return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const broken: Array<[string, (copy: Manifest) => void, RegExp]> = [
	[
		'a name outside the n8n-nodes-* convention',
		(copy) => (copy.name = 'cardepass-for-n8n'),
		/Package name "cardepass-for-n8n" must follow the convention/,
	],
	[
		'a runtime dependency',
		(copy) => (copy.dependencies = { axios: '^1.12.0' }),
		/The "dependencies" field must be empty or absent/,
	],
	[
		'an author without an email',
		(copy) => delete copy.author.email,
		/The "author" field must include a non-empty email/,
	],
	[
		'no n8n-community-node-package keyword',
		(copy) => (copy.keywords = ['n8n', 'cardepass']),
		/keywords-without-official-tag/,
	],
];

describe('the lint step reads package.json', () => {
	test("the project's package.json passes", () => {
		const { status, output } = lint(manifest);
		expect(output).not.toMatch(/error/i);
		expect(status).toBe(0);
	});

	test.each(broken)('fails on %s', (_case, breakIt, problem) => {
		const copy = structuredClone(manifest);
		breakIt(copy);
		const { status, output } = lint(copy);
		expect(output).toMatch(problem);
		expect(status).not.toBe(0);
	});
});
