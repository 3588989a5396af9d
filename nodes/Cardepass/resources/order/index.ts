import { defineResource } from '../../shared/operation';
import { get } from './get';

export const order = defineResource(
	{ displayName: 'Order', value: 'order', defaultOperation: 'get' },
	[get],
);
