'use strict';

// Posting top-up batches to a production webhook, all at once, and reading
// what came back and what the simulator received.

/** POSTs every batch at once; resolves with each answer (status and items) in batch order, and the wall time. */
async function postBatchesAtOnce(url, batches) {
	const started = Date.now();
	const answers = await Promise.all(
		batches.map(async ({ batch, rows }) => {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ batch, rows }),
				signal: AbortSignal.timeout(5 * 60_000),
			});
			const text = await response.text();
			let items = null;
			try {
				items = JSON.parse(text);
			} catch {
				// Not JSON: the check shows the text.
			}
			return { batch, status: response.status, items, text: text.slice(0, 500) };
		}),
	);
	return { answers, ms: Date.now() - started };
}

/** Top-up requests the simulator received, by Customer Order No. */
function topUpRequestsByReference(sim) {
	const counts = new Map();
	for (const request of sim.apiRequests({
		method: 'POST',
		path: /\/v1\/orders\/standard\/topup$/i,
	})) {
		const reference = request.body?.customerOrderNo;
		counts.set(reference, (counts.get(reference) ?? 0) + 1);
	}
	return counts;
}

// Provider-made values that differ between two runs of the same orders: order numbers and times.
const VOLATILE = new Set(['orderNo', 'createdOn', 'modifiedOn', 'paidOn', 'completedOn']);

/** An output item without what the provider generates, to compare two runs of the same orders. */
function stableItem(item) {
	return Object.fromEntries(Object.entries(item).filter(([key]) => !VOLATILE.has(key)));
}

/** The simulator's accepted top-ups as summaries, sorted by Customer Order No. */
function acceptedTopUps(sim) {
	return sim
		.getOrders({ orderType: 'CardTopUp' })
		.map((order) => ({
			customerOrderNo: order.customerOrderNo,
			cardId: order.cardId,
			topUpAmount: order.topUpAmount,
			status: order.status,
		}))
		.sort((a, b) => a.customerOrderNo.localeCompare(b.customerOrderNo));
}

module.exports = { postBatchesAtOnce, topUpRequestsByReference, stableItem, acceptedTopUps };
