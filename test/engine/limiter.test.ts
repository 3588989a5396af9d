import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { CardepassEngine } from '../helpers/engine';
import { CREDENTIAL_TYPE, NODE_TYPE } from '../helpers/engine';
import type { Span } from '../helpers/mostAtOnce';
import { mostAtOnce } from '../helpers/mostAtOnce';
import type { Sent } from '../helpers/slotDriver';
import { SlotDriver } from '../helpers/slotDriver';
import type { Simulator } from '../helpers/simulatedCardepass';
import { openSimulatedCardepass, REVISIONS } from '../helpers/simulatedCardepass';

const TOP_UP_PATH = '/v1/orders/standard/topup';

const topUp = (maxConcurrentRequests: number) => ({
	resource: 'card',
	operation: 'topUp',
	cardId: 'CARD123456',
	topUpAmount: 10,
	customerOrderNo: '={{ $json.ref }}',
	options: { maxConcurrentRequests },
});

const refs = (prefix: string, count: number) =>
	Array.from({ length: count }, (_, i) => ({ ref: `${prefix}-${i}` }));

/** The top-ups of one workflow as the simulator saw them (its Customer Order Nos start with `prefix`). */
function topUpsOf(sim: Simulator, prefix: string): Span[] {
	return (
		sim.apiRequests({ path: TOP_UP_PATH }) as Array<Span & { body: { customerOrderNo: string } }>
	).filter((request) => request.body.customerOrderNo.startsWith(`${prefix}-`));
}

let executions = 0;

/**
 * Runs Test Items → Cardepass in n8n's engine as `engine.run` does, with the node on the credential of the
 * given ID, so two credentials of one n8n instance can be used side by side.
 */
async function runOnCredential(
	engine: CardepassEngine,
	credentialId: string,
	parameters: INodeParameters,
	items: IDataObject[],
) {
	const internals = engine as unknown as {
		nodeTypes: INodeTypes;
		additionalData(
			executionId: string,
			hooks: ExecutionLifecycleHooks,
		): IWorkflowExecuteAdditionalData;
	};
	const executionId = `credential-${credentialId}-${++executions}`;
	const nodes: INode[] = [
		{
			id: 'source',
			name: 'Test Items',
			type: 'test.items',
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: items as unknown as string },
		},
		{
			id: 'cardepass',
			name: 'Cardepass',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters,
			credentials: { [CREDENTIAL_TYPE]: { id: credentialId, name: `Cardepass ${credentialId}` } },
		},
	];
	const connections = {
		'Test Items': { main: [[{ node: 'Cardepass', type: 'main' as const, index: 0 }]] },
	};
	const workflow = new Workflow({
		id: `workflow-${credentialId}`,
		nodes,
		connections,
		active: false,
		nodeTypes: internals.nodeTypes,
		settings: {},
	});
	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		id: workflow.id,
		name: 'Limiter test',
		nodes,
		connections,
		active: false,
	} as never);
	const run = await new WorkflowExecute(internals.additionalData(executionId, hooks), 'manual').run(
		{ workflow, startNode: workflow.getNode('Test Items')! },
	);
	const output = (run.data.resultData.runData.Cardepass?.at(-1)?.data?.main?.[0] ??
		[]) as INodeExecutionData[];
	return { items: output.map((item) => item.json), error: run.data.resultData.error };
}

/** Stores a second credential like the first, for another server, without a token yet. */
function addCredential(engine: CardepassEngine, id: string, baseUrl: string): void {
	const { oauthTokenData: _token, ...first } = engine.credentials.stored.get('1')!;
	engine.credentials.stored.set(id, { ...first, baseUrl });
}

/** Resolves once the simulator has seen `count` top-ups of the workflow numbered with `prefix`. */
async function seen(sim: Simulator, prefix: string, count: number): Promise<void> {
	while (topUpsOf(sim, prefix).length < count)
		await new Promise((resolve) => setTimeout(resolve, 5));
}

