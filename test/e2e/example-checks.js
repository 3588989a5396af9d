'use strict';

// What can be checked in examples/ without n8n: the files users import are
// n8n workflows, their Cardepass nodes are the installed package's node with
// the "Cardepass account" credential and parameters the node really has, they
// hold no secrets, and sticky notes say what to change.

const assert = require('node:assert/strict');
const path = require('node:path');
const { REPO_ROOT } = require('./paths');
const { CREDENTIAL_NAME, exampleFiles, loadExample } = require('./example-workflows');
const { NODE_TYPE, CREDENTIAL_TYPE } = require('./workflow-builder');

const REQUIRED = [
	'scheduled-top-up.json',
	'nightly-fund-log-export.json',
	'issue-card-and-read-back.json',
	'freeze-low-balance-cards.json',
	'declined-payment-alert.json',
	'freeze-card-on-unexpected-merchant.json',
];
const TRIGGER_TYPE = 'n8n-nodes-cardepass.cardepassTrigger';
const WEBHOOK_CREDENTIAL = { type: 'cardepassWebhookApi', name: 'Cardepass webhook' };
const COLLECTIONS = new Set(['filters', 'options', 'additionalFields']);
const SECRET_PATTERN = /sandbox-secret|clientSecret|client_secret|access_token|Bearer /i;

/** The built node's parameters (dist/, so run after the build). */
function nodeProperties() {
	const { Cardepass } = require(
		path.join(REPO_ROOT, 'dist', 'nodes', 'Cardepass', 'Cardepass.node.js'),
	);
	return new Cardepass().description.properties;
}

/** The built trigger's parameters. */
function triggerProperties() {
	const { CardepassTrigger } = require(
		path.join(REPO_ROOT, 'dist', 'nodes', 'CardepassTrigger', 'CardepassTrigger.node.js'),
	);
	return new CardepassTrigger().description.properties;
}

/** Whether a property is shown for these parameter values (top-level displayOptions.show only, as the node uses). */
function isShown(property, parameters, properties) {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(([name, allowed]) => {
		const value =
			name in parameters
				? parameters[name]
				: properties.find((p) => p.name === name && isShown(p, parameters, properties))?.default;
		return allowed.includes(value);
	});
}

/** Parameter names of one Cardepass node that the node does not have for its resource and operation. */
function unknownParameters(parameters, properties) {
	const unknown = [];
	for (const [name, value] of Object.entries(parameters)) {
		const shown = properties.filter(
			(property) => property.name === name && isShown(property, parameters, properties),
		);
		if (shown.length === 0) {
			unknown.push(name);
			continue;
		}
		if (COLLECTIONS.has(name) && value && typeof value === 'object') {
			const known = new Set(
				shown.flatMap((property) => (property.options ?? []).map((option) => option.name)),
			);
			for (const key of Object.keys(value)) if (!known.has(key)) unknown.push(`${name}.${key}`);
		}
	}
	return unknown;
}

async function checkExamples(t) {
	const files = exampleFiles();
	await t.test(`examples/ holds the ${REQUIRED.length} example workflows`, () => {
		for (const file of REQUIRED) assert.ok(files.includes(file), `examples/${file} is missing`);
	});
	const properties = await t.setup('load the built node description (dist/)', () =>
		nodeProperties(),
	);
	for (const file of files) {
		const workflow = await t.setup(`read examples/${file}`, () => loadExample(file));
		await t.test(
			`examples/${file}: a workflow (name, nodes, connections, settings) whose connections name existing nodes`,
			() => {
				assert.equal(typeof workflow.name, 'string');
				assert.ok(Array.isArray(workflow.nodes) && workflow.nodes.length > 0);
				assert.equal(typeof workflow.settings, 'object');
				const names = new Set(workflow.nodes.map((node) => node.name));
				assert.equal(names.size, workflow.nodes.length, 'node names are unique');
				assert.equal(
					new Set(workflow.nodes.map((node) => node.id)).size,
					workflow.nodes.length,
					'node ids are unique',
				);
				for (const [from, outputs] of Object.entries(workflow.connections)) {
					assert.ok(names.has(from), `connection from unknown node "${from}"`);
					for (const target of outputs.main.flat())
						assert.ok(names.has(target.node), `connection to unknown node "${target.node}"`);
				}
				assert.ok(
					workflow.nodes.some((node) => /trigger/i.test(node.type)),
					'has a trigger',
				);
			},
			workflow,
		);
		await t.test(
			`examples/${file}: Cardepass nodes are ${NODE_TYPE} v1 with the "${CREDENTIAL_NAME}" credential, no secrets`,
			() => {
				const triggers = workflow.nodes.filter((node) => node.type === TRIGGER_TYPE);
				const nodes = workflow.nodes.filter(
					(node) => /cardepass/i.test(node.type) && node.type !== TRIGGER_TYPE,
				);
				assert.ok(nodes.length + triggers.length > 0, 'has Cardepass nodes');
				for (const trigger of triggers) {
					assert.equal(trigger.typeVersion, 1, trigger.name);
					assert.deepEqual(
						trigger.credentials,
						{
							[WEBHOOK_CREDENTIAL.type]: {
								id: trigger.credentials?.[WEBHOOK_CREDENTIAL.type]?.id,
								name: WEBHOOK_CREDENTIAL.name,
							},
						},
						trigger.name,
					);
				}
				for (const node of nodes) {
					assert.equal(node.type, NODE_TYPE, node.name);
					assert.equal(node.typeVersion, 1, node.name);
					assert.deepEqual(Object.keys(node.credentials ?? {}), [CREDENTIAL_TYPE], node.name);
					assert.equal(node.credentials[CREDENTIAL_TYPE].name, CREDENTIAL_NAME, node.name);
				}
				assert.doesNotMatch(JSON.stringify(workflow), SECRET_PATTERN);
			},
			workflow,
		);
		await t.test(
			`examples/${file}: every Cardepass parameter exists for its resource and operation`,
			() => {
				for (const node of workflow.nodes.filter((n) => n.type === NODE_TYPE)) {
					assert.deepEqual(
						unknownParameters(node.parameters, properties),
						[],
						`node "${node.name}"`,
					);
				}
				for (const node of workflow.nodes.filter((n) => n.type === TRIGGER_TYPE)) {
					assert.deepEqual(
						unknownParameters(node.parameters, triggerProperties()),
						[],
						`node "${node.name}"`,
					);
				}
			},
			workflow,
			properties,
		);
		await t.test(
			`examples/${file}: sticky notes explain what to change`,
			() => {
				const notes = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote');
				assert.ok(notes.length > 0, 'has a sticky note');
				assert.ok(
					notes.some((note) => /credential/i.test(note.parameters.content)),
					'a note names the credential to choose',
				);
			},
			workflow,
		);
	}
}

module.exports = { checkExamples, unknownParameters };
