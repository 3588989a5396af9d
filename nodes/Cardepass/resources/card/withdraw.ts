import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { amountField } from '../../shared/fields';
import { simplifyProperty } from '../../shared/orderOutput';
import type { CardepassOperation } from '../../shared/operation';
import type { InputCheck, OrderField } from '../../shared/types';
import { cardId, customerOrderNo, orderOptions } from './cardParameters';

const withdrawAll: INodeProperties = {
	displayName: 'Withdraw Whole Balance',
	name: 'withdrawAll',
	type: 'boolean',
	default: true,
	description:
		'Whether to move the whole card balance back to your account. Off: only Withdraw Amount is moved.',
};
const withdrawAmount = amountField({
	name: 'withdrawAmount',
	displayName: 'Withdraw Amount',
	description: 'How much to move from the card back to your account',
	show: { show: { withdrawAll: [false] } },
	rule: {},
	target: { in: 'body', key: 'withdrawAmount' },
});

/** Withdraw Whole Balance sends no amount: the provider then moves everything. */
const checkWithdrawAmount: InputCheck = function (this: IExecuteSingleFunctions, request) {
	if (this.getNodeParameter('withdrawAll', true) === true) {
		delete (request.body as IDataObject).withdrawAmount;
		return;
	}
	withdrawAmount.check.call(this, request);
};

function wholeBalanceOnPurpose(this: IExecuteSingleFunctions): OrderField[] {
	return this.getNodeParameter('withdrawAll', true) === true ? ['withdrawAmount'] : [];
}

export const withdraw: CardepassOperation = {
	name: 'Withdraw Balance',
	value: 'withdraw',
	action: 'Withdraw the balance of a card',
	description: 'Move money from a standard card back to your account',
	request: { method: 'POST', url: '/v1/orders/standard/withdraw' },
	properties: [
		cardId.property,
		withdrawAll,
		withdrawAmount.property,
		customerOrderNo.property,
		simplifyProperty,
		orderOptions,
	],
	spec: {
		checks: [
			cardId.check({ in: 'body', key: 'cardId' }),
			customerOrderNo.check,
			checkWithdrawAmount,
		],
		order: {
			model: 'standard',
			orderType: 'CardWithdraw',
			matchFields: ['cardId', 'withdrawAmount'],
			unsetOnPurpose: wholeBalanceOnPurpose,
			rule: { permission: 'allowWithdraw' },
		},
	},
};
