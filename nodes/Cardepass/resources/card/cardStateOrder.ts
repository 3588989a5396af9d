import { simplifyProperty } from '../../shared/orderOutput';
import type { CardepassOperation } from '../../shared/operation';
import type { ProductRule } from '../../shared/types';
import {
	byModel,
	cardId,
	checkExistingCardModel,
	customerOrderNo,
	existingCardModel,
	orderOptions,
} from './cardParameters';

/** Block, Unblock and Cancel: the same order on a card of either model, each at its model's endpoint. */
export function cardStateOrder(operation: {
	name: string;
	value: string;
	action: string;
	description: string;
	endpoint: string;
	orderType: string;
	permission: ProductRule['permission'];
}): CardepassOperation {
	return {
		name: operation.name,
		value: operation.value,
		action: operation.action,
		description: operation.description,
		request: { method: 'POST', url: byModel(operation.endpoint) },
		properties: [
			cardId.property,
			existingCardModel,
			customerOrderNo.property,
			simplifyProperty,
			orderOptions,
		],
		spec: {
			checks: [
				cardId.check({ in: 'body', key: 'cardId' }),
				checkExistingCardModel,
				customerOrderNo.check,
			],
			order: {
				model: 'fromParameter',
				endpoint: operation.endpoint,
				orderType: operation.orderType,
				matchFields: ['cardId'],
				rule: { permission: operation.permission },
			},
		},
	};
}
