'use strict';

// The workflows the queue-mode suite runs. The top-up workflow is what a
// business would put behind a production webhook: a batch of top-ups posted
// as JSON, one Cardepass top-up per row, the orders as the answer.

const crypto = require('node:crypto');
const { cardepass } = require('../workflow-builder');
const { prepareExample } = require('../example-workflows');

const WEBHOOK_TYPE = 'n8n-nodes-base.webhook';

/**
 * @param {string} path production URL /webhook/<path>
 * @param {'lastNode'|'onReceived'} responseMode lastNode: the answer is every item of the last node
 */
function webhookTrigger(name, path, responseMode) {
	return {
		id: crypto.randomUUID(),
		name,
		type: WEBHOOK_TYPE,
		typeVersion: 2,
		position: [0, 0],
		webhookId: crypto.randomUUID(),
		parameters: {
			httpMethod: 'POST',
			path,
			responseMode,
			...(responseMode === 'lastNode' ? { responseData: 'allEntries' } : {}),
			options: {},
		},
	};
}

function connect(nodes) {
	const connections = {};
	nodes.forEach((node, index) => {
		node.position = [index * 220, 0];
		const next = nodes[index + 1];
		if (next) connections[node.name] = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
	});
	return connections;
}

/**
 * Webhook → one item per row of the posted `rows` → Cardepass top-up.
 * @param {object} options
 * @param {string} options.id
 * @param {string} options.path
 * @param {{ id: string, name: string }} options.credential
 * @param {boolean} [options.autoNumbers] leave Customer Order No empty (the node makes one)
 * @param {'lastNode'|'onReceived'} [options.responseMode]
 * @param {number} [options.maxConcurrentRequests] the node's option; its default when left out
 */
function topUpWorkflow({
	id,
	path,
	credential,
	autoNumbers = false,
	responseMode = 'lastNode',
	maxConcurrentRequests,
}) {
	const nodes = [
		webhookTrigger('Top-up batch', path, responseMode),
		{
			id: crypto.randomUUID(),
			name: 'One item per row',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [0, 0],
			parameters: { fieldToSplitOut: 'body.rows', include: 'noOtherFields', options: {} },
		},
		cardepass(
			'Top up card',
			{
				resource: 'card',
				operation: 'topUp',
				cardId: '={{ $json.cardId }}',
				topUpAmount: '={{ $json.amount }}',
				customerOrderNo: autoNumbers ? '' : '={{ $json.reference }}',
				...(maxConcurrentRequests ? { options: { maxConcurrentRequests } } : {}),
			},
			credential,
		),
	];
	return {
		id,
		name: `Queue top-ups ${id}`,
		active: true,
		nodes,
		connections: connect(nodes),
		settings: { executionOrder: 'v1' },
	};
}

/** The rows one webhook call posts: every card topped up once, references unique per batch. */
function batchRows(batch, cardIds) {
	return cardIds.map((cardId, index) => ({
		cardId,
		amount: 1 + (index % 3),
		reference: `Q-B${batch}-R${index + 1}`,
	}));
}

/**
 * examples/nightly-fund-log-export.json as users import it, with a webhook
 * beside its Schedule Trigger (wired to the same nodes) so it can be started
 * on demand; the Schedule Trigger stays as it is.
 */
function exportWorkflow({ id, path, credential }) {
	const workflow = prepareExample('nightly-fund-log-export.json', { id, credential });
	workflow.nodes = workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.manualTrigger');
	for (const name of Object.keys(workflow.connections)) {
		if (!workflow.nodes.some((node) => node.name === name)) delete workflow.connections[name];
	}
	const schedule = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
	const trigger = webhookTrigger('Run now', path, 'onReceived');
	trigger.position = [schedule.position[0], schedule.position[1] + 200];
	workflow.nodes.push(trigger);
	workflow.connections[trigger.name] = JSON.parse(
		JSON.stringify(workflow.connections[schedule.name]),
	);
	return { ...workflow, active: true };
}

module.exports = { topUpWorkflow, batchRows, exportWorkflow };
