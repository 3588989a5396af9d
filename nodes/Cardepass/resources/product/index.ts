import { defineResource } from '../../shared/operation';
import { getAll } from './getAll';

export const product = defineResource(
	{ displayName: 'Product', value: 'product', defaultOperation: 'getAll' },
	[getAll],
);
