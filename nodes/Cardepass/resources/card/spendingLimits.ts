import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	INodeProperties,
} from 'n8n-workflow';

import { amountField } from '../../shared/fields';
import type { InputCheck, OrderField } from '../../shared/types';
import { oneOf } from '../../shared/validation';

/**
 * A share-balance card's spending limits: the largest single payment and, unless the user
 * picks No Total Limit, the most it may spend in all. `when` adds display conditions.
 */
export function spendingLimitFields(when: NonNullable<IDisplayOptions['show']> = {}): {
	properties: INodeProperties[];
	checks: InputCheck[];
} {
	const maxAuthAmount = amountField({
		name: 'maxAuthAmount',
		displayName: 'Max Amount per Payment',
		description: 'The largest single authorisation the card may make',
		show: { show: when },
		rule: {},
		target: { in: 'body', key: 'maxAuthAmount' },
	});
	const totalLimit: INodeProperties = {
		displayName: 'Total Limit',
		name: 'totalLimit',
		type: 'options',
		options: [
			{
				name: 'Set a Total Limit',
				value: 'limited',
				description: 'The card may spend at most Max Total Amount in all',
			},
			{
				name: 'No Total Limit',
				value: 'unlimited',
				description: 'The card may spend without a total cap (no Max Total Amount is sent)',
			},
		],
		default: 'limited',
		description: 'Whether the card has a cap on everything it spends',
		displayOptions: { show: when },
	};
	const maxCreditAmount = amountField({
		name: 'maxCreditAmount',
		displayName: 'Max Total Amount',
		description: 'The most the card may spend in all',
		show: { show: { ...when, totalLimit: ['limited'] } },
		rule: {},
		target: { in: 'body', key: 'maxCreditAmount' },
	});
	const checkTotal: InputCheck = function (this: IExecuteSingleFunctions, request) {
		if (this.getNodeParameter('totalLimit') === 'unlimited') {
			delete (request.body as IDataObject).maxCreditAmount;
			return;
		}
		maxCreditAmount.check.call(this, request);
	};
	return {
		properties: [maxAuthAmount.property, totalLimit, maxCreditAmount.property],
		checks: [
			maxAuthAmount.check,
			oneOf('totalLimit', 'Total Limit', ['limited', 'unlimited']),
			checkTotal,
		],
	};
}

/** "No Total Limit" on a share-balance card: an earlier order that shows a total limit is a different order. */
export function noTotalLimitOnPurpose(this: IExecuteSingleFunctions): OrderField[] {
	const shareBalance = this.getNodeParameter('cardModel', 'sharebalance') === 'sharebalance';
	return shareBalance && this.getNodeParameter('totalLimit', 'limited') === 'unlimited'
		? ['maxCreditAmount']
		: [];
}

/** API v1.4 servers refuse a card without a total limit; v1.0 servers take it. */
export function totalLimitHint(
	this: IExecuteSingleFunctions,
	{ message }: { message: string },
): string | undefined {
	if (
		this.getNodeParameter('totalLimit', 'limited') !== 'unlimited' ||
		!/maxCreditAmount/i.test(message)
	)
		return undefined;
	return 'This Cardepass server (API v1.4 or later) requires a total limit: set Total Limit to "Set a Total Limit" and give Max Total Amount as a whole number of at least 1';
}
