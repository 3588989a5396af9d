'use strict';

// Resident memory of a process (VmRSS in /proc/<pid>/status) and, apart, of all its descendants (n8n
// 2.x starts a task runner child), sampled every few milliseconds in a worker thread: the bench process
// also runs the simulator, whose answers would otherwise delay the samples. Linux only.

const fs = require('node:fs');
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');

const DEFAULT_INTERVAL_MS = 50;
// Children appear rarely (the task runner starts with n8n): look for them every second, not every sample.
const DESCENDANTS_EVERY_MS = 1000;

function vmRssKb(pid) {
	try {
		const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : 0;
	} catch {
		return 0; // gone
	}
}

function childrenOf(pid) {
	try {
		return fs
			.readdirSync(`/proc/${pid}/task`)
			.flatMap((tid) =>
				fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(/\s+/).filter(Boolean),
			)
			.map(Number);
	} catch {
		return [];
	}
}

function descendantsOf(pid) {
	const found = [];
	for (let queue = childrenOf(pid); queue.length > 0; ) {
		const child = queue.shift();
		found.push(child);
		queue.push(...childrenOf(child));
	}
	return found;
}

function runWorker({ pid, intervalMs }) {
	const samples = [];
	let descendants = descendantsOf(pid);
	let lookedAt = Date.now();
	const take = () => {
		const t = Date.now();
		if (t - lookedAt >= DESCENDANTS_EVERY_MS) {
			descendants = descendantsOf(pid);
			lookedAt = t;
		}
		samples.push({
			t,
			mainKb: vmRssKb(pid),
			othersKb: descendants.reduce((sum, child) => sum + vmRssKb(child), 0),
		});
	};
	take();
	const timer = setInterval(take, intervalMs);
	parentPort.once('message', () => {
		clearInterval(timer);
		take();
		parentPort.postMessage({ samples, descendants });
	});
}

/**
 * Starts sampling `pid`. `stop()` resolves with every sample ({ t, mainKb, othersKb }, othersKb = the sum
 * over its descendants) and the descendants' pids last seen.
 */
function startRssSampler(pid, { intervalMs = DEFAULT_INTERVAL_MS } = {}) {
	if (!fs.existsSync(`/proc/${pid}/status`))
		throw new Error(`no process ${pid} to sample (RSS is read from /proc, Linux only)`);
	const worker = new Worker(__filename, { workerData: { pid, intervalMs } });
	const result = new Promise((resolve, reject) => {
		worker.once('message', resolve);
		worker.once('error', reject);
	});
	return {
		async stop() {
			worker.postMessage('stop');
			const samples = await result;
			await worker.terminate();
			return samples;
		},
	};
}

/** The largest gap between two samples: how well the sampler kept its pace. */
function largestGapMs(samples) {
	let gap = 0;
	for (let i = 1; i < samples.length; i++) gap = Math.max(gap, samples[i].t - samples[i - 1].t);
	return gap;
}

const megabytes = (kb) => Math.round((kb / 1024) * 10) / 10;

module.exports = { startRssSampler, largestGapMs, megabytes, vmRssKb };

if (!isMainThread && workerData?.pid) runWorker(workerData);
