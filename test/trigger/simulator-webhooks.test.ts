/** The simulator sends notifications as the provider does: signed, in each variant, retried, and on a card payment. */
import { createHmac } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';

import { seed, startSimulator as startPlainSimulator } from '../simulator';
import type { createWebhooks } from '../simulator/webhooks';

/** The simulator with its webhook members (index.js adds them from webhooks.js). */
type WebhookSimulator = Awaited<ReturnType<typeof startPlainSimulator>> &
	ReturnType<typeof createWebhooks>;
const startSimulator = async (options: Parameters<typeof startPlainSimulator>[0]) =>
	(await startPlainSimulator(options)) as WebhookSimulator;

const SECRET = 'sim-webhook-secret-1';

/** A receiver that keeps every body as sent and answers what `answer` says. */
async function receiver(answer: (count: number) => object) {
	const bodies: string[] = [];
	const server = http.createServer(async (request, response) => {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		bodies.push(Buffer.concat(chunks).toString('utf8'));
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end(JSON.stringify(answer(bodies.length)));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
	return {
		url,
		bodies,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** The data field's text in a body: from `"data":` to the matching brace (the simulator's bodies have no braces in strings). */
function dataText(body: string): string {
	const start = body.indexOf('{', body.indexOf('"data"'));
	let depth = 0;
	for (let index = start; index < body.length; index++) {
		if (body[index] === '{') depth++;
		if (body[index] === '}' && --depth === 0) return body.slice(start, index + 1);
	}
	throw new Error('no data');
}

const javaSignature = (envelope: Record<string, string>, data: string, secret: string) =>
	createHmac('sha256', secret)
		.update(envelope.id + envelope.type + envelope.createdTime + data + envelope.version, 'utf8')
		.digest('base64');

describe('simulator webhooks', () => {
	it('a card payment stores the transaction and sends one signed CardPay, answered success', async () => {
		const hook = await receiver(() => ({ success: true, errorCode: '', errorMessage: '' }));
		const sim = await startSimulator({
			revision: '1.4',
			webhook: { url: hook.url, secret: SECRET },
		});
		try {
			const before = sim.state.transactions.length;
			const { data, delivery } = await sim.cardPayment(seed.SEED_CARD_IDS.standardEur, {
				status: 'AuthFailure',
				merchantName: 'Odd Shop',
				amount: 12.5,
			});
			expect(sim.state.transactions).toHaveLength(before + 1);
			expect(hook.bodies).toHaveLength(1);
			const envelope = JSON.parse(hook.bodies[0]);
			expect(envelope).toMatchObject({
				type: 'CardPay',
				version: '1.0',
				data: {
					status: 'AuthFailure',
					merchantName: 'Odd Shop',
					cardInfo: { id: seed.SEED_CARD_IDS.standardEur },
				},
			});
			expect(envelope.id).toMatch(/^[0-9a-f]{32}$/);
			expect(envelope.data).toEqual(data);
			expect(envelope.data.transAmount).toEqual({ amount: 12.5, currency: 'EUR' });
			expect(envelope.data.cardInfo.maskCardNumber).toMatch(/^\d{6}\*{6}\d{4}$/);
			expect(envelope.signature).toBe(javaSignature(envelope, dataText(hook.bodies[0]), SECRET));
			expect(delivery!.attempts).toEqual([expect.objectContaining({ status: 200, ok: true })]);
		} finally {
			await sim.close();
			await hook.close();
		}
	});

	it('sends the same body again while the answer is not a success', async () => {
		const hook = await receiver((count) =>
			count < 3
				? { success: false, errorCode: 'INVALID_SIGNATURE', errorMessage: 'x' }
				: { success: true, errorCode: '', errorMessage: '' },
		);
		const sim = await startSimulator({
			webhook: { url: hook.url, secret: SECRET, retries: 5, retryDelayMs: 10 },
		});
		try {
			const { delivery } = await sim.cardPayment(seed.SEED_CARD_IDS.standardUsd);
			expect(delivery!.attempts.map((attempt: { ok: boolean }) => attempt.ok)).toEqual([
				false,
				false,
				true,
			]);
			expect(new Set(hook.bodies).size).toBe(1);
		} finally {
			await sim.close();
			await hook.close();
		}
	});

	it('variants: signatures a receiver must accept, and ones it must refuse', async () => {
		const hook = await receiver(() => ({ success: true, errorCode: '', errorMessage: '' }));
		const sim = await startSimulator({ webhook: { url: hook.url, secret: SECRET } });
		try {
			const card = sim.getCard(seed.SEED_CARD_IDS.standardUsd)!;
			const { webhooks } = await import('../simulator');
			const data = webhooks.cardPayData(card, {});
			const verdict: Record<string, boolean> = {};
			for (const variant of webhooks.VARIANTS) {
				const delivery = await sim.sendNotification({ data }, { variant });
				const envelope = JSON.parse(delivery.body);
				const raw = dataText(delivery.body);
				const php = JSON.stringify(envelope.data)
					.replace(/\//g, '\\/')
					.replace(
						/[\u0080-\uffff]/g,
						(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
					);
				verdict[variant] =
					envelope.signature === javaSignature(envelope, raw, SECRET) ||
					envelope.signature === javaSignature(envelope, php, SECRET);
			}
			expect(verdict).toEqual({
				signed: true,
				prettyPrinted: true,
				phpEscapedBody: true,
				phpSignature: true,
				reformatted: false,
				badlySigned: false,
				unsigned: false,
				tampered: false,
			});
		} finally {
			await sim.close();
			await hook.close();
		}
	});
});
