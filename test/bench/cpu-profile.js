'use strict';

// Reads a V8 CPU profile (`node --cpu-prof`) of an `n8n execute` run and splits the node's run among
// whose code was running: this node's (or the floor's), n8n's engine, the Node.js runtime with no n8n
// or node code above it (sockets, HTTP parsing, timers), the garbage collector. A sample belongs to the
// nearest frame, from the leaf up, that is either package's or n8n's; libraries (lodash, axios, Node's
// own modules) count for whoever called them.

const fs = require('node:fs');

const OWNERS = [
	['this node', /\/n8n-nodes-cardepass\/|\/test\/bench\/floor-node\//],
	['n8n', /\/(n8n-core|n8n-workflow|n8n-nodes-base|n8n|@n8n\/[^/]+)\/dist\//],
];
const SPECIAL = {
	'(garbage collector)': 'garbage collector',
	'(idle)': 'idle',
	'(program)': 'V8 and Node.js internals',
	'(root)': 'V8 and Node.js internals',
};
// The run of the node under test: from the first sample inside one of these to the last one. Loading
// the package's modules at boot is not its run.
const NODE_RUN =
	/routing-node\.js|HttpRequestV3\.node\.js|\/n8n-nodes-cardepass\/dist\/nodes\/Cardepass\/shared\//;
const LOADING = /^node:internal\/modules\/|load-class-in-isolation\.js|directory-loader\.js/;
const inNodeRun = (stack) =>
	!stack.some((frame) => LOADING.test(frame.url)) &&
	stack.some(
		(frame) => NODE_RUN.test(frame.url) && !(frame.lineNumber === 0 && !frame.functionName),
	);

function load(file) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const stackOf = (id) => {
		const stack = [];
		for (let at = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at).callFrame);
		return stack; // leaf first
	};
	const samples = profile.samples.map((id, i) => ({
		stack: stackOf(id),
		us: profile.timeDeltas[i + 1] ?? 0,
	}));
	return samples;
}

const shortUrl = (url) =>
	url
		.replace(/^file:\/\//, '')
		.replace(/^.*\/node_modules\//, '')
		.replace(/^.*\/test\/bench\//, 'test/bench/');
const frameName = (frame) =>
	`${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;

function ownerOf(stack) {
	const leaf = stack[0];
	if (SPECIAL[leaf.functionName] && !leaf.url) return SPECIAL[leaf.functionName];
	for (const frame of stack) {
		for (const [owner, pattern] of OWNERS) if (pattern.test(frame.url)) return owner;
	}
	return 'Node.js runtime (I/O, HTTP, timers)';
}

/**
 * The split of the node's run, in ms, with the top functions of this node and of n8n. The run starts at
 * the first sample inside it and lasts `runMs` (n8n's own timing of the node) when given, else until
 * the last sample inside it.
 */
function analyse(file, { top = 8, runMs } = {}) {
	const samples = load(file);
	const inRun = samples.map((sample) => inNodeRun(sample.stack));
	const first = inRun.indexOf(true);
	if (first < 0) throw new Error(`${file}: no sample inside the node's run`);
	let last = inRun.lastIndexOf(true);
	if (runMs) {
		let elapsedUs = 0;
		for (last = first; last < samples.length - 1 && elapsedUs < runMs * 1000; last++)
			elapsedUs += samples[last].us;
	}
	const window = samples.slice(first, last + 1);
	const byOwner = {};
	const selfByOwner = { 'this node': new Map(), n8n: new Map() };
	const inclusiveN8n = new Map();
	for (const { stack, us } of window) {
		const owner = ownerOf(stack);
		byOwner[owner] = (byOwner[owner] ?? 0) + us;
		if (selfByOwner[owner]) {
			// The owner's own frame nearest the leaf, with what it called from libraries.
			const frame = stack.find((f) => OWNERS.find(([name]) => name === owner)[1].test(f.url));
			const name = frameName(frame);
			selfByOwner[owner].set(name, (selfByOwner[owner].get(name) ?? 0) + us);
		}
		const seen = new Set();
		for (const frame of stack) {
			if (!OWNERS[1][1].test(frame.url)) continue;
			const name = frameName(frame);
			if (seen.has(name)) continue;
			seen.add(name);
			inclusiveN8n.set(name, (inclusiveN8n.get(name) ?? 0) + us);
		}
	}
	const ms = (us) => Math.round(us / 100) / 10;
	const ranked = (map) =>
		[...map.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.map(([name, us]) => ({ name, ms: ms(us) }));
	return {
		windowMs: ms(window.reduce((sum, sample) => sum + sample.us, 0)),
		byOwnerMs: Object.fromEntries(
			Object.entries(byOwner)
				.sort((a, b) => b[1] - a[1])
				.map(([owner, us]) => [owner, ms(us)]),
		),
		topThisNode: ranked(selfByOwner['this node']),
		topN8nSelf: ranked(selfByOwner.n8n),
		topN8nInclusive: ranked(inclusiveN8n),
	};
}

module.exports = { analyse };

if (require.main === module) {
	const runMs = process.argv[3] ? Number(process.argv[3]) : undefined;
	process.stdout.write(
		`${JSON.stringify(analyse(process.argv[2], { runMs, top: 15 }), null, 2)}\n`,
	);
}
