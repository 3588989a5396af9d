'use strict';

// Every action of the Cardepass node (Resource × Operation) as one node each in a
// workflow the browser opens, and what the node panel must show for them: the
// field order, defaults and hints a user meets when adding the action.

const crypto = require('node:crypto');
const path = require('node:path');
const { REPO_ROOT } = require('../paths');

const COLUMNS = 6;
const SPACING = { x: 280, y: 240 };

const CUSTOMER_ORDER_NO_HINT =
	'Left empty, the node generates a number: a Retry of a failed execution sends the same number and does not pay again, but running the workflow again (a new execution) pays again. Use a stable ID from your data to make any re-run safe.';
const MONEY_FIELDS = ['topUpAmount', 'maxAuthAmount', 'maxCreditAmount', 'withdrawAmount'];
const MONEY_HINT =
	/^(At least \d+(\.\d+)?|More than 0), (a whole number|at most 2 decimals), in the card's currency$/;
const ORDER_OPERATIONS = [
	'create',
	'topUp',
	'withdraw',
	'updateLimits',
	'block',
	'unblock',
	'cancel',
];
const CARD_FIRST = { cardId: 'Card ID', cardModel: 'From the Card' };

/**
 * What the issue-facing fields must look like, per action (`resource/operation`, or a variant's key).
 * first: the parameters right after Resource and Operation, in order, with their shown values;
 * money: money fields that must be shown (each empty, with a hint; `hint` pins the exact text);
 * hidden: fields that must not be shown.
 */
const EXPECTED = {
	'card/block': { first: CARD_FIRST },
	'card/unblock': { first: CARD_FIRST },
	'card/cancel': { first: CARD_FIRST },
	'card/topUp': {
		money: { topUpAmount: "At least 1, at most 2 decimals, in the card's currency" },
	},
	'card/create': { money: { topUpAmount: null } },
	'card/create (Share Balance)': { money: { maxAuthAmount: null, maxCreditAmount: null } },
	'card/updateLimits': { money: { maxAuthAmount: null, maxCreditAmount: null } },
	'card/withdraw': { values: { withdrawMode: 'Amount' }, money: { withdrawAmount: null } },
	'card/withdraw (Whole Balance)': {
		values: { withdrawMode: 'Whole Balance' },
		hidden: ['withdrawAmount'],
	},
	'order/get': { values: { orderType: 'Any Type' } },
};

/** Variants that show fields the default action hides. */
const VARIANTS = [
	{
		key: 'card/create (Share Balance)',
		suffix: ' (Share Balance)',
		resource: 'card',
		operation: 'create',
		parameters: { cardModel: 'sharebalance' },
	},
	{
		key: 'card/withdraw (Whole Balance)',
		suffix: ' (Whole Balance)',
		resource: 'card',
		operation: 'withdraw',
		parameters: { withdrawMode: 'wholeBalance' },
	},
];

/** The built node's description (the sandbox has just built the package it installs). */
function nodeDescription() {
	const { Cardepass } = require(
		path.join(REPO_ROOT, 'dist', 'nodes', 'Cardepass', 'Cardepass.node.js'),
	);
	return new Cardepass().description;
}

/** Every action with the names the Resource and Operation dropdowns show for it. */
function listActions(description) {
	const resource = description.properties.find((p) => p.name === 'resource');
	const actions = [];
	for (const r of resource.options) {
		const operation = description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(r.value),
		);
		for (const o of operation.options) {
			actions.push({
				key: `${r.value}/${o.value}`,
				resource: r.value,
				operation: o.value,
				resourceName: r.name,
				operationName: o.name,
				parameters: {},
			});
		}
	}
	for (const variant of VARIANTS) {
		const base = actions.find(
			(a) => a.resource === variant.resource && a.operation === variant.operation,
		);
		if (base)
			actions.push({
				...base,
				key: variant.key,
				suffix: variant.suffix,
				parameters: variant.parameters,
			});
	}
	return actions.map((action) => ({
		...action,
		nodeName: `${action.resourceName} → ${action.operationName}${action.suffix || ''}`,
	}));
}