// How many requests are in flight at once depends, in real n8n, on how fast the machine answers (the pace
// grows with fast answers). So the limits are reached on the driver's clock below, and the workflows in real
// n8n check what holds at any speed: every order made, and never more in flight than the limits allow.
describe('Max Concurrent Requests is kept per credential and per node run (answers on the test clock)', () => {
	let driver: SlotDriver;
	beforeEach(() => (driver = new SlotDriver()));
	afterEach(() => driver.dispose());
	const of =
		(...callers: string[]) =>
		(request: Sent) =>
			callers.includes(request.caller);

	test('a run set to 1 stays at one request at a time while a run set to 50 on the same credential is not held back', async () => {
		const credential = driver.credential('shared', { latencyMs: () => 40 });
		await driver.until(
			Promise.all([
				driver.run(credential, 'careful', 1, 12),
				driver.run(credential, 'eager', 50, 30),
			]),
		);
		expect(driver.mostAtOnce(of('careful'))).toBe(1);
		expect(driver.mostAtOnce(of('eager'))).toBeGreaterThan(10);
	});

	test('a run set to 10 keeps 10 in flight after a run set to 1 ended on the same credential', async () => {
		const credential = driver.credential('shared', { latencyMs: () => 40 });
		await driver.until(
			Promise.all([driver.run(credential, 'wide', 10, 80), driver.run(credential, 'single', 1, 1)]),
		);
		const singleEnded = driver.sent.find((request) => request.caller === 'single')!.endedAt!;
		const afterSingle = driver.sent.filter(
			(request) => request.caller === 'wide' && request.startedAt >= singleEnded,
		);
		expect(afterSingle.length).toBeGreaterThan(20);
		expect(driver.mostAtOnce((request) => afterSingle.includes(request))).toBe(10);
		expect(driver.mostAtOnce(of('wide'))).toBe(10);
	});

	test('two runs on one credential each keep their own limit, and together stay within the larger one', async () => {
		const credential = driver.credential('shared', { latencyMs: () => 40 });
		await driver.until(
			Promise.all([driver.run(credential, 'two', 2, 30), driver.run(credential, 'four', 4, 60)]),
		);
		expect(driver.mostAtOnce(of('two'))).toBe(2);
		expect(driver.mostAtOnce(of('four'))).toBe(4);
		expect(driver.mostAtOnce()).toBe(4);
	});

	test('runs on two credentials do not wait for each other', async () => {
		const first = driver.credential('first', { latencyMs: () => 40 });
		const second = driver.credential('second', { latencyMs: () => 40 });
		await driver.until(
			Promise.all([driver.run(first, 'first', 3, 30), driver.run(second, 'second', 5, 30)]),
		);
		expect(driver.mostAtOnce(of('first'))).toBe(3);
		expect(driver.mostAtOnce(of('second'))).toBe(5);
		expect(driver.mostAtOnce()).toBe(8);
	});

	test('a cold credential sends one request for its token, then runs at its own limit beside a warm one', async () => {
		const warm = driver.credential('warm', { latencyMs: () => 40 });
		const cold = driver.credential('cold', { latencyMs: () => 40 });
		await driver.until(
			Promise.all([
				driver.run(warm, 'warm', 5, 40),
				driver.run(cold, 'cold', 5, 40, { value: false }),
			]),
		);
		const firstColdAnswer = driver.sent.find((request) => request.caller === 'cold')!.endedAt!;
		const coldBeforeToken = driver.sent.filter(
			(request) => request.caller === 'cold' && request.startedAt < firstColdAnswer,
		);
		expect(coldBeforeToken).toHaveLength(1);
		expect(driver.mostAtOnce(of('cold'))).toBe(5);
		expect(driver.mostAtOnce()).toBe(10);
	});
});

