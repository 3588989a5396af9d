import type { IDataObject } from 'n8n-workflow';

import { maskCardData } from '../../Cardepass/shared/masking';
import type { Notification } from './notification';

/**
 * One item per notification: the envelope (without its signature) and the data fields, with
 * `cardInfo.id` also as `cardId`. The provider sends the card number masked; a full number or CVV,
 * should one ever arrive, is masked as the Cardepass node masks them.
 */
export function notificationItem(notification: Notification): IDataObject {
	const item: IDataObject = {
		eventId: notification.id,
		eventType: notification.type,
		createdTime: notification.createdTime,
		version: notification.version,
	};
	const data = maskCardData(notification.data);
	for (const [key, value] of Object.entries(data)) {
		if (!(key in item)) item[key] = value;
	}
	const cardInfo = data.cardInfo as IDataObject | null | undefined;
	if (
		!('cardId' in item) &&
		cardInfo &&
		typeof cardInfo === 'object' &&
		cardInfo.id !== undefined
	) {
		item.cardId = cardInfo.id;
	}
	return item;
}
