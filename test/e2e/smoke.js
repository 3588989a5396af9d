'use strict';

// Checks the e2e infrastructure against the real n8n on both lines:
//   node test/e2e/smoke.js [1.x|2.x|all]
// Installs n8n when needed (minutes, the first time), then per line: imports
// credentials and workflows, executes them (success, failure, unknown id,
// the probe package loaded both ways), starts the server, sets up the owner,
// calls authenticated REST endpoints, runs a CLI execute beside the server,
// stops and cleans up. Prints timings and disk use.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureN8n } = require('./install-n8n');
const { createN8nInstance } = require('./n8n-instance');
const { runChecked } = require('./run-command');
const { CACHE_ROOT } = require('./paths');
const { threeItemsWorkflow, failingWorkflow, probeWorkflow } = require('./fixtures/workflows');

const PROBE_DIR = path.join(__dirname, 'fixtures', 'n8n-nodes-e2e-probe');
const PROBE_NODE = 'e2eProbe';

const log = (message) => console.log(`[smoke] ${message}`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function timed(fn) {
	const started = Date.now();
	const value = await fn();
	return [value, Date.now() - started];
}

async function packProbe(destination) {
	const { stdout } = await runChecked(
		'npm',
		['pack', '--json', '--pack-destination', destination],
		{ cwd: PROBE_DIR },
	);
	return path.join(destination, JSON.parse(stdout)[0].filename);
}

async function diskUse(dir) {
	if (!fs.existsSync(dir)) return 'n/a';
	const { stdout } = await runChecked('du', ['-sh', dir]);
	return stdout.split('\t')[0];
}

function groupAlive(pid) {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function checkExecutions(inst, report) {
	const packageType = `${inst.installedPackage.name}.${PROBE_NODE}`;
	const customType = `CUSTOM.${PROBE_NODE}`;
	await inst.importCredentials([
		{
			id: 'e2eCredHeader01',
			name: 'E2E header auth',
			type: 'httpHeaderAuth',
			data: { name: 'X-E2E', value: 'secret' },
		},
		{
			id: 'e2eCredProbe001',
			name: 'E2E probe credential',
			type: 'e2eProbeApi',
			data: { token: 't0ken' },
		},
	]);
	const [ids, importMs] = await timed(() =>
		inst.importWorkflow([
			threeItemsWorkflow(),
			failingWorkflow(),
			probeWorkflow('e2eProbeWf00001', customType, packageType),
		]),
	);
	report.importMs = importMs;
	assert.deepEqual(ids, ['e2eThreeItems01', 'e2eFailing00001', 'e2eProbeWf00001']);

	const three = await inst.execute('e2eThreeItems01');
	report.executeMs = three.ms;
	assert.equal(
		three.ok,
		true,
		`three-items run failed: ${three.error?.message}\n${three.stdout.slice(-2000)}`,
	);
	assert.equal(three.exitCode, 0);
	assert.deepEqual(three.nodeItems('Code'), [{ i: 1 }, { i: 2 }, { i: 3 }]);
	assert.deepEqual(
		three.nodeItems('Set').map((item) => item.doubled),
		[2, 4, 6],
	);
	assert.deepEqual(three.nodeNames(), ['Manual Trigger', 'Code', 'Set']);
	log(`${inst.line}: execute (Manual Trigger → Code → Set) ok in ${seconds(three.ms)}`);

	const failing = await inst.execute('e2eFailing00001');
	report.failingMs = failing.ms;
	assert.equal(failing.ok, false);
	assert.equal(failing.exitCode, 1);
	assert.equal(failing.status, 'error');
	assert.match(failing.error.message, /e2e boom/);
	assert.equal(failing.error.node, 'Throw');
	assert.match(failing.nodeError('Throw').message, /e2e boom/);
	log(
		`${inst.line}: failing workflow reported "${failing.error.message}" on node ${failing.error.node}`,
	);

	const missing = await inst.execute('doesNotExist0001');
	assert.equal(missing.ok, false);
	assert.match(missing.error.message, /does not exist/);

	const probe = await inst.execute('e2eProbeWf00001');
	assert.equal(
		probe.ok,
		true,
		`probe run failed: ${probe.error?.message}\n${probe.stdout.slice(-2000)}`,
	);
	assert.deepEqual(
		probe.nodeItems('Probe custom'),
		[0, 1].map((i) => ({ probe: customType, i })),
	);
	assert.deepEqual(
		probe.nodeItems('Probe package'),
		[0, 1, 2, 3].map((i) => ({ probe: packageType, i })),
	);
	log(
		`${inst.line}: community package ran as ${customType} (N8N_CUSTOM_EXTENSIONS) and ${packageType} (tarball)`,
	);
}

async function checkServer(inst, report) {
	await inst.start();
	report.startMs = inst.startMs;
	log(`${inst.line}: n8n start ready at ${inst.url} after ${seconds(inst.startMs)}`);
	const pid = inst.server.pid;

	const anonymous = await fetch(`${inst.url}/rest/credentials`);
	assert.equal(anonymous.status, 401);

	const owner = await inst.setupOwner({
		email: 'owner@e2e.test',
		password: 'E2e-Passw0rd!',
		firstName: 'E2E',
		lastName: 'Owner',
	});
	assert.equal(owner.email, 'owner@e2e.test');

	const credentials = await inst.rest('GET', '/rest/credentials');
	assert.equal(credentials.status, 200, credentials.text);
	const names = credentials.data.map((credential) => credential.name).sort();
	assert.deepEqual(names, ['E2E header auth', 'E2E probe credential']);

	const packageType = `${inst.installedPackage.name}.${PROBE_NODE}`;
	const nodeTypes = await inst.rest('POST', '/rest/node-types', {
		nodeInfos: [{ name: packageType, version: 1 }],
	});
	assert.equal(nodeTypes.status, 200, nodeTypes.text);
	assert.equal(nodeTypes.data[0]?.displayName, 'E2E Probe');
	log(
		`${inst.line}: owner set up; GET /rest/credentials and POST /rest/node-types answered as the owner`,
	);

	// A CLI run beside the server: separate task broker port, same database.
	const beside = await inst.execute('e2eThreeItems01');
	assert.equal(
		beside.ok,
		true,
		`execute beside the server failed: ${beside.error?.message}\n${beside.stdout.slice(-2000)}`,
	);

	const [, stopMs] = await timed(() => inst.stop());
	report.stopMs = stopMs;
	assert.equal(groupAlive(pid), false, 'n8n start left processes behind');
}

async function smokeLine(line, tarball) {
	const report = { line };
	const [install, ensureMs] = await timed(() => ensureN8n(line, { verify: 'full' }));
	report.version = install.version;
	report.node = install.nodeVersion;
	report.ensureMs = ensureMs;
	log(
		`${line}: n8n ${install.version} on Node ${install.nodeVersion} ready (${seconds(ensureMs)})`,
	);

	const inst = await createN8nInstance({
		line,
		install,
		customExtensions: PROBE_DIR,
		packageTarball: tarball,
	});
	try {
		await checkExecutions(inst, report);
		await checkServer(inst, report);
	} finally {
		await inst.dispose();
	}
	assert.equal(fs.existsSync(inst.userFolder), false);
	report.disk = await diskUse(path.join(CACHE_ROOT, line));
	return report;
}

async function main() {
	const which = process.argv[2] || 'all';
	const lines = which === 'all' ? ['1.x', '2.x'] : [which];
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-smoke-'));
	const reports = [];
	let failed = 0;
	try {
		const tarball = await packProbe(scratch);
		for (const line of lines) {
			try {
				reports.push(await smokeLine(line, tarball));
			} catch (error) {
				failed++;
				console.error(`[smoke] ${line}: FAILED: ${error.stack || error.message}`);
			}
		}
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
	for (const r of reports) {
		log(
			`${r.line}: n8n ${r.version} / Node ${r.node}: ensureN8n ${seconds(r.ensureMs)}, import ${seconds(r.importMs)}, ` +
				`execute ${seconds(r.executeMs)} (failing run ${seconds(r.failingMs)}), start ${seconds(r.startMs)}, ` +
				`stop ${seconds(r.stopMs)}, disk ${r.disk}`,
		);
	}
	if (lines.includes('2.x')) log(`node24: disk ${await diskUse(path.join(CACHE_ROOT, 'node24'))}`);
	console.log(`smoke: ${reports.length} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

main();
