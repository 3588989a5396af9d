import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { CARD_MODEL_VALUES, cardModelProperty, operationProperty, optionsCollection, route, showFor } from '../../shared/fields';
import type { OperationSpec } from '../../shared/types';
import { oneOf, requiredText } from '../../shared/validation';

const RESOURCE = 'order';

/** Each card model files its orders under its own list of order types. */
export const ORDER_TYPES = {
	standard: ['ApplyCard', 'CardTopUp', 'CardWithdraw', 'CardBlock', 'CardUnblock', 'CardCancel'],
	sharebalance: ['ApplyCard', 'CreditLimit', 'CardBlock', 'CardUnblock', 'CardCancel'],
} as const;

const ORDER_TYPE_NAMES: Record<string, string> = {
	ApplyCard: 'Create Card',
	CardTopUp: 'Top Up',
	CardWithdraw: 'Withdraw Balance',
	CardBlock: 'Block',
	CardUnblock: 'Unblock',
	CardCancel: 'Cancel',
	CreditLimit: 'Update Limits',
};

function orderTypeProperty(model: keyof typeof ORDER_TYPES): INodeProperties {
	return {
		displayName: 'Order Type',
		name: 'orderType',
		type: 'options',
		options: ORDER_TYPES[model].map((value) => ({ name: ORDER_TYPE_NAMES[value], value, description: `Orders of type ${value}` })),
		default: 'ApplyCard',
		description: 'The kind of order to look up (OrderType): the Card operation that made it',
		displayOptions: showFor(RESOURCE, ['get'], { cardModel: [model] }),
		routing: { send: { type: 'query', property: 'OrderType' } },
	};
}

export const orderOperationProperty = operationProperty(
	RESOURCE,
	[
		{
			name: 'Get',
			value: 'get',
			action: 'Get an order',
			description: 'Read an order and its status by its Order No or your Customer Order No',
			routing: route('GET', '=/v1/orders/{{ $parameter.cardModel }}'),
		},
	],
	'get',
);

export const orderProperties: INodeProperties[] = [
	cardModelProperty(showFor(RESOURCE, ['get']), 'The model of the card the order was made for'),
	orderTypeProperty('standard'),
	orderTypeProperty('sharebalance'),
	{
		displayName: 'Look Up By',
		name: 'lookUpBy',
		type: 'options',
		options: [
			{ name: 'Order No', value: 'orderNo', description: "Cardepass's order number (orderNo in the order's output)" },
			{ name: 'Customer Order No', value: 'customerOrderNo', description: 'Your own number sent with the order (customerOrderNo)' },
		],
		default: 'orderNo',
		displayOptions: showFor(RESOURCE, ['get']),
	},
	{
		displayName: 'Order No',
		name: 'orderNo',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ORD12345678',
		description: "Cardepass's order number (OrderNo): the orderNo in a Card operation's output",
		displayOptions: showFor(RESOURCE, ['get'], { lookUpBy: ['orderNo'] }),
	},
	{
		displayName: 'Customer Order No',
		name: 'customerOrderNo',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. INV-2025-0042',
		description: 'The Customer Order No the order was sent with (CustomerOrderNo)',
		displayOptions: showFor(RESOURCE, ['get'], { lookUpBy: ['customerOrderNo'] }),
	},
	optionsCollection(showFor(RESOURCE, ['get']), false),
];

const checkOrderType = function (this: IExecuteSingleFunctions, request: Parameters<ReturnType<typeof oneOf>>[0]) {
	const model = this.getNodeParameter('cardModel') as keyof typeof ORDER_TYPES;
	oneOf('orderType', 'Order Type', ORDER_TYPES[model], { in: 'qs', key: 'OrderType' }).call(this, request);
};

const checkLookUp = function (this: IExecuteSingleFunctions, request: Parameters<ReturnType<typeof oneOf>>[0]) {
	oneOf('lookUpBy', 'Look Up By', ['orderNo', 'customerOrderNo']).call(this, request);
	if (this.getNodeParameter('lookUpBy') === 'orderNo') {
		requiredText('orderNo', 'Order No', "Use the orderNo from a Card operation's output.", { in: 'qs', key: 'OrderNo' }).call(this, request);
	} else {
		requiredText('customerOrderNo', 'Customer Order No', 'Use the Customer Order No the order was sent with.', { in: 'qs', key: 'CustomerOrderNo' }).call(this, request);
	}
};

export const orderOperations: Record<string, OperationSpec> = {
	get: {
		checks: [oneOf('cardModel', 'Card Model', CARD_MODEL_VALUES), checkOrderType, checkLookUp],
	},
};
