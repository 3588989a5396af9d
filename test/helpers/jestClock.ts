/**
 * Settles `promise` while jest's fake clock runs (jest.useFakeTimers), `stepMs` at a time; returns its value
 * or error and the milliseconds it waited on that clock.
 */
export async function settleOnJestClock<T>(promise: Promise<T>, stepMs = 100) {
	const started = Date.now();
	let settled: { value?: T; error?: unknown } | undefined;
	promise.then(
		(value) => (settled = { value }),
		(error: unknown) => (settled = { error }),
	);
	while (!settled) await jest.advanceTimersByTimeAsync(stepMs);
	return { ...settled, waitedMs: Date.now() - started };
}
