'use strict';

const { waitForWebhook } = require('../webhook-ready');

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
