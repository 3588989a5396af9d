import type { INodePropertyOptions } from 'n8n-workflow';

/** Any event type, known or not. */
export const ANY_EVENT = '*';

/** The event types of the webhook document; all but CardPay are announced, not sent yet. */
export const EVENT_TYPES: Array<{
	value: string;
	name: string;
	announced: boolean;
	description: string;
}> = [
	{
		value: 'CardPay',
		name: 'Card Payment',
		announced: false,
		description: 'A card was charged: authorisation succeeded or failed, or a payment settled',
	},
	{ value: 'ApplyCard', name: 'Card Issued', announced: true, description: 'A card was opened' },
	{ value: 'Recharge', name: 'Top-Up', announced: true, description: 'Funds were added' },
	{
		value: 'AcctPay',
		name: 'Shared Account Movement',
		announced: true,
		description: 'Money moved on a shared-balance account',
	},
	{ value: 'CardAudit', name: 'Card Review', announced: true, description: 'A card was reviewed' },
	{
		value: 'CardActivation',
		name: 'Card Activated',
		announced: true,
		description: 'A card was activated',
	},
	{
		value: 'CardBlock',
		name: 'Card Frozen',
		announced: true,
		description: 'A card was frozen (blocked)',
	},
	{
		value: 'CardUnblock',
		name: 'Card Unfrozen',
		announced: true,
		description: 'A card was unfrozen (unblocked)',
	},
	{
		value: 'CardCancel',
		name: 'Card Cancelled',
		announced: true,
		description: 'A card was cancelled',
	},
];

const KNOWN = new Set(EVENT_TYPES.map((event) => event.value));

export function isKnownEventType(type: string): boolean {
	return KNOWN.has(type);
}

export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Any Event Type',
		value: ANY_EVENT,
		description: 'Every notification, including types this node does not know yet',
	},
	...EVENT_TYPES.map(({ value, name, announced, description }) => ({
		name: announced ? `${name} (${value}, Announced)` : `${name} (${value})`,
		value,
		description: announced
			? `${description}. Announced by Cardepass, not sent yet; its data fields are not documented yet.`
			: description,
	})),
];

export const TRANSACTION_STATUSES = ['AuthSuccess', 'AuthFailure', 'Settled'] as const;
export const FUNDS_DIRECTIONS = ['Expenditure', 'Income'] as const;
