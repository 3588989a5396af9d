import type { INodeProperties } from 'n8n-workflow';

import { operationProperty, optionsCollection, route, showFor } from '../../shared/fields';
import { cardIdFilter, checkLimit, returnAllAndLimit } from '../../shared/lists';
import type { OperationSpec } from '../../shared/types';
import { dateRange, oneOf } from '../../shared/validation';

const RESOURCE = 'transaction';
const STATUSES = ['AuthSuccess', 'AuthFailure', 'Settled'] as const;

export const transactionOperationProperty = operationProperty(
	RESOURCE,
	[
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many transactions',
			description: 'List card payments, refunds and fees in a time range (API v1.4 and later)',
			routing: route('GET', '/v1/transactions'),
		},
	],
	'getAll',
);

const show = showFor(RESOURCE, ['getAll']);
const cardFilter = cardIdFilter('transactions', 'cardId');

export const transactionProperties: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'transactionDateFrom',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Transactions at or after this time (transactionDateFrom)',
		displayOptions: show,
	},
	{
		displayName: 'To',
		name: 'transactionDateTo',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Transactions at or before this time (transactionDateTo)',
		displayOptions: show,
	},
	...returnAllAndLimit(RESOURCE, 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show,
		options: [
			cardFilter.property,
			{
				displayName: 'Status',
				name: 'transactionStatus',
				type: 'options',
				options: [
					{ name: 'Authorised', value: 'AuthSuccess' },
					{ name: 'Authorisation Failed', value: 'AuthFailure' },
					{ name: 'Settled', value: 'Settled' },
				],
				default: 'Settled',
				description: 'Only transactions in this state (transactionStatus)',
			},
		],
	},
	optionsCollection(show, false),
];

export const transactionOperations: Record<string, OperationSpec> = {
	getAll: {
		checks: [
			checkLimit,
			dateRange(
				{ name: 'transactionDateFrom', label: 'From', keys: ['transactionDateFrom'] },
				{ name: 'transactionDateTo', label: 'To', keys: ['transactionDateTo'] },
				{ required: true },
			),
			cardFilter.check,
			function (this, request) {
				if (this.getNodeParameter('filters.transactionStatus', '') === '') return;
				oneOf('filters.transactionStatus', 'Status', STATUSES, { in: 'qs', key: 'transactionStatus' }).call(this, request);
			},
		],
		paging: { style: 'cursor' },
		hint: ({ httpCode }) =>
			httpCode === '404'
				? 'Transactions are part of the Cardepass API from v1.4 on; this server does not offer them yet. Ask Cardepass support to enable it'
				: undefined,
	},
};
