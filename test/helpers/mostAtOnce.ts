export interface Span {
	startedAt: number;
	/** Undefined while the request is still open. */
	endedAt?: number;
}

/** The most of these requests open at one moment (an answer ending as the next arrives is not an overlap). */
export function mostAtOnce(spans: Span[]): number {
	const events = spans.flatMap((span) => [
		{ at: span.startedAt, change: 1 },
		{ at: span.endedAt ?? Infinity, change: -1 },
	]);
	events.sort((a, b) => a.at - b.at || a.change - b.change);
	let open = 0;
	let most = 0;
	for (const event of events) {
		open += event.change;
		most = Math.max(most, open);
	}
	return most;
}
