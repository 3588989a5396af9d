'use strict';

// Builds n8n workflow JSON as the editor saves it: nodes with ids and
// positions, connections by node name. Workflow ids: at most 16 characters.

const NODE_TYPE = 'n8n-nodes-cardepass.cardepass';
const CREDENTIAL_TYPE = 'cardepassOAuth2Api';

let nodeCounter = 0;
const nextNodeId = () => `e2e-node-${++nodeCounter}`;

function manualTrigger(name = 'Manual Trigger') {
	return {
		id: nextNodeId(),
		name,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

/** A Code node that returns items from a JS expression, e.g. `[{ a: 1 }]`. */
function codeItems(name, jsonArrayExpression) {
	return {
		id: nextNodeId(),
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [0, 0],
		parameters: { jsCode: `return (${jsonArrayExpression}).map((json) => ({ json }));` },
	};
}

/**
 * A Cardepass node.
 * @param {string} name
 * @param {object} parameters resource, operation and the operation's parameters
 * @param {{ id: string, name: string }} credential
 * @param {object} [settings] node settings such as executeOnce, onError
 */
function cardepass(name, parameters, credential, settings = {}) {
	return {
		id: nextNodeId(),
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
		...settings,
	};
}

/** Nodes connected one after another, starting with a Manual Trigger unless the first node is a trigger. */
function chain(id, name, nodes) {
	const all = /trigger/i.test(nodes[0]?.type ?? '') ? nodes : [manualTrigger(), ...nodes];
	const connections = {};
	all.forEach((node, index) => {
		node.position = [index * 220, 0];
		const next = all[index + 1];
		if (next) connections[node.name] = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
	});
	return { id, name, active: false, nodes: all, connections, settings: { executionOrder: 'v1' } };
}

module.exports = { NODE_TYPE, CREDENTIAL_TYPE, manualTrigger, codeItems, cardepass, chain };
