import type { IDataObject } from 'n8n-workflow';

import { startSimulator } from '../simulator';
import { CardepassEngine } from './engine';

export type Revision = '1.0' | '1.4';
export const REVISIONS: Revision[] = ['1.0', '1.4'];

/** How the simulator refuses a repeated Customer Order No: the draft's code, or the documents' generic 400. */
export const DUPLICATE_REFUSALS = ['DUPLICATE_ORDER', 'generic'] as const;

/** Every revision with every way of refusing a repeat, for describe.each. */
export const REVISIONS_AND_REFUSALS = REVISIONS.flatMap((revision) =>
	DUPLICATE_REFUSALS.map((refusal) => [revision, refusal] as const),
);

export type Simulator = Awaited<ReturnType<typeof startSimulator>>;
export type SimulatorOptions = Parameters<typeof startSimulator>[0];

export interface SimulatedCardepass {
	sim: Simulator;
	engine: CardepassEngine;
}

/** A fresh simulator and an n8n engine whose Cardepass credential points at it. */
export async function openSimulatedCardepass(
	options: SimulatorOptions = {},
): Promise<SimulatedCardepass> {
	const sim = await startSimulator({ port: 0, ...options });
	const engine = await CardepassEngine.create({ baseUrl: sim.baseUrl });
	return { sim, engine };
}

/** A fresh simulator and engine before each test of the block, closed after it. */
export function useSimulatedCardepass(options: SimulatorOptions | (() => SimulatorOptions) = {}) {
	const box = {} as SimulatedCardepass;
	beforeEach(async () => {
		Object.assign(
			box,
			await openSimulatedCardepass(typeof options === 'function' ? options() : options),
		);
	});
	afterEach(async () => {
		await box.sim.close();
	});
	return box;
}

export interface SeenRequest {
	method: string;
	path: string;
	query: IDataObject;
	body: unknown;
}

/** The API requests the simulator received (token requests left out), as the tests compare them. */
export function apiCalls(sim: Simulator): SeenRequest[] {
	return sim
		.apiRequests()
		.map((r: SeenRequest) => ({ method: r.method, path: r.path, query: r.query, body: r.body }));
}

/** The orders the node sent (POST requests), leaving out the reads it makes to check product rules. */
export function orderCalls(sim: Simulator): SeenRequest[] {
	return apiCalls(sim).filter((call) => call.method === 'POST');
}
