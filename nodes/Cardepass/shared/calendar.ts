/** Wall-clock dates and times in a named time zone (the workflow's), with the platform's Intl only. */

interface WallTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

function wallTimeOf(epochMs: number, timeZone: string): WallTime {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(epochMs));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	return {
		year: get('year'),
		month: get('month'),
		day: get('day'),
		hour: get('hour'),
		minute: get('minute'),
		second: get('second'),
	};
}

/** How far the time zone's wall clock is ahead of UTC at this instant. */
export function timeZoneOffsetMs(epochMs: number, timeZone: string): number {
	const wall = wallTimeOf(epochMs, timeZone);
	const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
	return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The instant a wall-clock time (given as if it were UTC) names in the time zone. */
export function zonedToInstant(wallAsUtcMs: number, timeZone: string): Date {
	const first = wallAsUtcMs - timeZoneOffsetMs(wallAsUtcMs, timeZone);
	return new Date(wallAsUtcMs - timeZoneOffsetMs(first, timeZone));
}

/** Midnight at the start of the day `dayOffset` days from the one `epochMs` falls on, in the time zone. */
export function startOfDay(epochMs: number, timeZone: string, dayOffset = 0): Date {
	const { year, month, day } = wallTimeOf(epochMs, timeZone);
	return zonedToInstant(Date.UTC(year, month - 1, day + dayOffset), timeZone);
}

const pad = (value: number) => String(value).padStart(2, '0');

/** "2026-12-02 14:05:00": the form spreadsheets read as a date and time. */
export function spreadsheetDateTime(date: Date, timeZone: string): string {
	const w = wallTimeOf(date.getTime(), timeZone);
	return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}
