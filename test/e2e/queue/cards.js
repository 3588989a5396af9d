'use strict';

// Cards for the bulk runs, issued straight at a simulator before n8n runs.
// New cards are numbered from CARD1000001 on, so every simulator has the same IDs.

const { directToken } = require('../simulator-access');

const OPENING_AMOUNT = 10;

/** Issues `count` standard USD cards at once; returns their IDs, sorted. */
async function issueCards(sim, count) {
	const token = await directToken(sim);
	await Promise.all(
		Array.from({ length: count }, async (_, index) => {
			const order = {
				productCode: 'PROD001',
				cardCurrency: 'USD',
				topUpAmount: OPENING_AMOUNT,
				customerOrderNo: `QUEUE-CARD-${index + 1}`,
			};
			const response = await fetch(`${sim.baseUrl}/v1/orders/standard/apply`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
				body: JSON.stringify(order),
			});
			const body = await response.json();
			if (!response.ok || body.hasError)
				throw new Error(`issue card ${index + 1}: HTTP ${response.status} ${JSON.stringify(body)}`);
		}),
	);
	const cardIds = sim
		.getOrders({ orderType: 'ApplyCard' })
		.map((order) => order.cardId)
		.sort();
	if (cardIds.length !== count || cardIds.some((cardId) => !cardId))
		throw new Error(`expected ${count} issued cards, got ${JSON.stringify(cardIds)}`);
	// The bulk runs are measured from here: these set-up calls don't count.
	sim.clearRequests();
	sim.resetMetrics();
	return cardIds;
}

module.exports = { issueCards, OPENING_AMOUNT };
