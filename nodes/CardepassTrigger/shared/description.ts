import type { INodeProperties } from 'n8n-workflow';

import { EVENT_OPTIONS, FUNDS_DIRECTIONS, TRANSACTION_STATUSES } from './events';
import { DEFAULT_REPEAT_WINDOW_DAYS } from './repeats';

const byName = <T extends { name: string }>(options: T[]) =>
	[...options].sort((a, b) => a.name.localeCompare(b.name));

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			"Cardepass has no API to register webhooks. Copy the Production URL above into the Cardepass portal, choose the same events there, and put the secret the portal shows into the credential. Notifications reach the Production URL once the workflow is published (n8n 2.x: Publish; n8n 1.x: the Active switch). Cardepass calls it from the internet: the URL must be reachable from there (n8n's WEBHOOK_URL setting gives its public address).",
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['CardPay'],
		description:
			'The notification types that start the workflow. Others are answered as received and start nothing. A type this node does not know is refused (UNKNOWN_EVENT_TYPE) unless Any Event Type is chosen.',
		options: byName(EVENT_OPTIONS),
	},
	{
		displayName: 'Transaction Statuses',
		name: 'transactionStatuses',
		type: 'multiOptions',
		default: [],
		description:
			'Card payments (CardPay) in these statuses start the workflow. None chosen: every status.',
		options: byName([
			{
				name: 'Authorisation Failed (AuthFailure)',
				value: TRANSACTION_STATUSES[1],
				description: 'Declined',
			},
			{
				name: 'Authorised (AuthSuccess)',
				value: TRANSACTION_STATUSES[0],
				description: 'Approved, not settled yet',
			},
			{ name: 'Settled', value: TRANSACTION_STATUSES[2], description: 'Booked on the card' },
		]),
	},
	{
		displayName: 'Funds Directions',
		name: 'fundsDirections',
		type: 'multiOptions',
		default: [],
		description:
			'Card payments (CardPay) whose money goes this way start the workflow. None chosen: both.',
		options: [
			{
				name: 'Expenditure',
				value: FUNDS_DIRECTIONS[0],
				description: 'Money leaves the card (purchases, fees)',
			},
			{
				name: 'Income',
				value: FUNDS_DIRECTIONS[1],
				description: 'Money comes back to the card (refunds, reversals)',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Ignore Repeats for (Days)',
				name: 'repeatWindowDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_REPEAT_WINDOW_DAYS,
				description:
					'Cardepass sends a notification again when it got no answer. A notification ID seen within this many days starts nothing a second time. 0 starts the workflow for every delivery.',
			},
		],
	},
];
