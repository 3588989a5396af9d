/**
 * Retry of a failed execution from n8n's Executions list: a new execution ID, the failed execution's data
 * copied, the failed node run again. With the Customer Order No left empty, no order may be paid twice.
 */
import type { INodeParameters } from 'n8n-workflow';

import { GENERATED_ORDER_NO_PATTERN } from '../../nodes/Cardepass/shared/orderNumber';
import { REVISIONS_AND_REFUSALS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

const TOP_UP_PATH = '/v1/orders/standard/topup';
const topUp = (options: INodeParameters = {}) => ({
	resource: 'card',
	operation: 'topUp',
	cardId: 'CARD123456',
	topUpAmount: '={{ $json.amount }}',
	options,
});

describe.each(REVISIONS_AND_REFUSALS)(
	'Retry of a failed execution with generated Customer Order Nos, against API v%s, repeats refused as %s',
	(revision, duplicateRefusal) => {
		const box = useSimulatedCardepass({ revision, duplicateRefusal });
		const topUps = () => box.sim.getOrders({ orderType: 'CardTopUp' });

		test('3 top-ups, the third refused for lack of funds: funds added, Retry makes exactly the third, the two earlier come back', async () => {
			// 10 + 1 fee each fits; the third (500) does not.
			box.sim.state.accounts.USD = 30;
			const failed = await box.engine.run(topUp(), [
				{ amount: 10 },
				{ amount: 11 },
				{ amount: 500 },
			]);
			expect(failed.error?.message).toMatch(/Insufficient|balance/i);
			expect(topUps()).toHaveLength(2);
			const firstNumbers = topUps().map((order) => order.customerOrderNo);
			for (const number of firstNumbers) expect(number).toMatch(GENERATED_ORDER_NO_PATTERN);

			box.sim.state.accounts.USD = 100000;
			const retried = await box.engine.retry(failed);

			expect(retried.error).toBeUndefined();
			expect(retried.run.mode).toBe('retry');
			expect(topUps()).toHaveLength(3);
			expect(retried.items.map((item) => item.earlierOrder)).toEqual([true, true, false]);
			expect(retried.items.slice(0, 2).map((item) => item.customerOrderNo)).toEqual(firstNumbers);
			expect(retried.items.map((item) => item.amount)).toEqual([10, 11, 500]);
		});

		test('one top-up whose answer is lost and whose retries run out: Retry gives 1 order in all', async () => {
			box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'dropAfterCommit', times: 2 });
			const failed = await box.engine.run(topUp({ retries: 1 }), [{ amount: 25 }]);
			expect(failed.error?.message).toMatch(
				/^The connection to Cardepass failed before an answer arrived/,
			);
			expect(failed.error?.description).toMatch(
				/Retrying this execution is safe \(Retry in the Executions list\)/,
			);
			expect(topUps()).toHaveLength(1);

			const retried = await box.engine.retry(failed);

			expect(retried.error).toBeUndefined();
			expect(topUps()).toHaveLength(1);
			expect(retried.items).toEqual([
				expect.objectContaining({
					earlierOrder: true,
					customerOrderNo: topUps()[0].customerOrderNo,
				}),
			]);
		});

		test('a later item that fails its input check after earlier items were sent: Retry repeats none of them', async () => {
			const failed = await box.engine.run(topUp(), [
				{ amount: 10 },
				{ amount: 12 },
				{ amount: 'abc' },
			]);
			expect(failed.error?.message).toMatch(/Top Up Amount/);
			expect(topUps()).toHaveLength(2);
			const sentBefore = box.sim
				.apiRequests({ path: TOP_UP_PATH })
				.map((r: { body: { customerOrderNo: string } }) => r.body.customerOrderNo);

			const retried = await box.engine.retry(failed);

			expect(retried.error?.message).toMatch(/Top Up Amount/);
			expect(topUps()).toHaveLength(2);
			const sentOnRetry = box.sim
				.apiRequests({ path: TOP_UP_PATH })
				.slice(sentBefore.length)
				.map((r: { body: { customerOrderNo: string } }) => r.body.customerOrderNo);
			expect(sentOnRetry.every((number: string) => sentBefore.includes(number))).toBe(true);
		});

		test('a new run of the same workflow is a new execution: its generated numbers are new', async () => {
			await box.engine.run(topUp(), [{ amount: 10 }]);
			await box.engine.run(topUp(), [{ amount: 10 }]);
			const numbers = topUps().map((order) => order.customerOrderNo);
			expect(new Set(numbers).size).toBe(2);
		});
	},
);
