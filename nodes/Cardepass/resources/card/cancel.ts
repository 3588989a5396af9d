import { cardStateOrder } from './cardStateOrder';

export const cancel = cardStateOrder({
	name: 'Cancel',
	value: 'cancel',
	action: 'Cancel a card',
	description: "Close a card for good; a standard card's balance goes back to your account",
	endpoint: 'cancel',
	orderType: 'CardCancel',
	permission: 'allowCancelCard',
});
