import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { CARD_MODEL_VALUES, cardModelProperty, optionsCollection } from '../../shared/fields';
import type { CardepassOperation } from '../../shared/operation';
import { ORDER_TYPES } from '../../shared/orderQuery';
import type { CardModel, InputCheck } from '../../shared/types';
import { oneOf, requiredText } from '../../shared/validation';

const ORDER_TYPE_NAMES: Record<string, string> = {
	ApplyCard: 'Create Card',
	CardTopUp: 'Top Up',
	CardWithdraw: 'Withdraw Balance',
	CardBlock: 'Block',
	CardUnblock: 'Unblock',
	CardCancel: 'Cancel',
	CreditLimit: 'Update Limits',
};

/** Each card model files its orders under its own list of order types. */
function orderTypeProperty(model: CardModel): INodeProperties {
	return {
		displayName: 'Order Type',
		name: 'orderType',
		type: 'options',
		options: ORDER_TYPES[model].map((value) => ({ name: ORDER_TYPE_NAMES[value], value, description: `Orders of type ${value}` })),
		default: 'ApplyCard',
		description: 'The kind of order to look up (OrderType): the Card operation that made it',
		displayOptions: { show: { cardModel: [model] } },
		routing: { send: { type: 'query', property: 'OrderType' } },
	};
}

const checkOrderType: InputCheck = function (this: IExecuteSingleFunctions, request) {
	const model = this.getNodeParameter('cardModel') as CardModel;
	oneOf('orderType', 'Order Type', ORDER_TYPES[model], { in: 'qs', key: 'OrderType' }).call(this, request);
};

const checkLookUp: InputCheck = function (this: IExecuteSingleFunctions, request) {
	oneOf('lookUpBy', 'Look Up By', ['orderNo', 'customerOrderNo']).call(this, request);
	if (this.getNodeParameter('lookUpBy') === 'orderNo') {
		requiredText('orderNo', 'Order No', "Use the orderNo from a Card operation's output.", { in: 'qs', key: 'OrderNo' }).call(this, request);
	} else {
		requiredText('customerOrderNo', 'Customer Order No', 'Use the Customer Order No the order was sent with.', { in: 'qs', key: 'CustomerOrderNo' }).call(this, request);
	}
};

export const get: CardepassOperation = {
	name: 'Get',
	value: 'get',
	action: 'Get an order',
	description: 'Read an order and its status by its Order No or your Customer Order No',
	request: { method: 'GET', url: '=/v1/orders/{{ $parameter.cardModel }}' },
	properties: [
		cardModelProperty('The model of the card the order was made for'),
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
		},
		{
			displayName: 'Order No',
			name: 'orderNo',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. ORD12345678',
			description: "Cardepass's order number (OrderNo): the orderNo in a Card operation's output",
			displayOptions: { show: { lookUpBy: ['orderNo'] } },
		},
		{
			displayName: 'Customer Order No',
			name: 'customerOrderNo',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. INV-2025-0042',
			description: 'The Customer Order No the order was sent with (CustomerOrderNo)',
			displayOptions: { show: { lookUpBy: ['customerOrderNo'] } },
		},
		optionsCollection(false),
	],
	spec: { checks: [oneOf('cardModel', 'Card Model', CARD_MODEL_VALUES), checkOrderType, checkLookUp] },
};
