import { optionsCollection } from '../../shared/fields';
import {
	cardIdFilter,
	checkPageLimit,
	filtersCollection,
	returnAllAndLimit,
} from '../../shared/listParameters';
import type { CardepassOperation } from '../../shared/operation';
import { pageNumberQuery } from '../../shared/paging';
import { spreadsheetRows, outputProperty } from '../../shared/spreadsheet';
import { checkFundLogDates, fundLogDateFilters, fundLogPeriod } from './fundLogFilters';
import { CARD_FUND_LOG_COLUMNS } from './fundLogRows';

const cardFilter = cardIdFilter('movements', 'CardId');

export const getCardFundLogs: CardepassOperation = {
	name: 'Get Many Card Fund Logs',
	value: 'getCardFundLogs',
	action: 'Get many card fund logs',
	description: "Read the money movements of standard cards' balances (card transactions excluded)",
	request: { method: 'GET', url: '/v1/accounts/cardAccountLogs' },
	properties: [
		fundLogPeriod,
		...returnAllAndLimit(),
		filtersCollection([cardFilter.property, ...fundLogDateFilters]),
		outputProperty,
		optionsCollection(false),
	],
	spec: {
		checks: [checkPageLimit, checkFundLogDates, cardFilter.check],
		paging: { style: 'numbered', query: pageNumberQuery },
		transform: spreadsheetRows(CARD_FUND_LOG_COLUMNS),
	},
};
