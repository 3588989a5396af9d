'use strict';

// One workflow run inside a freshly started n8n server (regular mode: the run happens in the main
// process), started at its production webhook, with the server's resident memory sampled meanwhile.
// A fresh start for every run: V8 keeps the heap a run grew, which would hide the next run's growth.

const fs = require('node:fs');
const http = require('node:http');
const { median } = require('./report');
const { startRssSampler, largestGapMs, megabytes } = require('./rss-sampler');
const { waitForWebhook } = require('../e2e/webhook-ready');
const { listExecutions, getExecution, waitForFinished } = require('../e2e/queue/executions');

// After readiness n8n still settles (task runner start, first timers); idle is measured after this.
const SETTLE_MS = 3000;
const IDLE_SAMPLE_MS = 1000;
const RUN_TIMEOUT_MS = 30 * 60_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POSTs to a webhook that answers once its workflow ran. node:http, not fetch: fetch gives up on
 * answers whose headers take more than 300 s, and a long export takes longer.
 */
function postAndWait(url) {
	return new Promise((resolve, reject) => {
		const request = http.request(
			url,
			{ method: 'POST', headers: { 'content-type': 'application/json' } },
			(response) => {
				response.resume();
				response.once('end', () => resolve(response.statusCode));
				response.once('error', reject);
			},
		);
		request.setTimeout(RUN_TIMEOUT_MS, () =>
			request.destroy(new Error(`no answer from ${url} in ${RUN_TIMEOUT_MS / 60_000} min`)),
		);
		request.once('error', reject);
		request.end('{}');
	});
}

/** Activates the workflows from the CLI, before n8n starts: 1.x with update:workflow, 2.x publishes. */
async function activateWorkflows(instance, ids) {
	for (const id of ids) {
		const args =
			instance.line === '1.x'
				? ['update:workflow', `--id=${id}`, '--active=true']
				: ['publish:workflow', `--id=${id}`];
		await instance.cliChecked(args, `Activating ${id}`);
	}
}

/** The n8n process and its descendants as `ps` would name them, with their RSS. */
function processTree(pid) {
	const describe = (id) => {
		const command = fs
			.readFileSync(`/proc/${id}/cmdline`, 'utf8')
			.split('\0')
			.filter(Boolean)
			.map((part) => part.split('/').pop())
			.join(' ');
		const rss = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${id}/status`, 'utf8'));
		return `${id} ${command.slice(0, 80)} (${megabytes(Number(rss?.[1] ?? 0))} MB)`;
	};
	const children = (id) =>
		fs
			.readdirSync(`/proc/${id}/task`)
			.flatMap((tid) =>
				fs.readFileSync(`/proc/${id}/task/${tid}/children`, 'utf8').split(/\s+/).filter(Boolean),
			);
	const lines = [];
	const walk = (id, depth) => {
		lines.push(`${'  '.repeat(depth)}${describe(id)}`);
		for (const child of children(id)) walk(child, depth + 1);
	};
	walk(pid, 0);
	return lines;
}

/**
 * Starts n8n, waits for the webhook, measures idle RSS, posts to the webhook, waits until the execution
 * is stored, stops sampling, reads the execution and stops n8n.
 * @param {{ beforeRun: () => void, onStarted?: (pid: number) => void }} hooks beforeRun: reset the counters
 */
async function runOnFreshServer(instance, install, { workflowId, path, beforeRun, onStarted }) {
	await instance.start();
	try {
		await instance.ownerSession();
		await waitForWebhook(instance, path);
		await sleep(SETTLE_MS);
		const pid = instance.pid;
		onStarted?.(pid);
		const idleSampler = startRssSampler(pid);
		await sleep(IDLE_SAMPLE_MS);
		const idle = (await idleSampler.stop()).samples;
		const executionsBefore = (await listExecutions(instance, workflowId)).length;

		beforeRun();
		const sampler = startRssSampler(pid);
		let watched;
		let newest;
		try {
			await postAndWait(`${instance.url}/webhook/${path}`);
			[newest] = await waitForFinished(instance, workflowId, executionsBefore + 1, RUN_TIMEOUT_MS);
		} finally {
			watched = await sampler.stop();
		}
		const execution = await getExecution(instance, install, newest.id);
		const idleMainKb = median(idle.map((s) => s.mainKb));
		const idleOthersKb = median(idle.map((s) => s.othersKb));
		const peakMainKb = Math.max(...watched.samples.map((s) => s.mainKb));
		const firstT = watched.samples[0].t;
		const peakSample = watched.samples.find((s) => s.mainKb === peakMainKb);
		const peakOthersKb = Math.max(...watched.samples.map((s) => s.othersKb));
		return {
			execution,
			memory: {
				idleMb: megabytes(idleMainKb),
				peakAboveIdleMb: megabytes(peakMainKb - idleMainKb),
				othersPeakAboveIdleMb: megabytes(peakOthersKb - idleOthersKb),
				// When the peak came: during the node's run, or at the end when n8n stores the execution.
				peakAtSeconds: +((peakSample.t - firstT) / 1000).toFixed(1),
				watchedSeconds: +((watched.samples.at(-1).t - firstT) / 1000).toFixed(1),
				rssSamples: watched.samples.length,
				largestSampleGapMs: largestGapMs(watched.samples),
			},
		};
	} finally {
		await instance.stop();
	}
}

module.exports = { activateWorkflows, runOnFreshServer, processTree };
