import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import {
	amountField,
	CARD_MODEL_VALUES,
	cardIdField,
	cardModelProperty,
	customerOrderNoField,
	operationProperty,
	optionsCollection,
	route,
	showFor,
} from '../../shared/fields';
import { isToolCall } from '../../shared/toolCall';
import type { OperationSpec, OrderField, ProductRule } from '../../shared/types';
import { oneOf, optionalText, requiredText } from '../../shared/validation';

const RESOURCE = 'card';
const byModel = (action: string) => `=/v1/orders/{{ $parameter.cardModel }}/${action}`;
const FROM_CREATE = "Use the cardId from Card → Create's output (cardInfos) or from Account → Get Many Card Fund Logs.";

const modelOperations = ['create', 'block', 'unblock', 'cancel'];
const cardModel = cardModelProperty(showFor(RESOURCE, modelOperations), 'Which kind of card; each model has its own endpoints');
const checkCardModel = oneOf('cardModel', 'Card Model', CARD_MODEL_VALUES);

const standardCreate = showFor(RESOURCE, ['create'], { cardModel: ['standard'] });

const openingAmount = amountField({
	name: 'topUpAmount',
	displayName: 'Top Up Amount',
	description: "The amount loaded onto the new card (topUpAmount), in the card's currency. The fee is charged on top.",
	show: standardCreate,
	rule: {},
	target: { in: 'body', key: 'topUpAmount' },
});
const topUpAmount = amountField({
	name: 'topUpAmount',
	displayName: 'Top Up Amount',
	description: "The amount to add to the card (topUpAmount), at least 1, in the card's currency. The fee is charged on top from your account.",
	show: showFor(RESOURCE, ['topUp']),
	rule: { min: 1 },
	target: { in: 'body', key: 'topUpAmount' },
});

function limitFields(operation: string, extra = {}) {
	const show = showFor(RESOURCE, [operation], extra);
	const maxAuthAmount = amountField({
		name: 'maxAuthAmount',
		displayName: 'Max Amount per Payment',
		description: 'The largest single authorisation the card may make (maxAuthAmount)',
		show,
		rule: {},
		target: { in: 'body', key: 'maxAuthAmount' },
	});
	const totalLimit: INodeProperties = {
		displayName: 'Total Limit',
		name: 'totalLimit',
		type: 'options',
		options: [
			{ name: 'Set a Total Limit', value: 'limited', description: 'The card may spend at most Max Total Amount in all' },
			{ name: 'No Total Limit', value: 'unlimited', description: 'The card may spend without a total cap (maxCreditAmount is left empty)' },
		],
		default: 'limited',
		description: 'Whether the card has a cap on everything it spends (maxCreditAmount)',
		displayOptions: show,
	};
	const maxCreditAmount = amountField({
		name: 'maxCreditAmount',
		displayName: 'Max Total Amount',
		description: 'The most the card may spend in all (maxCreditAmount)',
		show: showFor(RESOURCE, [operation], { ...extra, totalLimit: ['limited'] }),
		rule: {},
		target: { in: 'body', key: 'maxCreditAmount' },
	});
	const checkTotal = function (this: IExecuteSingleFunctions, request: Parameters<typeof maxCreditAmount.check>[0]) {
		if (this.getNodeParameter('totalLimit') === 'unlimited') {
			delete (request.body as IDataObject).maxCreditAmount;
			return;
		}
		maxCreditAmount.check.call(this, request);
	};
	return {
		properties: [maxAuthAmount.property, totalLimit, maxCreditAmount.property],
		checks: [maxAuthAmount.check, oneOf('totalLimit', 'Total Limit', ['limited', 'unlimited']), checkTotal],
	};
}

const createLimits = limitFields('create', { cardModel: ['sharebalance'] });

function noTotalLimitOnPurpose(this: IExecuteSingleFunctions): OrderField[] {
	const shareBalance = this.getNodeParameter('cardModel', 'sharebalance') === 'sharebalance';
	return shareBalance && this.getNodeParameter('totalLimit', 'limited') === 'unlimited' ? ['maxCreditAmount'] : [];
}

function wholeBalanceOnPurpose(this: IExecuteSingleFunctions): OrderField[] {
	return this.getNodeParameter('withdrawAll', true) === true ? ['withdrawAmount'] : [];
}
const updateLimits = limitFields('updateLimits');

