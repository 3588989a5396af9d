'use strict';

// Publishing a workflow as the editor's "Publish"/"Activate" does (n8n 2.x:
// POST /rest/workflows/:id/activate with the version to publish). Importing
// from the CLI leaves workflows inactive; an active one answers on its
// production webhook URL.

async function activateWorkflow(inst, workflowId) {
	const workflow = await inst.rest('GET', `/rest/workflows/${workflowId}`);
	if (!workflow.ok)
		throw new Error(
			`GET /rest/workflows/${workflowId} answered ${workflow.status}: ${workflow.text.slice(0, 300)}`,
		);
	const activated = await inst.rest('POST', `/rest/workflows/${workflowId}/activate`, {
		versionId: workflow.data.versionId,
	});
	if (!activated.ok)
		throw new Error(
			`activating ${workflowId} answered ${activated.status}: ${activated.text.slice(0, 500)}`,
		);
	return activated.data;
}

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

/** Imports the credentials and workflows, starts n8n, creates the owner and activates every workflow. */
async function startWithWorkflows(inst, { credentials, workflows }) {
	await inst.importCredentials(credentials);
	await inst.importWorkflow(workflows);
	await inst.start();
	await inst.setupOwner();
	for (const workflow of workflows) {
		await activateWorkflow(inst, workflow.id);
		for (const node of workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook'))
			await waitForWebhook(inst, node.parameters.path);
	}
}

module.exports = { activateWorkflow, waitForWebhook, startWithWorkflows };
