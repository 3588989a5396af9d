import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getCurrencies, getProducts } from './methods/loadOptions';
import { OPERATION_PARAMETERS, OPERATION_REGISTRY, RESOURCES } from './resources';
import { createCardepassRequest } from './shared/request';

export class Cardepass implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cardepass',
		name: 'cardepass',
		icon: { light: 'file:cardepass.svg', dark: 'file:cardepass.dark.svg' },
		group: ['transform'],
		version: 1,
		// Display names ("Top Up: Card"); a test keeps this in step with the resources (shared/operation.ts canvasSubtitle).
		subtitle:
			'={{ {"account:checkConnection":"Check Connection: Account","account:getBalances":"Get Balances: Account","account:getCardFundLogs":"Get Many Card Fund Logs: Account","account:getFundLogs":"Get Many Fund Logs: Account","card:block":"Block: Card","card:cancel":"Cancel: Card","card:create":"Create: Card","card:get":"Get: Card","card:topUp":"Top Up: Card","card:unblock":"Unblock: Card","card:updateLimits":"Update Limits: Card","card:withdraw":"Withdraw Balance: Card","order:get":"Get: Order","product:getAll":"Get Many: Product","transaction:getAll":"Get Many: Transaction"}[$parameter["resource"] + ":" + $parameter["operation"]] }}',
		description:
			'Issue, top up, freeze and cancel Cardepass virtual cards, and read balances and fund logs',
		defaults: { name: 'Cardepass' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cardepassOAuth2Api', required: true }],
		// No base URL here: the request path reads it from the credential once per run (shared/baseUrl.ts).
		requestDefaults: {
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		// Every operation's request goes through this one function (each operation sets send.paginate).
		requestOperations: {
			pagination: createCardepassRequest(OPERATION_REGISTRY),
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: RESOURCES.map((resource) => ({ name: resource.name, value: resource.value })),
				default: 'card',
			},
			...RESOURCES.map((resource) => resource.operationProperty),
			...OPERATION_PARAMETERS,
		],
	};

	methods = { loadOptions: { getProducts, getCurrencies } };
}
