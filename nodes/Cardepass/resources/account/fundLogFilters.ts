import type { INodeProperties } from 'n8n-workflow';

import { dateTimeFilter } from '../../shared/listParameters';
import { onlyForCustomRange, periodCheck, periodProperty } from '../../shared/period';
import { dateRange } from '../../shared/validation';

/** Period, shared by both fund-log lists. */
export const fundLogPeriod = periodProperty('money movements');

/** From and To of Custom Range, in the Filters of both fund-log lists; sent as `TransactionDateFrom` / `TransactionDateTo`. */
export const fundLogDateFilters: INodeProperties[] = [
	{
		...dateTimeFilter(
			'transactionDateFrom',
			'From',
			"Only movements at or after this time, in the workflow's time zone. Cardepass advises ranges of at most 3 months.",
			'TransactionDateFrom',
		),
		displayOptions: onlyForCustomRange(true),
	},
	{
		...dateTimeFilter(
			'transactionDateTo',
			'To',
			"Only movements at or before this time, in the workflow's time zone",
			'TransactionDateTo',
		),
		displayOptions: onlyForCustomRange(true),
	},
];

export const checkFundLogDates = periodCheck(
	{ from: 'TransactionDateFrom', to: 'TransactionDateTo' },
	dateRange(
		{ name: 'filters.transactionDateFrom', label: 'From', keys: ['TransactionDateFrom'] },
		{ name: 'filters.transactionDateTo', label: 'To', keys: ['TransactionDateTo'] },
	),
);
