import { REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

describe.each(REVISIONS)('Product and Currency dropdowns against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision });

	test('Product lists the products that offer the chosen card model', async () => {
		const standard = await box.engine.loadOptions('getProducts', {
			resource: 'card',
			operation: 'create',
			cardModel: 'standard',
		});
		expect(standard.map((option) => option.value)).toEqual(['PROD001', 'PROD002']);
		expect(standard[0].name).toMatch(/\(PROD001\)$/);
		const shared = await box.engine.loadOptions('getProducts', {
			resource: 'card',
			operation: 'create',
			cardModel: 'sharebalance',
		});
		expect(shared.map((option) => option.value)).toEqual(['PROD001']);
		expect(box.sim.apiRequests({ path: '/v1/products' })).toHaveLength(2);
	});

	test("Currency lists the chosen product's currencies", async () => {
		const prod001 = await box.engine.loadOptions('getCurrencies', {
			resource: 'card',
			operation: 'create',
			productCode: 'PROD001',
		});
		expect(prod001).toEqual([
			{ name: 'EUR', value: 'EUR' },
			{ name: 'USD', value: 'USD' },
		]);
		const prod002 = await box.engine.loadOptions('getCurrencies', {
			resource: 'card',
			operation: 'create',
			productCode: 'PROD002',
		});
		expect(prod002.map((option) => option.value)).toEqual(['USD']);
	});

	test('a node without a credential yet lists one entry that asks for it, not an error, and sends nothing', async () => {
		const noCredential = { withCredential: false };
		const products = await box.engine.loadOptions(
			'getProducts',
			{ resource: 'card', operation: 'create', cardModel: 'standard' },
			noCredential,
		);
		expect(products).toEqual([
			expect.objectContaining({
				name: 'Choose a Cardepass credential to list the products',
				value: '',
			}),
		]);
		const currencies = await box.engine.loadOptions(
			'getCurrencies',
			{ resource: 'card', operation: 'create', productCode: '' },
			noCredential,
		);
		expect(currencies.map((option) => option.name)).toEqual([
			'Choose a Cardepass credential to list the currencies',
		]);
		expect(box.sim.apiRequests({ path: '/v1/products' })).toHaveLength(0);
	});

	test("a failing product list shows the provider's message", async () => {
		box.sim.inject({
			match: { path: '/v1/products' },
			kind: 'businessError',
			errorCode: 'PRODUCT_NOT_AVAILABLE',
			errorMessage: 'No products for this account',
		});
		await expect(box.engine.loadOptions('getProducts', { cardModel: 'standard' })).rejects.toThrow(
			'No products for this account',
		);
	});

	test('the dropdown takes the request path of the operations: a temporary failure is sent again', async () => {
		box.sim.inject({ match: { path: '/v1/products' }, kind: 'status', status: 503 });
		const options = await box.engine.loadOptions('getProducts', { cardModel: 'standard' });
		expect(options.map((option) => option.value)).toEqual(['PROD001', 'PROD002']);
		expect(
			box.sim.apiRequests({ path: '/v1/products' }).map((r: { status: number }) => r.status),
		).toEqual([503, 200]);
	});

	test('a malformed answer is refused as the operations refuse it', async () => {
		box.sim.inject({ match: { path: '/v1/products' }, kind: 'malformedJson', times: 2 });
		await expect(box.engine.loadOptions('getProducts', { cardModel: 'standard' })).rejects.toThrow(
			/not valid JSON/,
		);
	});
});