const ORDER_OPERATIONS = ['create', 'topUp', 'withdraw', 'updateLimits', 'block', 'unblock', 'cancel'];
const cardId = cardIdField(showFor(RESOURCE, ORDER_OPERATIONS.filter((o) => o !== 'create').concat('get')), FROM_CREATE);
const orderNo = customerOrderNoField(showFor(RESOURCE, ORDER_OPERATIONS));

const withdrawAll: INodeProperties = {
	displayName: 'Withdraw Whole Balance',
	name: 'withdrawAll',
	type: 'boolean',
	default: true,
	description: 'Whether to move the whole card balance back to your account. Off: only Withdraw Amount is moved.',
	displayOptions: showFor(RESOURCE, ['withdraw']),
};
const withdrawAmount = amountField({
	name: 'withdrawAmount',
	displayName: 'Withdraw Amount',
	description: 'How much to move from the card back to your account (withdrawAmount)',
	show: showFor(RESOURCE, ['withdraw'], { withdrawAll: [false] }),
	rule: {},
	target: { in: 'body', key: 'withdrawAmount' },
});
function checkWithdrawAmount(this: IExecuteSingleFunctions, request: Parameters<typeof withdrawAmount.check>[0]) {
	if (this.getNodeParameter('withdrawAll', true) === true) {
		delete (request.body as IDataObject).withdrawAmount;
		return;
	}
	withdrawAmount.check.call(this, request);
}

const productCode: INodeProperties = {
	displayName: 'Product Name or ID',
	name: 'productCode',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getProducts', loadOptionsDependsOn: ['cardModel'] },
	required: true,
	default: '',
	description:
		'The card product (productCode), from the products your account may use for this card model. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	displayOptions: showFor(RESOURCE, ['create']),
	routing: { send: { type: 'body', property: 'productCode' } },
};
const cardCurrency: INodeProperties = {
	displayName: 'Currency Name or ID',
	name: 'cardCurrency',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCurrencies', loadOptionsDependsOn: ['productCode'] },
	required: true,
	default: '',
	description:
		'The card\'s settlement currency (cardCurrency), from the chosen product\'s currencies. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	displayOptions: showFor(RESOURCE, ['create']),
	routing: { send: { type: 'body', property: 'cardCurrency' } },
};
const cardAlias = optionalText('additionalFields.cardAlias', 'Card Alias', 64, { in: 'body', key: 'cardAlias' });

export const cardOperationProperty = operationProperty(
	RESOURCE,
	[
		{ name: 'Block', value: 'block', action: 'Block a card', description: 'Freeze a card so it cannot pay', routing: route('POST', byModel('block')) },
		{ name: 'Cancel', value: 'cancel', action: 'Cancel a card', description: 'Close a card for good; a standard card\'s balance goes back to your account', routing: route('POST', byModel('cancel')) },
		{ name: 'Create', value: 'create', action: 'Create a card', description: 'Issue a new virtual card', routing: route('POST', byModel('apply')) },
		{
			name: 'Get',
			value: 'get',
			action: 'Get a card',
			description: 'Read a card: status, balance, limits (card number and CVV masked unless revealed)',
			routing: route('GET', '=/v1/cards/{{ encodeURIComponent(String($parameter.cardId).trim()) }}'),
		},
		{ name: 'Top Up', value: 'topUp', action: 'Top up a card', description: 'Add money to a standard card from your account', routing: route('POST', '/v1/orders/standard/topup') },
		{ name: 'Unblock', value: 'unblock', action: 'Unblock a card', description: 'Unfreeze a blocked card', routing: route('POST', byModel('unblock')) },
		{ name: 'Update Limits', value: 'updateLimits', action: 'Update the limits of a card', description: 'Change a share-balance card\'s limits', routing: route('POST', '/v1/orders/sharebalance/creditLimit') },
		{ name: 'Withdraw Balance', value: 'withdraw', action: 'Withdraw the balance of a card', description: 'Move money from a standard card back to your account', routing: route('POST', '/v1/orders/standard/withdraw') },
	],
	'get',
);

