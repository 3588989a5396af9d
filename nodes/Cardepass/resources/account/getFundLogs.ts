import { optionsCollection } from '../../shared/fields';
import { checkPageLimit, filtersCollection, returnAllAndLimit } from '../../shared/listParameters';
import type { CardepassOperation } from '../../shared/operation';
import { limitOffsetQuery } from '../../shared/paging';
import { checkFundLogDates, fundLogDateFilters } from './fundLogFilters';

export const getFundLogs: CardepassOperation = {
	name: 'Get Many Fund Logs',
	value: 'getFundLogs',
	action: 'Get many fund logs',
	description: "Read the money movements of your account's balance",
	request: { method: 'GET', url: '/v1/accounts/accountLogs' },
	properties: [
		...returnAllAndLimit(),
		filtersCollection(fundLogDateFilters),
		optionsCollection(false),
	],
	spec: {
		checks: [checkPageLimit, checkFundLogDates],
		paging: { style: 'numbered', query: limitOffsetQuery },
	},
};
