import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CARD_MODEL_VALUES, cardModelProperty, optionsCollection } from '../../shared/fields';
import type { CardepassOperation } from '../../shared/operation';
import { toRecords } from '../../shared/envelope';
import { findOrder, ORDER_TYPES } from '../../shared/orderQuery';
import { simplifyOrder, simplifyProperty } from '../../shared/orderOutput';
import type { Sender } from '../../shared/sender';
import type { CardModel, InputCheck, RequestOptions } from '../../shared/types';
import { oneOf, requiredText } from '../../shared/validation';

/** Each order type as the Card operation that makes it is named in the Operation dropdown. */
export const ORDER_TYPE_NAMES: Record<string, string> = {
	ApplyCard: 'Create',
	CardTopUp: 'Top Up',
	CardWithdraw: 'Withdraw Balance',
	CardBlock: 'Block',
	CardUnblock: 'Unblock',
	CardCancel: 'Cancel',
	CreditLimit: 'Update Limits',
};

const ANY_TYPE = 'any';
const ANY_MODEL = 'any';
const MODELS: CardModel[] = ['standard', 'sharebalance'];
const MODEL_NAMES: Record<CardModel, string> = {
	standard: 'Standard',
	sharebalance: 'Share Balance',
};

/** Every order type of the models: the Card Model's own, or both models' for Any Model. */
function orderTypesOf(model: CardModel | typeof ANY_MODEL): string[] {
	return model === ANY_MODEL
		? [...new Set(MODELS.flatMap((m) => ORDER_TYPES[m]))]
		: ORDER_TYPES[model];
}

const cardModel: INodeProperties = (() => {
	const property = cardModelProperty(
		'The model of the card the order was made for. Any Model asks for each model in turn.',
	);
	return {
		...property,
		options: [
			{
				name: 'Any Model',
				value: ANY_MODEL,
				description: 'Look the order up under each card model until it is found',
			},
			...(property.options ?? []),
		],
	};
})();

/** Each card model files its orders under its own list of order types. */
function orderTypeProperty(model: CardModel | typeof ANY_MODEL): INodeProperties {
	return {
		displayName: 'Order Type',
		name: 'orderType',
		type: 'options',
		options: [
			{
				name: 'Any Type',
				value: ANY_TYPE,
				description: 'Look the order up under each order type until it is found',
			},
			...orderTypesOf(model).map((value) => ({
				name: ORDER_TYPE_NAMES[value],
				value,
				description: `Orders made by Card → ${ORDER_TYPE_NAMES[value]}`,
			})),
		],
		default: ANY_TYPE,
		description:
			'The kind of order to look up: the Card operation that made it. Any Type asks for each kind in turn.',
		displayOptions: { show: { cardModel: [model] } },
		routing: { send: { type: 'query', property: 'OrderType' } },
	};
}

const checkOrderType: InputCheck = function (this: IExecuteSingleFunctions, request) {
	const model = this.getNodeParameter('cardModel') as CardModel | typeof ANY_MODEL;
	oneOf('orderType', 'Order Type', [ANY_TYPE, ...orderTypesOf(model)], {
		in: 'qs',
		key: 'OrderType',
	}).call(this, request);
	if ((request.qs as IDataObject | undefined)?.OrderType === ANY_TYPE)
		delete (request.qs as IDataObject).OrderType;
};

