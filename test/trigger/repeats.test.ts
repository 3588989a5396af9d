/** The remembered notification ids: kept for N days, bounded in number. */
import type { IDataObject } from 'n8n-workflow';

import { MAX_REMEMBERED_IDS, seenBefore } from '../../dist/nodes/CardepassTrigger/shared/repeats';

const DAY = 24 * 3600 * 1000;

describe('seenBefore', () => {
	it('remembers an id for the window, then forgets it', () => {
		const staticData: IDataObject = {};
		expect(seenBefore(staticData, 'a', 7, 0)).toBe(false);
		expect(seenBefore(staticData, 'a', 7, 7 * DAY)).toBe(true);
		expect(seenBefore(staticData, 'a', 7, 7 * DAY + 1)).toBe(false);
	});

	it(`keeps at most ${MAX_REMEMBERED_IDS} ids, dropping the oldest`, () => {
		// As full as it gets: ids id-0 … id-(MAX-1), seen one millisecond apart.
		const full = Object.fromEntries(
			Array.from({ length: MAX_REMEMBERED_IDS }, (_, index) => [`id-${index}`, 1000 + index]),
		);
		const staticData: IDataObject = { seenNotificationIds: full };
		expect(seenBefore(staticData, `id-${MAX_REMEMBERED_IDS}`, 30, 1000 + MAX_REMEMBERED_IDS)).toBe(
			false,
		);
		const stored = staticData.seenNotificationIds as Record<string, number>;
		expect(Object.keys(stored)).toHaveLength(MAX_REMEMBERED_IDS);
		expect(stored).not.toHaveProperty('id-0');
		expect(seenBefore(staticData, `id-${MAX_REMEMBERED_IDS}`, 30, 10_000)).toBe(true);
		expect(seenBefore(staticData, 'id-1', 30, 10_000)).toBe(true);
		// JSON of the static data n8n saves stays small.
		expect(JSON.stringify(staticData).length).toBeLessThan(MAX_REMEMBERED_IDS * 40);
	});

	it('keeps ids that look like numbers, and a window of 0 clears what was kept', () => {
		const staticData: IDataObject = {};
		seenBefore(staticData, '123456', 7, 0);
		expect(seenBefore(staticData, '123456', 7, 1)).toBe(true);
		expect(seenBefore(staticData, '123456', 0, 2)).toBe(false);
		expect(staticData).toEqual({});
	});
});
