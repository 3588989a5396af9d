'use strict';

// The benchmark's workflows, as saved under bench/workflows/ so anyone can check that the HTTP Request
// node is set up as a competent user would set it up. SIMULATOR_URL stands for the simulator's base URL
// and is replaced when the workflows are imported.

const fs = require('node:fs');
const path = require('node:path');

const SIMULATOR_URL = '__SIMULATOR_URL__';
/** This node held to the raw client loop's concurrency, to compare the two at the same pace. */
const FLOOR_OPTIONS = { maxConcurrentRequests: 5 };
/** The HTTP Request node against a server that answers 429: Retry On Fail as a careful user sets it. */
const RETRY_ON_FAIL = { retryOnFail: true, maxTries: 5, waitBetweenTries: 1000 };
/**
 * The HTTP Request node's own answer to a server that limits requests in flight, as a user who knows n8n
 * sets it: Options → Batching, 10 items per batch (the server's limit) every 100 ms, with Retry On Fail.
 */
const BATCHING = { itemsPerBatch: 10, batchIntervalMs: 100 };
/** The floor's node type: loaded from test/bench/floor-node/ as a custom extension. */
const FLOOR_NODE_TYPE = 'CUSTOM.benchFloor';
const CARD_ID = 'CARD123456';
// The smallest top-up the v1.4 product rules allow on this card.
const TOP_UP_AMOUNT = 10;

/** Customer Order Nos unique to each execution, so runs never collide. */
function rowsNode(items) {
	return {
		id: 'bench-rows',
		name: 'Rows',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [220, 0],
		parameters: {
			jsCode: `const run = 'B' + $execution.id + 'T' + Date.now().toString(36);\nreturn Array.from({ length: ${items} }, (_, i) => ({ json: { ref: run + '-' + i } }));`,
		},
	};
}