describe.each(REVISIONS)(
	'Max Concurrent Requests is kept per credential and per workflow, against API v%s',
	(revision) => {
		let sim: Simulator;
		let engine: CardepassEngine;

		beforeEach(async () => {
			({ sim, engine } = await openSimulatedCardepass({ revision, latencyMs: 40 }));
			// Token and product rules in place, so every request counted below is a top-up.
			await engine.run({ resource: 'account', operation: 'getBalances' });
		});
		afterEach(async () => {
			await sim.close();
		});

		test('a workflow set to 1 stays at one request at a time when a workflow set to 50 runs on the same credential', async () => {
			const careful = engine.run(topUp(1), refs('CAREFUL', 12), { workflowId: 'careful' });
			await seen(sim, 'CAREFUL', 2);
			const eager = await engine.run(topUp(50), refs('EAGER', 30), { workflowId: 'eager' });
			const { items, error } = await careful;

			expect(error).toBeUndefined();
			expect(eager.error).toBeUndefined();
			expect(items).toHaveLength(12);
			expect(eager.items).toHaveLength(30);
			expect(mostAtOnce(topUpsOf(sim, 'CAREFUL'))).toBe(1);
			expect(mostAtOnce(topUpsOf(sim, 'EAGER'))).toBeLessThanOrEqual(50);
		});

		test('a workflow set to 10 keeps 10 in flight after a workflow set to 1 ran on the same credential', async () => {
			const wide = engine.run(topUp(10), refs('WIDE', 80), { workflowId: 'wide' });
			await seen(sim, 'WIDE', 10);
			const single = await engine.run(topUp(1), refs('SINGLE', 1), { workflowId: 'single' });
			expect(single.error).toBeUndefined();
			const { items, error } = await wide;

			expect(error).toBeUndefined();
			expect(items).toHaveLength(80);
			expect(mostAtOnce(topUpsOf(sim, 'WIDE'))).toBeLessThanOrEqual(10);
		});

		test('a workflow set to 10 run after one set to 1 has its own limit', async () => {
			await engine.run(topUp(1), refs('BEFORE', 3), { workflowId: 'before' });
			sim.resetMetrics();
			const { items } = await engine.run(topUp(10), refs('AFTER', 40), { workflowId: 'after' });
			expect(items).toHaveLength(40);
			expect(sim.maxConcurrent).toBeLessThanOrEqual(10);
		});

		test('two workflows on one credential each keep their own limit, and together stay within the larger one', async () => {
			sim.resetMetrics();
			const [two, four] = await Promise.all([
				engine.run(topUp(2), refs('TWO', 30), { workflowId: 'two' }),
				engine.run(topUp(4), refs('FOUR', 60), { workflowId: 'four' }),
			]);
			expect(two.items).toHaveLength(30);
			expect(four.items).toHaveLength(60);
			expect(mostAtOnce(topUpsOf(sim, 'TWO'))).toBeLessThanOrEqual(2);
			expect(mostAtOnce(topUpsOf(sim, 'FOUR'))).toBeLessThanOrEqual(4);
			expect(sim.maxConcurrent).toBeLessThanOrEqual(4);
		});

		test('workflows on two credentials do not wait for each other', async () => {
			const other = await openSimulatedCardepass({ revision, latencyMs: 40 });
			try {
				addCredential(engine, '2', other.sim.baseUrl);
				await runOnCredential(engine, '2', { resource: 'account', operation: 'getBalances' }, [{}]);
				sim.resetMetrics();
				other.sim.resetMetrics();

				const [first, second] = await Promise.all([
					engine.run(topUp(3), refs('FIRST', 30)),
					runOnCredential(engine, '2', topUp(5), refs('SECOND', 30)),
				]);
				expect(first.error).toBeUndefined();
				expect(second.error).toBeUndefined();
				expect(first.items).toHaveLength(30);
				expect(second.items).toHaveLength(30);
				expect(sim.maxConcurrent).toBeLessThanOrEqual(3);
				expect(other.sim.maxConcurrent).toBeLessThanOrEqual(5);
			} finally {
				await other.sim.close();
			}
		});

		test('a cold credential fetches one token and then runs at its own limit beside a credential that has one', async () => {
			const other = await openSimulatedCardepass({ revision, latencyMs: 40 });
			try {
				addCredential(engine, '2', other.sim.baseUrl);
				sim.clearRequests();
				sim.resetMetrics();
				const [warm, cold] = await Promise.all([
					engine.run(topUp(5), refs('WARM', 40)),
					runOnCredential(engine, '2', topUp(5), refs('COLD', 40)),
				]);
				expect(warm.items).toHaveLength(40);
				expect(cold.items).toHaveLength(40);
				expect(sim.tokenRequests()).toBe(0);
				expect(other.sim.tokenRequests()).toBe(1);
				expect(mostAtOnce(topUpsOf(sim, 'WARM'))).toBeLessThanOrEqual(5);
				expect(mostAtOnce(topUpsOf(other.sim, 'COLD'))).toBeLessThanOrEqual(5);
			} finally {
				await other.sim.close();
			}
		});
	},
);
