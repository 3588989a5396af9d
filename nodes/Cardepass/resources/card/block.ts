import { cardStateOrder } from './cardStateOrder';

export const block = cardStateOrder({
	name: 'Block',
	value: 'block',
	action: 'Block a card',
	description: 'Freeze a card so it cannot pay',
	endpoint: 'block',
	orderType: 'CardBlock',
	permission: 'allowBlockCard',
});
