import type { RequestSlot } from '../../dist/nodes/Cardepass/shared/limiter';
import { withRequestSlot } from '../../dist/nodes/Cardepass/shared/limiter';

import { mostAtOnce } from './mostAtOnce';

/**
 * Drives the request limiter (limiter.ts, pace.ts) on a clock of its own: every request is answered when
 * the driver says, after the latency the test gives it, and Date.now reads the driver's clock. What the
 * limiter does therefore depends only on the answers, never on how fast the machine is.
 */

export interface Sent {
	caller: string;
	credential: string;
	startedAt: number;
	endedAt?: number;
	refused: boolean;
}

interface Open extends Sent {
	endsAt: number;
	answer: () => void;
}

export interface Server {
	/** Latency of the n-th request this server is sent (from 0). */
	latencyMs: (index: number) => number;
	/** Refuses (like a 429) a request that arrives while this many are open. */
	refuseAtOpen?: number;
}

const OVERLOADED = new Error('429');
let drivers = 0;

export class SlotDriver {
	private now = 1_000_000;
	private readonly open: Open[] = [];
	readonly sent: Sent[] = [];
	private readonly servers = new Map<string, Server & { count: number }>();
	/** Names are unique per driver: the limiter keeps its queues and paces per credential. */
	private readonly prefix = `driver-${++drivers}`;

	constructor() {
		jest.spyOn(Date, 'now').mockImplementation(() => this.now);
	}

	dispose(): void {
		jest.restoreAllMocks();
	}

	/** A credential whose server answers as `server` says. Returns the credential's name. */
	credential(name: string, server: Server): string {
		const credential = `${this.prefix}-${name}`;
		this.servers.set(credential, { ...server, count: 0 });
		return credential;
	}

	/**
	 * Sends `items` requests of one caller (one node run) and resolves when every one was answered;
	 * a refused request is sent again, as the node does.
	 * `hasToken`: whether the credential already has a stored token (else the first request fetches it).
	 */
	run(
		credential: string,
		caller: string,
		limit: number,
		items: number,
		hasToken: { value: boolean } = { value: true },
	): Promise<void[]> {
		const slot: RequestSlot = {
			credential,
			server: 'cardepass',
			caller: `${this.prefix}-${caller}`,
			limit,
			overloaded: (error) => error === OVERLOADED,
		};
		const one = async (): Promise<void> => {
			for (;;) {
				try {
					await withRequestSlot(
						slot,
						async () => !hasToken.value,
						() => this.send(credential, caller, hasToken),
					);
					return;
				} catch (error) {
					if (error !== OVERLOADED) throw error;
				}
			}
		};
		return Promise.all(Array.from({ length: items }, one));
	}

	/** Answers requests in the order their latency ends, until `done` settles. */
	async until(done: Promise<unknown>): Promise<void> {
		let finished = false;
		const watched = done.finally(() => (finished = true));
		await settle();
		while (!finished) {
			if (this.open.length === 0) throw new Error('nothing in flight and the run is not done');
			const next = Math.min(...this.open.map((request) => request.endsAt));
			this.now = next;
			for (const request of this.open.filter((candidate) => candidate.endsAt === next)) {
				this.open.splice(this.open.indexOf(request), 1);
				request.endedAt = next;
				request.answer();
			}
			await settle();
		}
		await watched;
	}

	/** The most requests (of these callers, or all) open at one moment. */
	mostAtOnce(filter: (request: Sent) => boolean = () => true): number {
		return mostAtOnce(this.sent.filter(filter));
	}

	private send(credential: string, caller: string, hasToken: { value: boolean }): Promise<void> {
		const server = this.servers.get(credential)!;
		const openHere = this.open.filter(
			(request) => request.credential === credential && !request.refused,
		);
		const refused = server.refuseAtOpen !== undefined && openHere.length >= server.refuseAtOpen;
		return new Promise<void>((resolve, reject) => {
			const request: Open = {
				caller,
				credential,
				startedAt: this.now,
				refused,
				endsAt: this.now + server.latencyMs(server.count++),
				answer: () => {
					if (refused) return reject(OVERLOADED);
					hasToken.value = true;
					resolve();
				},
			};
			this.open.push(request);
			this.sent.push(request);
		});
	}
}

/** Lets every promise chain the last answers started run to its next wait. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
