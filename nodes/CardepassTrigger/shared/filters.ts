import type { Notification } from './notification';
import { ANY_EVENT, isKnownEventType } from './events';

export interface TriggerFilters {
	events: string[];
	/** Empty: every status. Applies to CardPay. */
	transactionStatuses: string[];
	/** Empty: both directions. Applies to CardPay. */
	fundsDirections: string[];
}

/** What to do with a verified notification: start the workflow, answer success and start nothing, or refuse its type. */
export type FilterDecision = 'start' | 'filteredOut' | 'unknownEventType';

export function decide(notification: Notification, filters: TriggerFilters): FilterDecision {
	const anyEvent = filters.events.includes(ANY_EVENT);
	if (!anyEvent && !isKnownEventType(notification.type)) return 'unknownEventType';
	if (!anyEvent && !filters.events.includes(notification.type)) return 'filteredOut';
	if (notification.type === 'CardPay') {
		const { status, fundsDirection } = notification.data;
		if (filters.transactionStatuses.length && !filters.transactionStatuses.includes(String(status)))
			return 'filteredOut';
		if (filters.fundsDirections.length && !filters.fundsDirections.includes(String(fundsDirection)))
			return 'filteredOut';
	}
	return 'start';
}
