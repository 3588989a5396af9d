import type { INodeProperties } from 'n8n-workflow';

import { CARD_MODEL_FROM_CARD } from '../../shared/cardModelLookup';
import {
	CARD_MODEL_VALUES,
	cardIdField,
	cardModelProperty,
	customerOrderNoField,
	optionsCollection,
} from '../../shared/fields';
import { oneOf } from '../../shared/validation';

export const cardId = cardIdField(
	"The Card ID in Card → Create's output, or in Account → Get Many Card Fund Logs.",
);

/** Every order's Customer Order No, and the Options an order offers (Wait for Completion among them). */
export const customerOrderNo = customerOrderNoField();
export const orderOptions = optionsCollection(true);

export const cardModel = cardModelProperty('Which kind of card; each model has its own endpoints');
export const checkCardModel = oneOf('cardModel', 'Card Model', CARD_MODEL_VALUES);

/** For an existing card: its model is read from the card unless the user picks one. */
export const existingCardModel: INodeProperties = {
	...cardModel,
	options: [
		{
			name: 'From the Card',
			value: CARD_MODEL_FROM_CARD,
			description: 'Read the model from the card (one look-up per card and run)',
		},
		...(cardModel.options ?? []),
	],
	default: CARD_MODEL_FROM_CARD,
	description:
		'Which kind of card this is. From the Card looks it up; pick the model to save that look-up.',
};
export const checkExistingCardModel = oneOf('cardModel', 'Card Model', [
	CARD_MODEL_FROM_CARD,
	...CARD_MODEL_VALUES,
]);

/** The URL of an order whose endpoint depends on the Card Model. */
export const byModel = (action: string) => `=/v1/orders/{{ $parameter.cardModel }}/${action}`;
