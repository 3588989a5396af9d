import type { CardepassResource } from '../shared/operation';
import type { OperationRegistry } from '../shared/types';
import { account } from './account';
import { card } from './card';
import { order } from './order';
import { product } from './product';
import { transaction } from './transaction';

/** Every resource of the node, in the order of the Resource dropdown. */
export const RESOURCES: CardepassResource[] = [account, card, order, product, transaction];

/** What the shared request path knows of each resource/operation pair. */
export const OPERATION_REGISTRY: OperationRegistry = Object.fromEntries(
	RESOURCES.map((resource) => [resource.value, resource.specs]),
);
