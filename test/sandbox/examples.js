'use strict';

// Turns examples/*.json into workflows ready in the sandbox: their Cardepass
// nodes use the sandbox credential, and a workflow that only starts on a
// schedule also gets a Manual Trigger on the same first nodes, so a user can
// click "Execute workflow" (imported workflows are inactive anyway).

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const CREDENTIAL_TYPE = 'cardepassOAuth2Api';
const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';
const MANUAL_TRIGGER_NAME = 'When clicking ‘Execute workflow’';

/** A stable id per example file (n8n-instance.js allows at most 16 characters). */
function workflowId(file) {
	return crypto
		.createHash('sha256')
		.update(`cardepass-example:${path.basename(file)}`)
		.digest('hex')
		.slice(0, 16);
}

function isCardepassNode(node) {
	return /(^|\.)cardepass$/.test(node.type) || !!node.credentials?.[CREDENTIAL_TYPE];
}

const SCHEDULES = [
	'n8n-nodes-base.scheduleTrigger',
	'n8n-nodes-base.cron',
	'n8n-nodes-base.interval',
];

function addManualTrigger(workflow) {
	const schedules = workflow.nodes.filter((node) => SCHEDULES.includes(node.type));
	if (!schedules.length || workflow.nodes.some((node) => node.type === MANUAL_TRIGGER))
		return false;
	const first = schedules[0];
	const [x, y] = first.position || [0, 0];
	workflow.nodes.push({
		parameters: {},
		id: crypto.randomUUID(),
		name: MANUAL_TRIGGER_NAME,
		type: MANUAL_TRIGGER,
		typeVersion: 1,
		position: [x, y + 200],
	});
	const outgoing = workflow.connections?.[first.name];
	if (outgoing) workflow.connections[MANUAL_TRIGGER_NAME] = structuredClone(outgoing);
	return true;
}

/**
 * @param {string} examplesDir
 * @param {{ id: string, name: string }} credential
 * @returns {Array<{ file: string, id: string, name: string, workflow: object, addedManualTrigger: boolean }>}
 */
function sandboxWorkflows(examplesDir, credential) {
	if (!fs.existsSync(examplesDir)) return [];
	return fs
		.readdirSync(examplesDir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			const file = path.join(examplesDir, name);
			const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
			if (!Array.isArray(workflow.nodes))
				throw new Error(`${file} is not a workflow (no nodes array).`);
			workflow.id = workflowId(file);
			workflow.connections = workflow.connections || {};
			for (const node of workflow.nodes) {
				if (!isCardepassNode(node)) continue;
				node.credentials = {
					...node.credentials,
					[CREDENTIAL_TYPE]: { id: credential.id, name: credential.name },
				};
			}
			const addedManualTrigger = addManualTrigger(workflow);
			return { file, id: workflow.id, name: workflow.name, workflow, addedManualTrigger };
		});
}

module.exports = { sandboxWorkflows, MANUAL_TRIGGER_NAME };
