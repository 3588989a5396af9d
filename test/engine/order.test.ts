import { apiCalls, REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

describe.each(REVISIONS)('Order → Get against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision });

	async function topUp(customerOrderNo: string) {
		const { items } = await box.engine.run({
			resource: 'card',
			operation: 'topUp',
			cardId: 'CARD123456',
			topUpAmount: 20,
			customerOrderNo,
		});
		box.sim.clearRequests();
		return items[0];
	}

	test('looks an order up by its Order No, always sending an Order Type', async () => {
		const placed = await topUp('LOOKUP-1');
		const { items, error } = await box.engine.run({
			resource: 'order',
			operation: 'get',
			cardModel: 'standard',
			orderType: 'CardTopUp',
			lookUpBy: 'orderNo',
			orderNo: String(placed.orderNo),
		});
		expect(error).toBeUndefined();
		expect(apiCalls(box.sim)).toEqual([
			{
				method: 'GET',
				path: '/v1/orders/standard',
				query: { OrderType: 'CardTopUp', OrderNo: placed.orderNo },
				body: undefined,
			},
		]);
		expect(items).toEqual([
			expect.objectContaining({
				orderNo: placed.orderNo,
				customerOrderNo: 'LOOKUP-1',
				status: 'Completed',
			}),
		]);
	});

	test('looks an order up by the Customer Order No it was sent with', async () => {
		const placed = await topUp('LOOKUP-2');
		const { items } = await box.engine.run({
			resource: 'order',
			operation: 'get',
			cardModel: 'standard',
			orderType: 'CardTopUp',
			lookUpBy: 'customerOrderNo',
			customerOrderNo: 'LOOKUP-2',
		});
		expect(apiCalls(box.sim)[0].query).toEqual({
			OrderType: 'CardTopUp',
			CustomerOrderNo: 'LOOKUP-2',
		});
		expect(items).toEqual([expect.objectContaining({ orderNo: placed.orderNo })]);
	});

	test('share-balance orders are looked up under their own model', async () => {
		await box.engine.run({
			resource: 'card',
			operation: 'block',
			cardModel: 'sharebalance',
			cardId: 'CARD789012',
			customerOrderNo: 'SB-BLOCK',
		});
		box.sim.clearRequests();
		const { items } = await box.engine.run({
			resource: 'order',
			operation: 'get',
			cardModel: 'sharebalance',
			orderType: 'CardBlock',
			lookUpBy: 'customerOrderNo',
			customerOrderNo: 'SB-BLOCK',
		});
		expect(apiCalls(box.sim)[0]).toMatchObject({
			path: '/v1/orders/sharebalance',
			query: { OrderType: 'CardBlock', CustomerOrderNo: 'SB-BLOCK' },
		});
		expect(items).toEqual([expect.objectContaining({ customerOrderNo: 'SB-BLOCK' })]);
	});

	test("an unknown order gives no item (v1.4) or the provider's ORDER_NOT_FOUND (v1.0)", async () => {
		const { items, error } = await box.engine.run({
			resource: 'order',
			operation: 'get',
			cardModel: 'standard',
			orderType: 'CardTopUp',
			lookUpBy: 'orderNo',
			orderNo: 'ORD-NOPE',
		});
		if (revision === '1.4') {
			expect(error).toBeUndefined();
			expect(items).toEqual([]);
		} else {
			expect(error?.description).toMatch(/Error code: ORDER_NOT_FOUND/);
		}
	});
});
