import { optionsCollection } from '../../shared/fields';
import { cardIdFilter, checkPageLimit, returnAllAndLimit } from '../../shared/listParameters';
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
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [cardFilter.property, ...fundLogDateFilters],
		},
		optionsCollection(false),
	],
	spec: {
		checks: [checkPageLimit, checkFundLogDates, cardFilter.check],
		paging: { style: 'numbered', query: pageNumberQuery },
	},
};