function workflow(id, name, worker, items) {
	const trigger = {
		id: 'bench-trigger',
		name: 'Manual Trigger',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	return {
		id,
		name,
		active: false,
		nodes: [trigger, rowsNode(items), { ...worker, position: [440, 0] }],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: worker.name, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** This node, every option left at its default unless `options` (e.g. { maxConcurrentRequests: 5 }) says otherwise. */
function cardepassTopUps(credential, items, options) {
	const parameters = {
		resource: 'card',
		operation: 'topUp',
		cardId: CARD_ID,
		topUpAmount: TOP_UP_AMOUNT,
		customerOrderNo: '={{ $json.ref }}',
	};
	return workflow(
		options ? 'benchCardepassWide' : 'benchCardepass',
		options
			? 'Bench: 1,000 top-ups with the Cardepass node, options set'
			: 'Bench: 1,000 top-ups with the Cardepass node',
		{
			id: 'bench-worker',
			name: 'Top Up',
			type: 'n8n-nodes-cardepass.cardepass',
			typeVersion: 1,
			parameters: options ? { ...parameters, options } : parameters,
			credentials: { cardepassOAuth2Api: { id: credential.id, name: credential.name } },
		},
		items,
	);
}

/** n8n's HTTP Request node with a generic OAuth2 (client credentials) credential, defaults otherwise (or `settings`, `batching`). */
function httpRequestTopUps(credential, items, settings = {}, batching) {
	return workflow(
		'benchHttp',
		'Bench: 1,000 top-ups with the HTTP Request node',
		{
			id: 'bench-worker',
			name: 'Top Up',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'POST',
				url: `${SIMULATOR_URL}/v1/orders/standard/topup`,
				authentication: 'genericCredentialType',
				genericAuthType: 'oAuth2Api',
				sendBody: true,
				specifyBody: 'json',
				jsonBody: `={{ JSON.stringify({ cardId: '${CARD_ID}', topUpAmount: ${TOP_UP_AMOUNT}, customerOrderNo: $json.ref }) }}`,
				options: batching
					? {
							batching: {
								batch: {
									batchSize: batching.itemsPerBatch,
									batchInterval: batching.batchIntervalMs,
								},
							},
						}
					: {},
			},
			credentials: { oAuth2Api: { id: credential.id, name: credential.name } },
			...settings,
		},
		items,
	);
}

/** The floor: the smallest declarative node sending the same request (test/bench/floor-node/). */
function floorTopUps(credential, items) {
	return workflow(
		'benchFloor',
		'Bench: 1,000 top-ups with the minimal declarative node',
		{
			id: 'bench-worker',
			name: 'Top Up',
			type: FLOOR_NODE_TYPE,
			typeVersion: 1,
			parameters: {
				operation: 'topUp',
				cardId: CARD_ID,
				topUpAmount: TOP_UP_AMOUNT,
				customerOrderNo: '={{ $json.ref }}',
			},
			credentials: { benchFloorOAuth2Api: { id: credential.id, name: credential.name } },
		},
		items,
	);
}

/** The floor's credential: the Cardepass credential's shape under the floor's type name. */
function floorCredential(id, sim) {
	return { ...cardepassCredential(id, sim), type: 'benchFloorOAuth2Api' };
}

function cardepassCredential(id, sim) {
	return {
		id,
		name: `Bench Cardepass ${id}`,
		type: 'cardepassOAuth2Api',
		data: {
			environment: 'custom',
			baseUrl: sim.baseUrl,
			clientId: sim.clientId,
			clientSecret: sim.clientSecret,
		},
	};
}

function genericOAuth2Credential(id, sim) {
	return {
		id,
		name: `Bench OAuth2 ${id}`,
		type: 'oAuth2Api',
		data: {
			grantType: 'clientCredentials',
			accessTokenUrl: `${sim.baseUrl}/connect/token`,
			clientId: sim.clientId,
			clientSecret: sim.clientSecret,
			scope: 'openapi',
			authentication: 'body',
		},
	};
}

/** The workflow with the simulator's URL filled in. */
function forSimulator(workflowJson, sim) {
	return JSON.parse(JSON.stringify(workflowJson).split(SIMULATOR_URL).join(sim.baseUrl));
}

/** Writes the workflows as users would import them (credentials referenced by name, URL as a placeholder). */
function saveWorkflows(folder, items) {
	fs.mkdirSync(folder, { recursive: true });
	const saved = [
		[
			'cardepass-top-ups.json',
			cardepassTopUps({ id: 'cardepass', name: 'Cardepass account' }, items),
		],
		[
			'cardepass-top-ups-max-5.json',
			cardepassTopUps({ id: 'cardepass', name: 'Cardepass account' }, items, FLOOR_OPTIONS),
		],
		[
			'http-request-top-ups.json',
			httpRequestTopUps({ id: 'oauth2', name: 'Cardepass as generic OAuth2' }, items),
		],
		[
			'floor-top-ups.json',
			floorTopUps({ id: 'floor', name: 'Cardepass account for the floor node' }, items),
		],
		[
			'http-request-top-ups-batching.json',
			httpRequestTopUps(
				{ id: 'oauth2', name: 'Cardepass as generic OAuth2' },
				items,
				RETRY_ON_FAIL,
				BATCHING,
			),
		],
		[
			'http-request-top-ups-retry-on-fail.json',
			httpRequestTopUps(
				{ id: 'oauth2', name: 'Cardepass as generic OAuth2' },
				items,
				RETRY_ON_FAIL,
			),
		],
	];
	for (const [file, json] of saved)
		fs.writeFileSync(path.join(folder, file), `${JSON.stringify(json, null, '\t')}\n`);
	return saved.map(([file]) => file);
}

module.exports = {
	cardepassTopUps,
	httpRequestTopUps,
	floorTopUps,
	floorCredential,
	cardepassCredential,
	genericOAuth2Credential,
	forSimulator,
	saveWorkflows,
	CARD_ID,
	TOP_UP_AMOUNT,
	FLOOR_OPTIONS,
	RETRY_ON_FAIL,
	BATCHING,
};
