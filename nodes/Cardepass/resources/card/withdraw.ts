import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { amountField } from '../../shared/fields';
import { simplifyProperty } from '../../shared/orderOutput';
import type { CardepassOperation } from '../../shared/operation';
import type { InputCheck } from '../../shared/types';
import { oneOf } from '../../shared/validation';
import { cardId, customerOrderNo, orderOptions } from './cardParameters';
import { WHOLE_BALANCE, fillWholeBalance } from './wholeBalance';

const withdrawMode: INodeProperties = {
	displayName: 'Withdraw',
	name: 'withdrawMode',
	type: 'options',
	// Fixed in the node: whether an amount is required must not depend on the data.
	noDataExpression: true,
	options: [
		{
			name: 'Amount',
			value: 'amount',
			description: 'The amount in Withdraw Amount',
		},
		{
			name: 'Whole Balance',
			value: WHOLE_BALANCE,
			description:
				'Everything the card holds: the node reads the balance from the card and sends it as the amount',
		},
	],
	default: 'amount',
	description: 'How much to move from the card back to your account',
};
const withdrawAmount = amountField({
	name: 'withdrawAmount',
	displayName: 'Withdraw Amount',
	description: 'How much to move from the card back to your account, e.g. from your input data',
	show: { show: { withdrawMode: ['amount'] } },
	required: true,
	rule: {},
	target: { in: 'body', key: 'withdrawAmount' },
});

const checkWithdrawMode = oneOf('withdrawMode', 'Withdraw', ['amount', WHOLE_BALANCE]);

/** Amount sends the amount given; Whole Balance sends the card's balance, read just before sending. */
const checkWithdrawAmount: InputCheck = function (this: IExecuteSingleFunctions, request) {
	checkWithdrawMode.call(this, request);
	if (this.getNodeParameter('withdrawMode', 'amount') === WHOLE_BALANCE) {
		delete (request.body as IDataObject).withdrawAmount;
		return;
	}
	withdrawAmount.check.call(this, request);
};

/** Cardepass may take its withdrawal fee from the card too: then the whole balance is more than can leave it. */
function wholeBalanceHint(
	this: IExecuteSingleFunctions,
	failure: { errorCode?: string },
): string | undefined {
	if (this.getNodeParameter('withdrawMode', 'amount') !== WHOLE_BALANCE) return undefined;
	if (failure.errorCode !== 'INSUFFICIENT_BALANCE') return undefined;
	return "Whole Balance sent the card's balance as the amount, and Cardepass takes its withdrawal fee from the card on top of it. Nothing was withdrawn: set Withdraw to Amount and give the balance minus the fee";
}

export const withdraw: CardepassOperation = {
	name: 'Withdraw Balance',
	value: 'withdraw',
	action: 'Withdraw the balance of a card',
	description: 'Move money from a standard card back to your account',
	request: { method: 'POST', url: '/v1/orders/standard/withdraw' },
	properties: [
		cardId.property,
		withdrawMode,
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
			completeBody: fillWholeBalance,
			rule: { permission: 'allowWithdraw' },
		},
		hint: wholeBalanceHint,
	},
};
