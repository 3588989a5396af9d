import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { optionsCollection } from '../../shared/fields';
import { checkPageLimit, returnAllAndLimit } from '../../shared/listParameters';
import type { CardepassOperation } from '../../shared/operation';

/** The provider returns every product in one answer; Limit is applied here. */
function applyLimit(this: IExecuteSingleFunctions, records: IDataObject[]): IDataObject[] {
	if (this.getNodeParameter('returnAll', false) === true) return records;
	return records.slice(0, this.getNodeParameter('limit', 50) as number);
}

export const getAll: CardepassOperation = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many products',
	description: 'List the card products your account may use, with their card models and currencies',
	request: { method: 'GET', url: '/v1/products' },
	properties: [...returnAllAndLimit(), optionsCollection(false)],
	spec: { checks: [checkPageLimit], transform: applyLimit },
};
