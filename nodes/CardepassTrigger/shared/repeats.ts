import type { IDataObject } from 'n8n-workflow';

export const DEFAULT_REPEAT_WINDOW_DAYS = 7;
/** Ids kept at most; the oldest go first. About 60 bytes each in the workflow's static data. */
export const MAX_REMEMBERED_IDS = 5000;
const DAY_MS = 24 * 60 * 60 * 1000;
const STORE_KEY = 'seenNotificationIds';

/**
 * Whether a notification id was seen within the last `windowDays` days; remembers it otherwise.
 * The provider sends a notification again when it got no success answer, with the same id.
 * The ids live in the node's workflow static data, which n8n saves with an active workflow, so they
 * survive a restart. `windowDays` 0 turns the check off.
 */
export function seenBefore(
	staticData: IDataObject,
	id: string,
	windowDays: number,
	now: number,
): boolean {
	if (!(windowDays > 0)) {
		if (staticData[STORE_KEY] !== undefined) delete staticData[STORE_KEY];
		return false;
	}
	const oldestKept = now - windowDays * DAY_MS;
	const stored = (staticData[STORE_KEY] ?? {}) as Record<string, number>;
	const kept = Object.entries(stored).filter(
		([, seenAt]) => typeof seenAt === 'number' && seenAt >= oldestKept,
	);
	if (kept.some(([seenId]) => seenId === id)) return true;

	kept.push([id, now]);
	kept.sort((a, b) => a[1] - b[1]);
	// Assigned anew (not changed in place), so n8n notices the change and saves it.
	staticData[STORE_KEY] = Object.fromEntries(kept.slice(-MAX_REMEMBERED_IDS));
	return false;
}
