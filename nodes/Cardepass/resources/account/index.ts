import { defineResource } from '../../shared/operation';
import { checkConnection } from './checkConnection';
import { getBalances } from './getBalances';
import { getCardFundLogs } from './getCardFundLogs';
import { getFundLogs } from './getFundLogs';

export const account = defineResource(
	{ displayName: 'Account', value: 'account', defaultOperation: 'getBalances' },
	[checkConnection, getBalances, getCardFundLogs, getFundLogs],
);
