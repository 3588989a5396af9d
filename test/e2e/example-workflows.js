'use strict';

// The example workflows of examples/, read as a user imports them, and
// adapted for a headless run with as little change as possible.

const fs = require('node:fs');
const path = require('node:path');
const { REPO_ROOT } = require('./paths');
const { CREDENTIAL_TYPE, manualTrigger } = require('./workflow-builder');

const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
const CREDENTIAL_NAME = 'Cardepass account';

function exampleFiles() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort();
}

function loadExample(file) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
}

/**
 * The example with the sandbox credential in place of "Cardepass account" and an id for
 * `n8n execute`. `n8n execute` can only start a workflow at a Manual Trigger (it
 * looks for one and refuses workflows without), so a workflow started by a
 * Schedule Trigger gets a Manual Trigger beside it, wired to the same nodes;
 * the Schedule Trigger stays as it is and does not run.
 */
function prepareExample(file, { id, credential }) {
	const workflow = loadExample(file);
	for (const node of workflow.nodes) {
		if (node.credentials?.[CREDENTIAL_TYPE])
			node.credentials[CREDENTIAL_TYPE] = { id: credential.id, name: credential.name };
	}
	if (!workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger')) {
		for (const schedule of workflow.nodes.filter(
			(node) => node.type === 'n8n-nodes-base.scheduleTrigger',
		)) {
			const trigger = manualTrigger(`Run now (e2e, for ${schedule.name})`);
			trigger.position = [schedule.position[0], schedule.position[1] + 200];
			workflow.nodes.push(trigger);
			workflow.connections[trigger.name] = JSON.parse(
				JSON.stringify(workflow.connections[schedule.name]),
			);
		}
	}
	return { ...workflow, id, active: false };
}

module.exports = { EXAMPLES_DIR, CREDENTIAL_NAME, exampleFiles, loadExample, prepareExample };
