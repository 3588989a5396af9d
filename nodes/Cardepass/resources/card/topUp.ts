import { amountField } from '../../shared/fields';
import { simplifyProperty } from '../../shared/orderOutput';
import type { CardepassOperation } from '../../shared/operation';
import { cardId, customerOrderNo, orderOptions } from './cardParameters';

const topUpAmount = amountField({
	name: 'topUpAmount',
	displayName: 'Top Up Amount',
	description:
		"The amount to add to the card, at least 1, in the card's currency. The fee is charged on top from your account.",
	rule: { min: 1 },
	target: { in: 'body', key: 'topUpAmount' },
});

export const topUp: CardepassOperation = {
	name: 'Top Up',
	value: 'topUp',
	action: 'Top up a card',
	description: 'Add money to a standard card from your account',
	request: { method: 'POST', url: '/v1/orders/standard/topup' },
	properties: [
		cardId.property,
		topUpAmount.property,
		customerOrderNo.property,
		simplifyProperty,
		orderOptions,
	],
	spec: {
		checks: [cardId.check({ in: 'body', key: 'cardId' }), customerOrderNo.check, topUpAmount.check],
		order: {
			model: 'standard',
			orderType: 'CardTopUp',
			matchFields: ['cardId', 'topUpAmount'],
			rule: {
				permission: 'allowTopUpCard',
				amount: {
					field: 'topUpAmount',
					label: 'top-ups',
					minimum: 'minTopUpAmount',
					precision: 'topUpAmountPrecision',
				},
			},
		},
	},
};
