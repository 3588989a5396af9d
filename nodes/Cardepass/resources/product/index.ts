import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { operationProperty, optionsCollection, route, showFor } from '../../shared/fields';
import { checkLimit, returnAllAndLimit } from '../../shared/lists';
import type { OperationSpec } from '../../shared/types';

const RESOURCE = 'product';

export const productOperationProperty = operationProperty(
	RESOURCE,
	[
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many products',
			description: 'List the card products your account may use, with their card models and currencies',
			routing: route('GET', '/v1/products'),
		},
	],
	'getAll',
);

export const productProperties: INodeProperties[] = [
	...returnAllAndLimit(RESOURCE, 'getAll'),
	optionsCollection(showFor(RESOURCE, ['getAll']), false),
];

/** The provider returns every product in one answer; Limit is applied here. */
function applyLimit(this: IExecuteSingleFunctions, records: IDataObject[]): IDataObject[] {
	if (this.getNodeParameter('returnAll', false) === true) return records;
	return records.slice(0, this.getNodeParameter('limit', 50) as number);
}

export const productOperations: Record<string, OperationSpec> = {
	getAll: { checks: [checkLimit], transform: applyLimit },
};
