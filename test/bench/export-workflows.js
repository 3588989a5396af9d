'use strict';

// The export benchmark's workflows, saved under bench/workflows/ so anyone can check that the HTTP
// Request node is set up as a competent user would set it up. SIMULATOR_URL stands for the simulator's
// base URL (replaced on import). Each starts at a Webhook that answers when
// the last node is done: the run then happens inside the running n8n server, whose memory is watched.

const fs = require('node:fs');
const path = require('node:path');
const prettier = require('prettier');

const SIMULATOR_URL = '__SIMULATOR_URL__';
const PAGE_SIZE = 100;
const TRIGGER = 'Start';

const WORKFLOW_IDS = {
	nodeAll: 'bxCdpAll',
	httpAll: 'bxHttpAll',
	nodeLimit: 'bxCdpLimit',
	httpLimit: 'bxHttpLimit',
};

const webhookPath = (id) => `bench-export-${id}`;

function webhookNode(id) {
	return {
		id: `${id}-start`,
		name: TRIGGER,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: `bench-export-${id}`,
		parameters: {
			httpMethod: 'POST',
			path: webhookPath(id),
			responseMode: 'lastNode',
			responseData: 'noData',
			options: {},
		},
	};
}

/** A Webhook followed by `nodes` in a chain. */
function chain(id, name, nodes) {
	const all = [
		webhookNode(id),
		...nodes.map((node, i) => ({ ...node, position: [220 * (i + 1), 0] })),
	];
	const connections = {};
	for (let i = 0; i < all.length - 1; i++)
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name, active: false, nodes: all, connections, settings: { executionOrder: 'v1' } };
}

/** This node: Account → Get Many Fund Logs over the range, Return All or a Limit. */
function cardepassFundLogs(credential, range, limit) {
	const id = limit === undefined ? WORKFLOW_IDS.nodeAll : WORKFLOW_IDS.nodeLimit;
	return chain(
		id,
		limit === undefined
			? 'Bench: fund-log export with the Cardepass node, Return All'
			: `Bench: fund-log export with the Cardepass node, Limit ${limit}`,
		[
			{
				id: `${id}-logs`,
				name: 'Fund Logs',
				type: 'n8n-nodes-cardepass.cardepass',
				typeVersion: 1,
				parameters: {
					resource: 'account',
					operation: 'getFundLogs',
					...(limit === undefined ? { returnAll: true } : { returnAll: false, limit }),
					filters: { transactionDateFrom: range.from, transactionDateTo: range.to },
				},
				credentials: { cardepassOAuth2Api: { id: credential.id, name: credential.name } },
			},
		],
	);
}

/**
 * n8n's HTTP Request node with a generic OAuth2 (client credentials) credential and its Pagination option
 * on the v1.4 fund-log endpoint: pageIndex counts up from 1 with pages of 100, and the list is complete
 * when the answer's pageIndex reaches its totalPages. A Split Out turns each page into one item per record.
 *
 * For a Limit, the node's pagination offers only "Limit Pages Fetched" (a number of pages, not of
 * records): the user fetches the pages that hold `limit` records and keeps the first `limit` with a
 * Limit node after the Split Out.
 */
function httpRequestFundLogs(credential, range, limit) {
	const id = limit === undefined ? WORKFLOW_IDS.httpAll : WORKFLOW_IDS.httpLimit;
	const pagination = {
		paginationMode: 'updateAParameterInEachRequest',
		parameters: { parameters: [{ type: 'qs', name: 'pageIndex', value: '={{ $pageCount + 1 }}' }] },
		paginationCompleteWhen: 'other',
		completeExpression: '={{ $response.body.data.pageIndex >= $response.body.data.totalPages }}',
		...(limit === undefined
			? {}
			: { limitPagesFetched: true, maxRequests: Math.ceil(limit / PAGE_SIZE) }),
	};
	const nodes = [
		{
			id: `${id}-logs`,
			name: 'Fund Logs',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'GET',
				url: `${SIMULATOR_URL}/v1/accounts/accountLogs`,
				authentication: 'genericCredentialType',
				genericAuthType: 'oAuth2Api',
				sendQuery: true,
				queryParameters: {
					parameters: [
						{ name: 'transactionDateFrom', value: range.from },
						{ name: 'transactionDateTo', value: range.to },
						{ name: 'pageSize', value: String(PAGE_SIZE) },
					],
				},
				options: { pagination: { pagination } },
			},
			credentials: { oAuth2Api: { id: credential.id, name: credential.name } },
		},
		{
			id: `${id}-split`,
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'data.items', include: 'noOtherFields', options: {} },
		},
	];
	if (limit !== undefined)
		nodes.push({
			id: `${id}-limit`,
			name: 'Limit',
			type: 'n8n-nodes-base.limit',
			typeVersion: 1,
			parameters: { maxItems: limit },
		});
	return chain(
		id,
		limit === undefined
			? 'Bench: fund-log export with the HTTP Request node, Return All'
			: `Bench: fund-log export with the HTTP Request node, first ${limit}`,
		nodes,
	);
}

/** The workflow with the simulator's URL filled in. */
function forSimulator(workflowJson, sim) {
	return JSON.parse(JSON.stringify(workflowJson).split(SIMULATOR_URL).join(sim.baseUrl));
}

/** The node whose output is the export: one item per record. */
const outputNode = (workflow) => workflow.nodes.at(-1).name;

/**
 * Writes the workflows as users would import them (credentials referenced by name, URL as a placeholder),
 * formatted as the repository's Prettier settings say.
 */
async function saveExportWorkflows(folder, range, limit) {
	fs.mkdirSync(folder, { recursive: true });
	const cardepass = { id: 'cardepass', name: 'Cardepass account' };
	const oauth2 = { id: 'oauth2', name: 'Cardepass as generic OAuth2' };
	const saved = [
		['cardepass-fund-logs-return-all.json', cardepassFundLogs(cardepass, range)],
		['http-request-fund-logs-return-all.json', httpRequestFundLogs(oauth2, range)],
		[`cardepass-fund-logs-limit-${limit}.json`, cardepassFundLogs(cardepass, range, limit)],
		[`http-request-fund-logs-limit-${limit}.json`, httpRequestFundLogs(oauth2, range, limit)],
	];
	for (const [file, json] of saved) {
		const target = path.join(folder, file);
		const options = await prettier.resolveConfig(target);
		const text = await prettier.format(JSON.stringify(json), { ...options, filepath: target });
		fs.writeFileSync(target, text);
	}
	return saved.map(([file]) => file);
}

module.exports = {
	cardepassFundLogs,
	httpRequestFundLogs,
	saveExportWorkflows,
	forSimulator,
	outputNode,
	webhookPath,
	PAGE_SIZE,
	TRIGGER,
	WORKFLOW_IDS,
};
