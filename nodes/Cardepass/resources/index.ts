import type { INodePropertyOptions } from 'n8n-workflow';

import type { CardepassResource } from '../shared/operation';
import { shareParameters } from '../shared/shareParameters';
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

/** Every resource's parameters, those that operations share listed once (see shareParameters). */
export const OPERATION_PARAMETERS = shareParameters(
	RESOURCES.flatMap((resource) => resource.properties),
	RESOURCES.flatMap((resource) =>
		(resource.operationProperty.options as INodePropertyOptions[]).map((option) => ({
			resource: resource.value,
			operation: String(option.value),
		})),
	),
);
