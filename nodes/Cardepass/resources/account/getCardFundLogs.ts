import { optionsCollection } from '../../shared/fields';
import {
	cardIdFilter,
	checkPageLimit,
	filtersCollection,
	returnAllAndLimit,
} from '../../shared/listParameters';
import type { CardepassOperation } from '../../shared/operation';
import { pageNumberQuery } from '../../shared/paging';
import { checkFundLogDates, fundLogDateFilters } from './fundLogFilters';

const cardFilter = cardIdFilter('movements', 'CardId');

export const getCardFundLogs: CardepassOperation = {
	name: 'Get Many Card Fund Logs',
	value: 'getCardFundLogs',
	action: 'Get many card fund logs',
	description: "Read the money movements of standard cards' balances (card transactions excluded)",
	request: { method: 'GET', url: '/v1/accounts/cardAccountLogs' },
	properties: [
		...returnAllAndLimit(),
		filtersCollection([cardFilter.property, ...fundLogDateFilters]),
		optionsCollection(false),
	],
	spec: {
		checks: [checkPageLimit, checkFundLogDates, cardFilter.check],
		paging: { style: 'numbered', query: pageNumberQuery },
	},
};
