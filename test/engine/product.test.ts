import { seed } from '../simulator';
import { apiCalls, REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

describe.each(REVISIONS)('Product → Get Many against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision });

	test('Return All outputs one item per product', async () => {
		const { items, error } = await box.engine.run({
			resource: 'product',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(apiCalls(box.sim)).toEqual([
			{ method: 'GET', path: '/v1/products', query: {}, body: undefined },
		]);
		expect(items.map((product) => product.productCode)).toEqual(
			seed.PRODUCTS.map((product: { productCode: string }) => product.productCode),
		);
		expect(items[0]).toEqual(
			expect.objectContaining({
				cardModels: ['Standard', 'ShareBalance'],
				cardCurrency: ['USD', 'EUR'],
			}),
		);
		expect('cardBinConfigs' in items[0]).toBe(revision === '1.4');
	});

	test('Limit keeps the first products', async () => {
		const { items } = await box.engine.run({
			resource: 'product',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
		});
		expect(items.map((product) => product.productCode)).toEqual(['PROD001']);
	});
});
