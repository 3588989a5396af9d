'use strict';

// Waits until n8n listens on an active workflow's production webhook.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const WEBHOOK_TIMEOUT_MS = 30_000;

/**
 * n8n registers an activated workflow's webhooks a moment after answering. A GET to a POST-only
 * path tells the two apart without running anything: "The requested webhook … is not registered"
 * before, "This webhook is not registered for GET requests" after.
 */
async function waitForWebhook(inst, path) {
	const started = Date.now();
	let text = '';
	while (Date.now() - started < WEBHOOK_TIMEOUT_MS) {
		const response = await fetch(`${inst.url}/webhook/${path}`, {
			signal: AbortSignal.timeout(5000),
		});
		text = await response.text();
		if (!/requested webhook .* is not registered/i.test(text)) return;
		await sleep(100);
	}
	throw new Error(
		`the production webhook /webhook/${path} was not registered within ${WEBHOOK_TIMEOUT_MS / 1000} s: ${text.slice(0, 200)}`,
	);
}

module.exports = { waitForWebhook };
