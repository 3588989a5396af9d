import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { refusalBeforeSending } from './refusal';
import type { InputCheck } from './types';
import { optionalText } from './validation';

/** Return All and Limit, as every n8n "Get Many" operation has them. */
export function returnAllAndLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** The Filters collection of a list. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
}

/** The page Limit must be a whole number of at least 1 when Return All is off. */
export const checkPageLimit: InputCheck = function (this: IExecuteSingleFunctions) {
	if (this.getNodeParameter('returnAll', false) === true) return;
	const limit = this.getNodeParameter('limit', 50) as unknown;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw refusalBeforeSending(
			this.getNode(),
			this.getItemIndex(),
			`Limit must be a whole number of at least 1, got ${JSON.stringify(limit)}`,
			'Set Limit, or switch on Return All.',
		);
	}
};

export function dateTimeFilter(
	name: string,
	displayName: string,
	description: string,
	queryName: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'dateTime',
		default: '',
		description,
		routing: { send: { type: 'query', property: queryName } },
	};
}

/** The Card ID filter of a list, and its check (trimmed; sent as `queryName`). */
export function cardIdFilter(
	what: string,
	queryName: string,
): { property: INodeProperties; check: InputCheck } {
	return {
		property: {
			displayName: 'Card ID',
			name: 'cardId',
			type: 'string',
			default: '',
			placeholder: 'e.g. CARD123456',
			description: `Only this card's ${what}: the Card ID from Card → Create's output`,
			routing: { send: { type: 'query', property: queryName } },
		},
		check: optionalText('filters.cardId', 'Card ID', 64, { in: 'qs', key: queryName }),
	};
}
