import { optionsCollection } from '../../shared/fields';
import {
	cardIdFilter,
	checkPageLimit,
	filtersCollection,
	returnAllAndLimit,
} from '../../shared/listParameters';
import type { CardepassOperation } from '../../shared/operation';
import { onlyForCustomRange, periodCheck, periodProperty } from '../../shared/period';
import { outputProperty, spreadsheetRows } from '../../shared/spreadsheet';
import { dateRange, oneOf } from '../../shared/validation';
import { TRANSACTION_COLUMNS } from './transactionRows';

const STATUSES = ['AuthSuccess', 'AuthFailure', 'Settled'] as const;
const cardFilter = cardIdFilter('transactions', 'cardId');

export const getAll: CardepassOperation = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many transactions',
	description: 'List card payments, refunds and fees in a time range (API v1.4 and later)',
	request: { method: 'GET', url: '/v1/transactions' },
	properties: [
		periodProperty('transactions'),
		{
			displayName: 'From',
			name: 'transactionDateFrom',
			type: 'dateTime',
			required: true,
			default: '',
			description: "Transactions at or after this time, in the workflow's time zone",
			displayOptions: onlyForCustomRange(false),
		},
		{
			displayName: 'To',
			name: 'transactionDateTo',
			type: 'dateTime',
			required: true,
			default: '',
			description: "Transactions at or before this time, in the workflow's time zone",
			displayOptions: onlyForCustomRange(false),
		},
		...returnAllAndLimit(),
		filtersCollection([
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
				description: 'Only transactions in this state',
			},
		]),
		outputProperty,
		optionsCollection(false),
	],
	spec: {
		checks: [
			checkPageLimit,
			periodCheck(
				{ from: 'transactionDateFrom', to: 'transactionDateTo' },
				dateRange(
					{ name: 'transactionDateFrom', label: 'From', keys: ['transactionDateFrom'] },
					{ name: 'transactionDateTo', label: 'To', keys: ['transactionDateTo'] },
					{ required: true },
				),
			),
			cardFilter.check,
			function (this, request) {
				if (this.getNodeParameter('filters.transactionStatus', '') === '') return;
				oneOf('filters.transactionStatus', 'Status', STATUSES, {
					in: 'qs',
					key: 'transactionStatus',
				}).call(this, request);
			},
		],
		paging: { style: 'cursor' },
		transform: spreadsheetRows(TRANSACTION_COLUMNS),
		hint: ({ httpCode }) =>
			httpCode === '404'
				? {
						message:
							'This Cardepass server does not offer card transactions yet (they came with API v1.4)',
						hint: "Use Account → Get Many Card Fund Logs for a card's money movements meanwhile, or ask Cardepass support when transactions come to your account",
					}
				: undefined,
	},
};
