import { defineResource } from '../../shared/operation';
import { getAll } from './getAll';

export const transaction = defineResource(
	{ displayName: 'Transaction', value: 'transaction', defaultOperation: 'getAll' },
	[getAll],
);