/** A workflow of one unconfigured Cardepass node per action, as a user adds them. */
function actionsWorkflow({ nodeType, credential, actions }) {
	const nodes = actions.map((action, index) => ({
		id: crypto.randomUUID(),
		name: action.nodeName,
		type: nodeType,
		typeVersion: 1,
		position: [(index % COLUMNS) * SPACING.x, Math.floor(index / COLUMNS) * SPACING.y],
		parameters: { resource: action.resource, operation: action.operation, ...action.parameters },
		credentials: { cardepassOAuth2Api: { id: credential.id, name: credential.name } },
	}));
	return {
		name: 'Every Cardepass action',
		nodes,
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * What is wrong with the node panel of one action, as shown; an empty list when it shows what it should.
 * @param {{ key: string, resource: string, operation: string, resourceName: string, operationName: string }} action
 * @param {Array<{ name: string, label: string, value: string, hint: string }>} shown
 */
function panelProblems(action, shown) {
	const problems = [];
	const byName = Object.fromEntries(shown.map((p) => [p.name, p]));
	const names = shown.map((p) => p.name);
	if (byName.resource?.value !== action.resourceName)
		problems.push(`Resource shows "${byName.resource?.value}"`);
	if (byName.operation?.value !== action.operationName)
		problems.push(`Operation shows "${byName.operation?.value}"`);

	const expected = EXPECTED[action.key] || {};
	if (expected.first) {
		const wanted = Object.keys(expected.first);
		const after = names.slice(
			names.indexOf('operation') + 1,
			names.indexOf('operation') + 1 + wanted.length,
		);
		if (after.join() !== wanted.join())
			problems.push(`after Operation come ${after.join(', ')}, expected ${wanted.join(', ')}`);
		if (byName.cardModel && byName.cardModel.value !== expected.first.cardModel)
			problems.push(`Card Model shows "${byName.cardModel.value}"`);
	}
	for (const [name, value] of Object.entries(expected.values || {})) {
		if (byName[name]?.value !== value)
			problems.push(`${name} shows "${byName[name]?.value}", expected "${value}"`);
	}
	for (const [name, hint] of Object.entries(expected.money || {})) {
		if (!byName[name]) problems.push(`${name} is not shown`);
		else if (hint && byName[name].hint !== hint)
			problems.push(`${name}'s hint is "${byName[name].hint}", expected "${hint}"`);
	}
	for (const name of expected.hidden || []) {
		if (byName[name]) problems.push(`${name} is shown`);
	}
	for (const field of shown.filter((p) => MONEY_FIELDS.includes(p.name))) {
		if (field.value !== '') problems.push(`${field.name} starts as "${field.value}", not empty`);
		if (!MONEY_HINT.test(field.hint)) problems.push(`${field.name}'s hint is "${field.hint}"`);
	}
	if (
		ORDER_OPERATIONS.includes(action.operation) &&
		action.resource === 'card' &&
		!byName.customerOrderNo
	) {
		problems.push('Customer Order No is not shown');
	}
	if (byName.customerOrderNo && byName.customerOrderNo.hint !== CUSTOMER_ORDER_NO_HINT) {
		problems.push(`Customer Order No's hint is "${byName.customerOrderNo.hint}"`);
	}
	return problems;
}

/** One line for the report: the parameters in order, values and hints shortened. */
function describePanel(shown) {
	return shown
		.filter((p) => !['resource', 'operation', 'options'].includes(p.name))
		.map(
			(p) =>
				`${p.label}${p.value ? ` "${p.value}"` : ''}${p.hint ? ` [${p.hint.length > 40 ? `${p.hint.slice(0, 37)}...` : p.hint}]` : ''}`,
		)
		.join(', ');
}

module.exports = {
	nodeDescription,
	listActions,
	actionsWorkflow,
	panelProblems,
	describePanel,
	CUSTOMER_ORDER_NO_HINT,
};
