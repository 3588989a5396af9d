import { optionsCollection } from '../../shared/fields';
import type { CardepassOperation } from '../../shared/operation';
import { cardId } from './cardParameters';

export const get: CardepassOperation = {
	name: 'Get',
	value: 'get',
	action: 'Get a card',
	description: 'Read a card: status, balance, limits (card number and CVV masked unless revealed)',
	request: {
		method: 'GET',
		url: '=/v1/cards/{{ encodeURIComponent(String($parameter.cardId).trim()) }}',
	},
	properties: [
		cardId.property,
		{
			displayName: 'Reveal Card Number and CVV',
			name: 'revealCardData',
			type: 'boolean',
			default: false,
			description:
				'Whether to output the full card number and CVV. Off: the number is masked (first 6 and last 4 digits) and the CVV hidden. Always masked when an AI agent calls the node.',
		},
		optionsCollection(false),
	],
	spec: { checks: [cardId.check()], offersReveal: true },
};
