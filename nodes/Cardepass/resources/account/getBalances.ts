import { optionsCollection } from '../../shared/fields';
import type { CardepassOperation } from '../../shared/operation';

export const getBalances: CardepassOperation = {
	name: 'Get Balances',
	value: 'getBalances',
	action: 'Get the account balances',
	description: 'Read the account balance in each currency (one item per currency)',
	request: { method: 'GET', url: '/v1/accounts' },
	properties: [optionsCollection(false)],
	spec: {},
};
