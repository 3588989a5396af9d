import { orderCalls, useSimulatedCardepass } from '../helpers/simulatedCardepass';

const topUp = (cardId: string, amount: number | string) => ({
	resource: 'card',
	operation: 'topUp',
	cardId,
	topUpAmount: amount,
});

describe('product rules published by an API v1.4 server (cardBinConfigs)', () => {
	const box = useSimulatedCardepass({ revision: '1.4' });

	test.each([
		[
			"a top-up below the product's minimum",
			topUp('CARD123456', 5),
			'This product takes top-ups of at least 10 USD, not 5 (PROD001, Standard card in USD)',
		],
		[
			'a top-up with decimals on a whole-amount product',
			topUp('CARD234567', 10.5),
			'This product only accepts whole amounts: 10.5 has decimals (PROD001, Standard card in EUR)',
		],
		[
			'a withdrawal the product forbids',
			{
				resource: 'card',
				operation: 'withdraw',
				cardId: 'CARD345678',
				withdrawMode: 'wholeBalance',
			},
			'This product does not allow withdrawals (PROD002, Standard card in USD)',
		],
		[
			'a card opened below the minimum opening amount',
			{
				resource: 'card',
				operation: 'create',
				cardModel: 'standard',
				productCode: 'PROD001',
				cardCurrency: 'USD',
				topUpAmount: 5,
			},
			'This product takes opening amounts of at least 10 USD, not 5 (PROD001, Standard card in USD)',
		],
		[
			'a card opened with decimals on a whole-amount product',
			{
				resource: 'card',
				operation: 'create',
				cardModel: 'standard',
				productCode: 'PROD001',
				cardCurrency: 'EUR',
				topUpAmount: 25.5,
			},
			'This product only accepts whole amounts: 25.5 has decimals (PROD001, Standard card in EUR)',
		],
	])(
		'%s is refused before the order is sent, quoting the rule',
		async (_case, parameters, message) => {
			const { error } = await box.engine.run(parameters);
			expect(error?.message).toBe(message);
			expect(error?.description).toMatch(
				/^Nothing was sent to Cardepass\. The product's rule at Cardepass: .+\. Product → Get Many shows every rule/,
			);
			expect(error?.httpCode ?? null).toBeNull();
			expect(error).not.toHaveProperty('errorCode');
			expect(orderCalls(box.sim)).toEqual([]);
		},
	);

	test('orders the rules allow are sent', async () => {
		const { items, error } = await box.engine.run(topUp('CARD123456', 10));
		expect(error).toBeUndefined();
		expect(items[0]).toMatchObject({ status: 'Completed' });
		expect(orderCalls(box.sim)).toHaveLength(1);
	});

	test('rules and the card are read once, not per item, and kept for the next execution', async () => {
		const items = Array.from({ length: 50 }, (_, i) => ({ ref: `RULES-${i}` }));
		const first = await box.engine.run(
			{ ...topUp('CARD123456', 10), customerOrderNo: '={{ $json.ref }}' },
			items,
		);
		expect(first.items).toHaveLength(50);
		expect(box.sim.apiRequests({ path: '/v1/products' })).toHaveLength(1);
		expect(box.sim.apiRequests({ path: '/v1/cards/CARD123456' })).toHaveLength(1);
		await box.engine.run(topUp('CARD123456', 10));
		expect(box.sim.apiRequests({ path: '/v1/products' })).toHaveLength(1);
		expect(box.sim.apiRequests({ path: '/v1/cards/CARD123456' })).toHaveLength(1);
	});
});

describe('an API v1.0 server publishes no product rules', () => {
	const box = useSimulatedCardepass({ revision: '1.0' });

	test('the same top-up below the v1.4 minimum is sent as before', async () => {
		const { items, error } = await box.engine.run(topUp('CARD123456', 5));
		expect(error).toBeUndefined();
		expect(items[0]).toMatchObject({ status: 'Completed' });
		expect(box.sim.apiRequests({ path: '/v1/cards/CARD123456' })).toHaveLength(0);
	});
});
