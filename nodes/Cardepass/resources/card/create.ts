import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { amountField } from '../../shared/fields';
import { simplifyProperty } from '../../shared/orderOutput';
import type { CardepassOperation } from '../../shared/operation';
import type { InputCheck } from '../../shared/types';
import { optionalText, requiredText } from '../../shared/validation';
import {
	byModel,
	cardModel,
	checkCardModel,
	customerOrderNo,
	orderOptions,
} from './cardParameters';
import { noTotalLimitOnPurpose, spendingLimitFields, totalLimitHint } from './spendingLimits';

const openingAmount = amountField({
	name: 'topUpAmount',
	displayName: 'Top Up Amount',
	description:
		"The amount loaded onto the new card, in the card's currency. The fee is charged on top.",
	show: { show: { cardModel: ['standard'] } },
	rule: {},
	target: { in: 'body', key: 'topUpAmount' },
});
const limits = spendingLimitFields({ cardModel: ['sharebalance'] });

const productCode: INodeProperties = {
	displayName: 'Product Name or ID',
	name: 'productCode',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getProducts', loadOptionsDependsOn: ['cardModel'] },
	required: true,
	default: '',
	description:
		'The card product, from the products your account may use for this card model. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};
const cardCurrency: INodeProperties = {
	displayName: 'Currency Name or ID',
	name: 'cardCurrency',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCurrencies', loadOptionsDependsOn: ['productCode'] },
	required: true,
	default: '',
	description:
		'The card\'s settlement currency, from the chosen product\'s currencies. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};
const additionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		{
			displayName: 'Card Alias',
			name: 'cardAlias',
			type: 'string',
			default: '',
			placeholder: 'e.g. Marketing ads',
			description: 'A name of your own for the card, up to 64 characters',
		},
	],
};

/** A standard card takes an opening amount; a share-balance card takes spending limits. */
const checkAmounts: InputCheck = function (this: IExecuteSingleFunctions, request) {
	const checks =
		this.getNodeParameter('cardModel') === 'standard' ? [openingAmount.check] : limits.checks;
	for (const check of checks) check.call(this, request);
};

export const create: CardepassOperation = {
	name: 'Create',
	value: 'create',
	action: 'Create a card',
	description: 'Issue a new virtual card',
	request: { method: 'POST', url: byModel('apply') },
	properties: [
		cardModel,
		productCode,
		cardCurrency,
		openingAmount.property,
		...limits.properties,
		customerOrderNo.property,
		additionalFields,
		simplifyProperty,
		orderOptions,
	],
	spec: {
		checks: [
			checkCardModel,
			requiredText('productCode', 'Product', productCode.description!, {
				in: 'body',
				key: 'productCode',
			}),
			requiredText('cardCurrency', 'Currency', cardCurrency.description!, {
				in: 'body',
				key: 'cardCurrency',
			}),
			optionalText('additionalFields.cardAlias', 'Card Alias', 64, {
				in: 'body',
				key: 'cardAlias',
			}),
			customerOrderNo.check,
			checkAmounts,
		],
		hint: totalLimitHint,
		order: {
			model: 'fromParameter',
			orderType: 'ApplyCard',
			matchFields: [
				'productCode',
				'cardCurrency',
				'topUpAmount',
				'maxAuthAmount',
				'maxCreditAmount',
			],
			unsetOnPurpose: noTotalLimitOnPurpose,
			rule: {
				permission: 'allowOpenCard',
				amount: {
					field: 'topUpAmount',
					label: 'opening amounts',
					minimum: 'minPreTopUpAmount',
					precision: 'openCardAmountPrecision',
				},
			},
		},
	},
};
