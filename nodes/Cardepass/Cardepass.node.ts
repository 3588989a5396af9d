import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CARDEPASS_BASE_URL_EXPRESSION } from '../../credentials/CardepassOAuth2Api.credentials';
import { getCurrencies, getProducts } from './methods/loadOptions';
import { OPERATION_REGISTRY, RESOURCES } from './resources';
import { canvasSubtitle } from './shared/operation';
import { createCardepassRequest } from './shared/request';

export class Cardepass implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cardepass',
		name: 'cardepass',
		icon: { light: 'file:cardepass.svg', dark: 'file:cardepass.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: canvasSubtitle(RESOURCES),
		description: 'Issue, top up, freeze and cancel Cardepass virtual cards, and read balances and fund logs',
		defaults: { name: 'Cardepass' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cardepassOAuth2Api', required: true }],
		requestDefaults: {
			baseURL: CARDEPASS_BASE_URL_EXPRESSION,
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
			...RESOURCES.flatMap((resource) => resource.properties),
		],
	};

	methods = { loadOptions: { getProducts, getCurrencies } };
}
