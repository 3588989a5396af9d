import type { INodeProperties } from 'n8n-workflow';

import { dateTimeFilter } from '../../shared/listParameters';
import { dateRange } from '../../shared/validation';

/** From and To, shared by both fund-log lists; sent as `TransactionDateFrom` / `TransactionDateTo`. */
export const fundLogDateFilters: INodeProperties[] = [
	dateTimeFilter(
		'transactionDateFrom',
		'From',
		'Only movements at or after this time (TransactionDateFrom). The provider advises ranges of at most 3 months.',
		'TransactionDateFrom',
	),
	dateTimeFilter(
		'transactionDateTo',
		'To',
		'Only movements at or before this time (TransactionDateTo)',
		'TransactionDateTo',
	),
];

export const checkFundLogDates = dateRange(
	{ name: 'filters.transactionDateFrom', label: 'From', keys: ['TransactionDateFrom'] },
	{ name: 'filters.transactionDateTo', label: 'To', keys: ['TransactionDateTo'] },
);