/** With Any Type or Any Model, each of the order types (of each model) is asked in turn until the order is found. */
async function findOrderOfAnyType(
	this: IExecuteSingleFunctions,
	send: Sender,
	request: RequestOptions,
): Promise<IDataObject[]> {
	const qs = (request.qs as IDataObject | undefined) ?? {};
	const chosen = this.getNodeParameter('cardModel') as CardModel | typeof ANY_MODEL;
	if (qs.OrderType !== undefined && chosen !== ANY_MODEL) return toRecords(await send());
	const tried: string[] = [];
	for (const model of chosen === ANY_MODEL ? MODELS : [chosen]) {
		const types =
			qs.OrderType !== undefined
				? ORDER_TYPES[model].filter((type) => type === qs.OrderType)
				: ORDER_TYPES[model];
		for (const orderType of types) {
			tried.push(
				chosen === ANY_MODEL
					? `${ORDER_TYPE_NAMES[orderType]} (${MODEL_NAMES[model]})`
					: ORDER_TYPE_NAMES[orderType],
			);
			const order = await findOrder(
				async (read) => await send({ ...read, body: undefined }),
				model,
				orderType,
				qs.OrderNo
					? { orderNo: String(qs.OrderNo) }
					: { customerOrderNo: String(qs.CustomerOrderNo) },
			);
			if (order) return [order];
		}
	}
	const number = qs.OrderNo
		? `Order No ${String(qs.OrderNo)}`
		: `Customer Order No ${String(qs.CustomerOrderNo)}`;
	const kind = chosen === ANY_MODEL ? '' : `${MODEL_NAMES[chosen]} card `;
	const what = qs.OrderType !== undefined ? 'Every card model was' : 'Every order type was';
	throw new NodeOperationError(this.getNode(), `Cardepass has no ${kind}order with ${number}`, {
		itemIndex: this.getItemIndex(),
		description: `${what} tried: ${tried.join(', ')}. Check the number${chosen === ANY_MODEL ? '' : ', and the Card Model the order was made for (or choose Any Model)'}.`,
	});
}

/** With Simplify on, an order read here has the shape the Card operations give the same order. */
function simplifyFoundOrders(this: IExecuteSingleFunctions, records: IDataObject[]): IDataObject[] {
	if (this.getNodeParameter('simplify', true) !== true) return records;
	const model = this.getNodeParameter('cardModel') as CardModel;
	const asked = this.getNodeParameter('orderType', ANY_TYPE) as string;
	return records.map((record) =>
		simplifyOrder(record, {
			orderType: typeof record.orderType === 'string' ? record.orderType : asked,
			model,
			earlierOrder: false,
		}),
	);
}

const checkLookUp: InputCheck = function (this: IExecuteSingleFunctions, request) {
	oneOf('lookUpBy', 'Look Up By', ['orderNo', 'customerOrderNo']).call(this, request);
	if (this.getNodeParameter('lookUpBy') === 'orderNo') {
		requiredText('orderNo', 'Order No', "Use the orderNo from a Card operation's output.", {
			in: 'qs',
			key: 'OrderNo',
		}).call(this, request);
	} else {
		requiredText(
			'customerOrderNo',
			'Customer Order No',
			'Use the Customer Order No the order was sent with.',
			{ in: 'qs', key: 'CustomerOrderNo' },
		).call(this, request);
	}
};

export const get: CardepassOperation = {
	name: 'Get',
	value: 'get',
	action: 'Get an order',
	description: 'Read an order and its status by its Order No or your Customer Order No',
	request: { method: 'GET', url: '=/v1/orders/{{ $parameter.cardModel }}' },
	properties: [
		cardModel,
		orderTypeProperty(ANY_MODEL),
		orderTypeProperty('standard'),
		orderTypeProperty('sharebalance'),
		{
			displayName: 'Look Up By',
			name: 'lookUpBy',
			type: 'options',
			options: [
				{
					name: 'Order No',
					value: 'orderNo',
					description: "Cardepass's order number, in a Card operation's output",
				},
				{
					name: 'Customer Order No',
					value: 'customerOrderNo',
					description: 'Your own number sent with the order',
				},
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
			description: "Cardepass's order number: Order No in a Card operation's output",
			displayOptions: { show: { lookUpBy: ['orderNo'] } },
		},
		{
			displayName: 'Customer Order No',
			name: 'customerOrderNo',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. INV-2025-0042',
			description: 'The Customer Order No the order was sent with',
			displayOptions: { show: { lookUpBy: ['customerOrderNo'] } },
		},
		simplifyProperty,
		optionsCollection(false),
	],
	spec: {
		checks: [
			oneOf('cardModel', 'Card Model', [ANY_MODEL, ...CARD_MODEL_VALUES]),
			checkOrderType,
			checkLookUp,
		],
		read: findOrderOfAnyType,
		transform: simplifyFoundOrders,
	},
};
