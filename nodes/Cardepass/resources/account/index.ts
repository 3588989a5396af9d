import type { INodeProperties } from 'n8n-workflow';

import { operationProperty, optionsCollection, route, showFor } from '../../shared/fields';
import { cardIdFilter, checkLimit, dateTimeFilter, returnAllAndLimit } from '../../shared/lists';
import { limitOffsetQuery, pageNumberQuery } from '../../shared/paging';
import type { OperationSpec } from '../../shared/types';
import { dateRange } from '../../shared/validation';

const RESOURCE = 'account';

export const accountOperationProperty = operationProperty(
	RESOURCE,
	[
		{
			name: 'Get Balances',
			value: 'getBalances',
			action: 'Get the account balances',
			description: 'Read the account balance in each currency (one item per currency)',
			routing: route('GET', '/v1/accounts'),
		},
		{
			name: 'Get Many Card Fund Logs',
			value: 'getCardFundLogs',
			action: 'Get many card fund logs',
			description: "Read the money movements of standard cards' balances (card transactions excluded)",
			routing: route('GET', '/v1/accounts/cardAccountLogs'),
		},
		{
			name: 'Get Many Fund Logs',
			value: 'getFundLogs',
			action: 'Get many fund logs',
			description: "Read the money movements of your account's balance",
			routing: route('GET', '/v1/accounts/accountLogs'),
		},
	],
	'getBalances',
);

const LOG_OPERATIONS = ['getFundLogs', 'getCardFundLogs'];
const cardFilter = cardIdFilter('movements', 'CardId');
const dateFilters = [
	dateTimeFilter('transactionDateFrom', 'From', 'Only movements at or after this time (TransactionDateFrom). The provider advises ranges of at most 3 months.', 'TransactionDateFrom'),
	dateTimeFilter('transactionDateTo', 'To', 'Only movements at or before this time (TransactionDateTo)', 'TransactionDateTo'),
];

export const accountProperties: INodeProperties[] = [
	...returnAllAndLimit(RESOURCE, 'getFundLogs'),
	...returnAllAndLimit(RESOURCE, 'getCardFundLogs'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor(RESOURCE, ['getFundLogs']),
		options: dateFilters,
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor(RESOURCE, ['getCardFundLogs']),
		options: [
			cardFilter.property,
			...dateFilters,
		],
	},
	optionsCollection(showFor(RESOURCE, ['getBalances', ...LOG_OPERATIONS]), false),
];

const checkDates = dateRange(
	{ name: 'filters.transactionDateFrom', label: 'From', keys: ['TransactionDateFrom'] },
	{ name: 'filters.transactionDateTo', label: 'To', keys: ['TransactionDateTo'] },
);

export const accountOperations: Record<string, OperationSpec> = {
	getBalances: {},
	getFundLogs: { checks: [checkLimit, checkDates], paging: { style: 'numbered', query: limitOffsetQuery } },
	getCardFundLogs: {
		checks: [checkLimit, checkDates, cardFilter.check],
		paging: { style: 'numbered', query: pageNumberQuery },
	},
};
