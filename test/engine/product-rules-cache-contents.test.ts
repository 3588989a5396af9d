import type { ChildProcess } from 'child_process';
import { spawn, spawnSync } from 'child_process';
import * as path from 'path';
import { getHeapSnapshot } from 'v8';

import { CardepassEngine, REPO_ROOT } from '../helpers/engine';

/** Cards issued before the one checked: other test files' simulators in this process never issue this many. */
const CARDS_ISSUED = 40;
const CARD_ID = `CARD${1_000_000 + CARDS_ISSUED}`;

/**
 * Issues the cards at the simulator and returns the last one's number, all in another process and kept as
 * bytes: a string holding the number would be in this process's heap and found by the search itself.
 */
function issueCardsAndReadNumber(baseUrl: string): Buffer {
	const script = `
		const base = ${JSON.stringify(baseUrl)};
		(async () => {
			const token = (await (await fetch(base + '/connect/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'sandbox-client', client_secret: 'sandbox-secret', scope: 'openapi' }) })).json()).access_token;
			const headers = { 'content-type': 'application/json', authorization: 'Bearer ' + token };
			for (let i = 0; i < ${CARDS_ISSUED}; i++) {
				await fetch(base + '/v1/orders/standard/apply', { method: 'POST', headers,
					body: JSON.stringify({ productCode: 'PROD001', cardCurrency: 'USD', topUpAmount: 20, customerOrderNo: 'MEMORY-' + i }) });
			}
			const card = (await (await fetch(base + '/v1/cards/${CARD_ID}', { headers })).json()).data;
			process.stdout.write(card.cardNumber);
		})();`;
	const { stdout } = spawnSync(process.execPath, ['-e', script]);
	if (stdout.length < 12) throw new Error('the simulator issued no card to look for');
	return stdout;
}

/** The simulator in a process of its own, so the only card data in this process's memory is what the node kept. */
async function startSimulatorProcess(): Promise<{ baseUrl: string; process: ChildProcess }> {
	const child = spawn(
		process.execPath,
		[
			path.join(REPO_ROOT, 'test/simulator/cli.js'),
			'--port',
			'0',
			'--revision',
			'1.4',
			'--history',
			'0',
		],
		{
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	const baseUrl = await new Promise<string>((resolve, reject) => {
		let printed = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			printed += chunk.toString();
			const found = /Base URL:\s+(\S+)/.exec(printed);
			if (found) resolve(found[1]);
		});
		child.on('exit', (code) => reject(new Error(`the simulator stopped (${code})`)));
	});
	return { baseUrl, process: child };
}

async function stopSimulator(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return;
	await new Promise((resolve) => {
		child.once('exit', resolve);
		child.kill();
	});
	// Wait until the client has seen every connection close (at most 10 s).
	for (
		let waited = 0;
		waited < 10_000 && process.getActiveResourcesInfo().includes('TCPSocketWrap');
		waited += 50
	) {
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** Whether these bytes are anywhere in this process's heap (a heap snapshot collects garbage first). */
async function heapHolds(bytes: Buffer): Promise<boolean> {
	let tail = Buffer.alloc(0);
	for await (const chunk of getHeapSnapshot()) {
		const window = Buffer.concat([tail, chunk as Buffer]);
		if (window.includes(bytes)) return true;
		tail = window.subarray(window.length - bytes.length);
	}
	return false;
}

describe('what a product-rule check keeps in memory', () => {
	jest.setTimeout(180_000);

	let simulator: Awaited<ReturnType<typeof startSimulatorProcess>>;

	beforeAll(async () => {
		simulator = await startSimulatorProcess();
	});
	afterAll(async () => {
		await stopSimulator(simulator.process);
	});

	test("a top-up checked against the rules keeps the card's product, currency and model, not its number", async () => {
		const cardNumber = issueCardsAndReadNumber(simulator.baseUrl);
		const engine = await CardepassEngine.create({ baseUrl: simulator.baseUrl });
		const { items, error } = await engine.run({
			resource: 'card',
			operation: 'topUp',
			cardId: CARD_ID,
			topUpAmount: 5,
		});

		// The check ran: the card's product and currency were read to find the rule that refused the amount.
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'This product takes top-ups of at least 10 USD, not 5 (PROD001, Standard card in USD)',
		);
		// n8n's HTTP client keeps the last answer of each connection it keeps open; closing the server closes them.
		await stopSimulator(simulator.process);
		expect(await heapHolds(cardNumber)).toBe(false);
	});
});
