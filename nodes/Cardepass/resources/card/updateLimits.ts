import { simplifyProperty } from '../../shared/orderOutput';
import type { CardepassOperation } from '../../shared/operation';
import { cardId, customerOrderNo, orderOptions } from './cardParameters';
import { noTotalLimitOnPurpose, spendingLimitFields, totalLimitHint } from './spendingLimits';

const limits = spendingLimitFields();

export const updateLimits: CardepassOperation = {
	name: 'Update Limits',
	value: 'updateLimits',
	action: 'Update the limits of a card',
	description: "Change a share-balance card's limits",
	request: { method: 'POST', url: '/v1/orders/sharebalance/creditLimit' },
	properties: [
		cardId.property,
		...limits.properties,
		customerOrderNo.property,
		simplifyProperty,
		orderOptions,
	],
	spec: {
		checks: [cardId.check({ in: 'body', key: 'cardId' }), customerOrderNo.check, ...limits.checks],
		hint: totalLimitHint,
		order: {
			model: 'sharebalance',
			orderType: 'CreditLimit',
			matchFields: ['cardId', 'maxAuthAmount', 'maxCreditAmount'],
			unsetOnPurpose: noTotalLimitOnPurpose,
			rule: { permission: 'allowUpdateLimit' },
		},
	},
};
