/**
 * Caps how many Cardepass requests are in flight at once, per credential.
 *
 * n8n's declarative engine starts every item's request at the same moment, and a credential without a
 * stored token fetches one per request. So a request on a credential without a token goes alone (it fetches
 * the token the others then reuse), and the rest go within the limits below.
 *
 * Each credential has its own queue, so workflows on two credentials never wait for each other. A caller
 * is one node in one execution, with its own Max Concurrent Requests:
 * - a caller never has more of its own requests in flight than its own limit;
 * - all callers on one credential together never have more in flight than the largest limit among the
 *   callers that are running now.
 * A workflow set to 1 therefore sends one request at a time even while another on the same credential is
 * allowed 50, and a limit is never left behind for the next caller: once a caller is done, its limit no
 * longer counts.
 *
 * Within those limits, the credential's pace (pace.ts) holds back further while the server shows it is
 * overloaded.
 */
import type { Pace } from './pace';
import { learn, paceOf } from './pace';

/** A ceiling, not a pace: the pace starts lower and grows only while the server keeps up (pace.ts). */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 50;

export interface RequestSlot {
	/** The credential the request is sent with (its ID). */
	credential: string;
	/** The base URL it points to: the pace is learned per server. */
	server: string;
	/** The node run the request belongs to: execution, workflow and node. */
	caller: string;
	/** The caller's Max Concurrent Requests. */
	limit: number;
	/** Whether a failure means the server is overloaded (429, 5xx, dropped): the pace backs off at once. */
	overloaded: (error: unknown) => boolean;
}

interface Caller {
	limit: number;
	inFlight: number;
	waiting: Array<() => void>;
}

interface CredentialQueue {
	inFlight: number;
	pace: Pace;
	/** In order of arrival; a caller leaves once it has nothing in flight or waiting. */
	callers: Map<string, Caller>;
	/** Open while a request fetches the credential's first token. */
	coldGate?: Promise<void>;
}

const queues = new Map<string, CredentialQueue>();

function queueOf(slot: RequestSlot): CredentialQueue {
	let queue = queues.get(slot.credential);
	if (!queue) {
		queue = {
			inFlight: 0,
			pace: paceOf(`${slot.credential} ${slot.server}`, Date.now()),
			callers: new Map(),
		};
		queues.set(slot.credential, queue);
	}
	return queue;
}

function largestLimit(queue: CredentialQueue): number {
	let largest = 0;
	for (const caller of queue.callers.values()) largest = Math.max(largest, caller.limit);
	return largest;
}

/**
 * Starts waiting requests while limits allow, one per caller in turn: a caller that was just served goes to
 * the back, so a workflow with a few items is not held up behind one with thousands.
 */
function startWaiting(queue: CredentialQueue): void {
	const window = Math.max(1, Math.floor(queue.pace.window));
	const ceiling = Math.min(largestLimit(queue), window);
	let started = true;
	while (started && queue.inFlight < ceiling) {
		started = false;
		for (const [key, caller] of [...queue.callers]) {
			if (queue.inFlight >= ceiling) break;
			if (caller.waiting.length === 0 || caller.inFlight >= Math.min(caller.limit, window))
				continue;
			caller.inFlight++;
			queue.inFlight++;
			queue.callers.delete(key);
			queue.callers.set(key, caller);
			caller.waiting.shift()!();
			started = true;
		}
	}
}

function forgetIfIdle(
	credential: string,
	queue: CredentialQueue,
	callerKey: string,
	caller: Caller,
): void {
	if (caller.inFlight === 0 && caller.waiting.length === 0) queue.callers.delete(callerKey);
	if (queue.callers.size === 0 && !queue.coldGate) queues.delete(credential);
}

async function runInSlot<T>(slot: RequestSlot, send: () => Promise<T>): Promise<T> {
	const queue = queueOf(slot);
	const caller = queue.callers.get(slot.caller) ?? { limit: 1, inFlight: 0, waiting: [] };
	queue.callers.set(slot.caller, caller);
	caller.limit = Math.max(1, Math.floor(slot.limit) || 1);
	await new Promise<void>((resolve) => {
		caller.waiting.push(resolve);
		startWaiting(queue);
	});
	const startedAt = Date.now();
	let overloaded = false;
	const sending = send();
	// Registered before the await below, so it has run when `finally` reads it.
	sending.then(undefined, (error: unknown) => (overloaded = slot.overloaded(error)));
	try {
		return await sending;
	} finally {
		learn(queue.pace, { startedAt, endedAt: Date.now(), overloaded }, largestLimit(queue));
		caller.inFlight--;
		queue.inFlight--;
		forgetIfIdle(slot.credential, queue, slot.caller, caller);
		startWaiting(queue);
	}
}

/**
 * Callers known to have a token: n8n never removes a stored token during a run, so they are not asked
 * again (asking means reading and decrypting the credential). The items of a caller share one question.
 */
const callersWithToken = new Set<string>();
const pendingTokenChecks = new Map<string, Promise<boolean>>();
const CALLERS_REMEMBERED = 200;

function rememberHasToken(caller: string): void {
	callersWithToken.add(caller);
	if (callersWithToken.size > CALLERS_REMEMBERED)
		callersWithToken.delete(callersWithToken.values().next().value!);
}

async function lacksToken(caller: string, needsToken: () => Promise<boolean>): Promise<boolean> {
	if (callersWithToken.has(caller)) return false;
	let pending = pendingTokenChecks.get(caller);
	if (!pending) {
		pending = needsToken().finally(() => pendingTokenChecks.delete(caller));
		pendingTokenChecks.set(caller, pending);
	}
	const cold = await pending;
	if (!cold) rememberHasToken(caller);
	return cold;
}

/**
 * Runs `send` once a slot is free. `needsToken` tells whether the credential has no stored token yet: such
 * a request goes alone, and the others on that credential wait for the token it fetches.
 */
export async function withRequestSlot<T>(
	slot: RequestSlot,
	needsToken: () => Promise<boolean>,
	send: () => Promise<T>,
): Promise<T> {
	const queue = () => queueOf(slot);
	for (;;) {
		const gate = queues.get(slot.credential)?.coldGate;
		if (gate) {
			await gate;
			continue;
		}
		const cold = await lacksToken(slot.caller, needsToken);
		// Another request may have opened a gate while this one was looking at the credential.
		if (queues.get(slot.credential)?.coldGate) continue;
		if (!cold) return await runInSlot(slot, send);
		let open!: () => void;
		queue().coldGate = new Promise<void>((resolve) => (open = resolve));
		try {
			const answer = await runInSlot(slot, send);
			rememberHasToken(slot.caller);
			return answer;
		} finally {
			const current = queues.get(slot.credential);
			if (current) {
				delete current.coldGate;
				if (current.callers.size === 0) queues.delete(slot.credential);
			}
			open();
		}
	}
}
