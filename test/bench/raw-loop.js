'use strict';

// The floor: a plain HTTP client loop (Node's fetch, keep-alive) doing the same top-ups at a fixed
// concurrency, with one token.

const { directToken } = require('../e2e/simulator-access');

/**
 * Sends one top-up per Customer Order No, `concurrency` at a time.
 * @returns {Promise<{ ms: number, failed: number }>}
 */
async function rawTopUps(sim, { orders, concurrency, cardId, amount }) {
	const started = process.hrtime.bigint();
	const token = await directToken(sim);
	let next = 0;
	let failed = 0;
	async function worker() {
		while (next < orders.length) {
			const customerOrderNo = orders[next++];
			const response = await fetch(`${sim.baseUrl}/v1/orders/standard/topup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
				body: JSON.stringify({ cardId, topUpAmount: amount, customerOrderNo }),
			});
			const body = await response.json();
			if (!response.ok || body.hasError) failed++;
		}
	}
	await Promise.all(Array.from({ length: concurrency }, worker));
	return { ms: Number(process.hrtime.bigint() - started) / 1e6, failed };
}

module.exports = { rawTopUps };
