/**
 * "Retries on Temporary Errors" left at its default: 2 repeats. An order that meets exactly 2 temporary
 * failures still succeeds, once; a third fails the item. Changing the default changes what users get.
 */
import { REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

const TOP_UP_PATH = '/v1/orders/standard/topup';
const ORDER = {
	resource: 'card',
	operation: 'topUp',
	cardId: 'CARD123456',
	topUpAmount: 10,
	customerOrderNo: 'RD-1',
};

describe.each(REVISIONS)(
	'the default of Retries on Temporary Errors, against API v%s',
	(revision) => {
		const box = useSimulatedCardepass({ revision });

		test('the editor shows 2 under Options', () => {
			const options = box.engine.description.properties.find(
				(p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes('topUp'),
			);
			const retries = (options?.options as Array<{ name: string; default: unknown }>).find(
				(o) => o.name === 'retries',
			);
			expect(retries?.default).toBe(2);
		});

		test('an order meeting 2 temporary failures is sent a third time and made once', async () => {
			box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'status', status: 503, times: 2 });
			const { items, error } = await box.engine.run(ORDER);
			expect(error).toBeUndefined();
			expect(items[0]).toMatchObject({ customerOrderNo: 'RD-1', earlierOrder: false });
			expect(box.sim.apiRequests({ path: TOP_UP_PATH })).toHaveLength(3);
			expect(box.sim.getOrders({ customerOrderNo: 'RD-1' })).toHaveLength(1);
		});

		test('a third temporary failure fails the item, and nothing was made', async () => {
			box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'status', status: 503, times: 3 });
			const { error } = await box.engine.run(ORDER);
			expect(error?.message).toMatch(/HTTP 503/);
			expect(box.sim.apiRequests({ path: TOP_UP_PATH })).toHaveLength(3);
			expect(box.sim.getOrders({ customerOrderNo: 'RD-1' })).toHaveLength(0);
		});
	},
);
