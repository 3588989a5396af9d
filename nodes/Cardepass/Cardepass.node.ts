import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CARDEPASS_BASE_URL_EXPRESSION } from '../../credentials/CardepassOAuth2Api.credentials';
import { getCurrencies, getProducts } from './methods/loadOptions';
import { accountOperationProperty, accountOperations, accountProperties } from './resources/account';
import { cardOperationProperty, cardOperations, cardProperties } from './resources/card';
import { orderOperationProperty, orderOperations, orderProperties } from './resources/order';
import { productOperationProperty, productOperations, productProperties } from './resources/product';
import {
	transactionOperationProperty,
	transactionOperations,
	transactionProperties,
} from './resources/transaction';
import { createCardepassRequest } from './shared/request';

export class Cardepass implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cardepass',
		name: 'cardepass',
		icon: { light: 'file:cardepass.svg', dark: 'file:cardepass.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
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
			pagination: createCardepassRequest({
				account: accountOperations,
				card: cardOperations,
				order: orderOperations,
				product: productOperations,
				transaction: transactionOperations,
			}),
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Card', value: 'card' },
					{ name: 'Order', value: 'order' },
					{ name: 'Product', value: 'product' },
					{ name: 'Transaction', value: 'transaction' },
				],
				default: 'card',
			},
			accountOperationProperty,
			cardOperationProperty,
			orderOperationProperty,
			productOperationProperty,
			transactionOperationProperty,
			...accountProperties,
			...cardProperties,
			...orderProperties,
			...productProperties,
			...transactionProperties,
		],
	};

	methods = { loadOptions: { getProducts, getCurrencies } };
}
