import { optionsCollection } from '../../shared/fields';
import { checkPageLimit, filtersCollection, returnAllAndLimit } from '../../shared/listParameters';
import type { CardepassOperation } from '../../shared/operation';
import { limitOffsetQuery } from '../../shared/paging';
import { spreadsheetRows, outputProperty } from '../../shared/spreadsheet';
import { checkFundLogDates, fundLogDateFilters, fundLogPeriod } from './fundLogFilters';
import { ACCOUNT_FUND_LOG_COLUMNS } from './fundLogRows';

export const getFundLogs: CardepassOperation = {
	name: 'Get Many Fund Logs',
	value: 'getFundLogs',
	action: 'Get many fund logs',
	description: "Read the money movements of your account's balance",
	request: { method: 'GET', url: '/v1/accounts/accountLogs' },
	properties: [
		fundLogPeriod,
		...returnAllAndLimit(),
		filtersCollection(fundLogDateFilters),
		outputProperty,
		optionsCollection(false),
	],
	spec: {
		checks: [checkPageLimit, checkFundLogDates],
		paging: { style: 'numbered', query: limitOffsetQuery },
		transform: spreadsheetRows(ACCOUNT_FUND_LOG_COLUMNS),
	},
};
