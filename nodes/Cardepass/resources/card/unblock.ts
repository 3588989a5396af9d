import { cardStateOrder } from './cardStateOrder';

export const unblock = cardStateOrder({
	name: 'Unblock',
	value: 'unblock',
	action: 'Unblock a card',
	description: 'Unfreeze a blocked card',
	endpoint: 'unblock',
	orderType: 'CardUnblock',
	permission: 'allowUnBlockCard',
});