export const cardProperties: INodeProperties[] = [
	cardModel,
	productCode,
	cardCurrency,
	openingAmount.property,
	...createLimits.properties,
	cardId.property,
	topUpAmount.property,
	withdrawAll,
	withdrawAmount.property,
	...updateLimits.properties,
	orderNo.property,
	{
		displayName: 'Reveal Card Number and CVV',
		name: 'revealCardData',
		type: 'boolean',
		default: false,
		description:
			'Whether to output the full card number and CVV. Off: the number is masked (first 6 and last 4 digits) and the CVV hidden. Always masked when an AI agent calls the node.',
		displayOptions: showFor(RESOURCE, ['get']),
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor(RESOURCE, ['create']),
		options: [
			{
				displayName: 'Card Alias',
				name: 'cardAlias',
				type: 'string',
				default: '',
				placeholder: 'e.g. Marketing ads',
				description: 'A name of your own for the card (cardAlias), up to 64 characters',
				routing: { send: { type: 'body', property: 'cardAlias' } },
			},
		],
	},
	optionsCollection(showFor(RESOURCE, ORDER_OPERATIONS), true),
	optionsCollection(showFor(RESOURCE, ['get']), false),
];

/** API v1.4 servers refuse a card without a total limit; v1.0 servers take it. */
function totalLimitHint(this: IExecuteSingleFunctions, { message }: { message: string }): string | undefined {
	if (this.getNodeParameter('totalLimit', 'limited') !== 'unlimited' || !/maxCreditAmount/i.test(message)) return undefined;
	return 'This Cardepass server (API v1.4 or later) requires a total limit: set Total Limit to "Set a Total Limit" and give Max Total Amount as a whole number of at least 1';
}

/** Full card data only when the user asks for it, and never for an AI agent. */
function revealsCardData(this: IExecuteSingleFunctions): boolean {
	return this.getNodeParameter('revealCardData', false) === true && !isToolCall(this);
}

const cardChecks = [cardId.check({ in: 'body', key: 'cardId' }), orderNo.check];

/** Block, Unblock and Cancel: the same order on a card of either model. */
function cardStateOrder(orderType: string, permission: ProductRule['permission']): OperationSpec {
	return {
		checks: [checkCardModel, ...cardChecks],
		order: { model: 'fromParameter', orderType, matchFields: ['cardId'], rule: { permission } },
	};
}

export const cardOperations: Record<string, OperationSpec> = {
	create: {
		checks: [
			checkCardModel,
			requiredText('productCode', 'Product', productCode.description!, { in: 'body', key: 'productCode' }),
			requiredText('cardCurrency', 'Currency', cardCurrency.description!, { in: 'body', key: 'cardCurrency' }),
			cardAlias,
			orderNo.check,
			function (this: IExecuteSingleFunctions, request) {
				const checks = this.getNodeParameter('cardModel') === 'standard' ? [openingAmount.check] : createLimits.checks;
				for (const check of checks) check.call(this, request);
			},
		],
		hint: totalLimitHint,
		order: {
			model: 'fromParameter',
			orderType: 'ApplyCard',
			matchFields: ['productCode', 'cardCurrency', 'topUpAmount', 'maxAuthAmount', 'maxCreditAmount'],
			unsetOnPurpose: noTotalLimitOnPurpose,
			rule: {
				permission: 'allowOpenCard',
				amount: { field: 'topUpAmount', label: 'opening amounts', minimum: 'minPreTopUpAmount', precision: 'openCardAmountPrecision' },
			},
		},
	},
	get: { checks: [cardId.check()], revealsCardData },
	topUp: {
		checks: [...cardChecks, topUpAmount.check],
		order: {
			model: 'standard',
			orderType: 'CardTopUp',
			matchFields: ['cardId', 'topUpAmount'],
			rule: {
				permission: 'allowTopUpCard',
				amount: { field: 'topUpAmount', label: 'top-ups', minimum: 'minTopUpAmount', precision: 'topUpAmountPrecision' },
			},
		},
	},
	withdraw: {
		checks: [...cardChecks, checkWithdrawAmount],
		order: {
			model: 'standard',
			orderType: 'CardWithdraw',
			matchFields: ['cardId', 'withdrawAmount'],
			unsetOnPurpose: wholeBalanceOnPurpose,
			rule: { permission: 'allowWithdraw' },
		},
	},
	updateLimits: {
		checks: [...cardChecks, ...updateLimits.checks],
		hint: totalLimitHint,
		order: {
			model: 'sharebalance',
			orderType: 'CreditLimit',
			matchFields: ['cardId', 'maxAuthAmount', 'maxCreditAmount'],
			unsetOnPurpose: noTotalLimitOnPurpose,
			rule: { permission: 'allowUpdateLimit' },
		},
	},
	block: cardStateOrder('CardBlock', 'allowBlockCard'),
	unblock: cardStateOrder('CardUnblock', 'allowUnBlockCard'),
	cancel: cardStateOrder('CardCancel', 'allowCancelCard'),
};
