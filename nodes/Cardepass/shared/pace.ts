/**
 * How many requests a credential's server takes at once, learned from its answers (the way TCP finds a
 * network's pace): the window grows while answers come back fast and clean, is halved at once on a 429, a
 * 5xx or a dropped connection, and shrinks by a quarter when answers grow much slower than the fastest seen.
 * The window only ever lowers the limits the user set; it never raises them.
 */
export const STARTING_WINDOW = 5;
/** After this long without requests, what was learned is forgotten: the server may have changed. */
const FORGET_AFTER_MS = 60_000;
/** Answers this much slower than the fastest seen mean the server is queueing: 2 × fastest + 100 ms. */
const SLOWER_FACTOR = 2;
const SLOWER_MARGIN_MS = 100;
const LATENCY_SMOOTHING = 0.2;

export interface Pace {
	window: number;
	/** Until the first sign of overload the window grows by one per answer (doubling each round trip). */
	probing: boolean;
	/** The window at the last overload: growing past it again goes slowly, so 429s stay rare. */
	overloadedAt: number;
	fastestMs: number;
	smoothedMs: number;
	/** Requests that started before the last cut do not cut again: one cut per round trip. */
	lastCutAt: number;
	lastUsedAt: number;
}

const paces = new Map<string, Pace>();

/** `server`: the credential and the base URL it points to. */
export function paceOf(server: string, now: number): Pace {
	let pace = paces.get(server);
	if (!pace || now - pace.lastUsedAt > FORGET_AFTER_MS) {
		pace = {
			window: STARTING_WINDOW,
			probing: true,
			overloadedAt: Infinity,
			fastestMs: Infinity,
			smoothedMs: 0,
			lastCutAt: 0,
			lastUsedAt: now,
		};
		paces.set(server, pace);
	}
	pace.lastUsedAt = now;
	return pace;
}

function cut(pace: Pace, factor: number, now: number): void {
	pace.window = Math.max(1, Math.floor(pace.window * factor));
	pace.probing = false;
	pace.lastCutAt = now;
}

/**
 * Takes one answer into account. `overloaded`: the server said it is busy or failing (429, 5xx, dropped).
 * `ceiling`: the largest limit the user set, above which growing is pointless.
 */
export function learn(
	pace: Pace,
	answer: { startedAt: number; endedAt: number; overloaded: boolean },
	ceiling: number,
): void {
	const latencyMs = answer.endedAt - answer.startedAt;
	pace.lastUsedAt = answer.endedAt;
	const sinceCut = answer.startedAt >= pace.lastCutAt;
	if (answer.overloaded) {
		if (!sinceCut) return;
		pace.overloadedAt = pace.window;
		cut(pace, 0.5, answer.endedAt);
		return;
	}
	pace.smoothedMs =
		pace.smoothedMs === 0
			? latencyMs
			: pace.smoothedMs + LATENCY_SMOOTHING * (latencyMs - pace.smoothedMs);
	pace.fastestMs = Math.min(pace.fastestMs, pace.smoothedMs);
	if (pace.smoothedMs > SLOWER_FACTOR * pace.fastestMs + SLOWER_MARGIN_MS) {
		if (!sinceCut) return;
		cut(pace, 0.75, answer.endedAt);
		// Judged from here on: a server that stays this slow is not cut again unless it slows down further.
		pace.fastestMs = pace.smoothedMs;
		return;
	}
	// Growing past what anyone asked for is pointless; what was learned is kept for callers that ask for more.
	if (pace.window >= ceiling) return;
	let step = pace.probing ? 1 : 1 / pace.window;
	if (pace.window + 1 >= pace.overloadedAt) step /= 8;
	pace.window = Math.min(ceiling, pace.window + step);
}
