/**
 * Caps how many Cardepass requests this n8n process has in flight at once.
 *
 * n8n's declarative engine starts every item's request at the same moment, and a credential without a
 * stored token fetches one per request. So a request on a credential without a token goes alone (it fetches
 * the token the others then reuse), and the rest go at most `limit` at a time.
 */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 5;

let inFlight = 0;
const waiting: Array<() => void> = [];
const coldGates = new Map<string, Promise<void>>();

function wakeNext(limit: () => number): void {
	while (waiting.length > 0 && inFlight < limit()) {
		inFlight++;
		waiting.shift()!();
	}
}

let currentLimit = DEFAULT_MAX_CONCURRENT_REQUESTS;

async function acquire(limit: number): Promise<void> {
	currentLimit = limit;
	if (inFlight < limit && waiting.length === 0) {
		inFlight++;
		return;
	}
	await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
	inFlight--;
	wakeNext(() => currentLimit);
}

/**
 * Runs `send` once a slot is free. `needsToken` tells whether the credential (`credentialKey`) has no stored
 * token yet: such a request goes alone, and the others wait for the token it fetches.
 */
export async function withRequestSlot<T>(
	credentialKey: string,
	limit: number,
	needsToken: () => Promise<boolean>,
	send: () => Promise<T>,
): Promise<T> {
	for (;;) {
		const gate = coldGates.get(credentialKey);
		if (gate) {
			await gate;
			continue;
		}
		const cold = await needsToken();
		// Another request may have opened a gate while this one was looking at the credential.
		if (coldGates.has(credentialKey)) continue;
		if (!cold) return await runInSlot(limit, send);
		let open!: () => void;
		coldGates.set(credentialKey, new Promise<void>((resolve) => (open = resolve)));
		try {
			return await runInSlot(limit, send);
		} finally {
			coldGates.delete(credentialKey);
			open();
		}
	}
}

async function runInSlot<T>(limit: number, send: () => Promise<T>): Promise<T> {
	await acquire(Math.max(1, Math.floor(limit)));
	try {
		return await send();
	} finally {
		release();
	}
}
