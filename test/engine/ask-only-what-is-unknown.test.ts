/**
 * The node looks up what it can: a card's model for Block, Unblock and Cancel, and an order's type for
 * Order → Get. Errors point at the fix in the user's words.
 */
import { REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

describe.each(REVISIONS)('Card Model "From the Card", against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision });

	test("Block reads each card once per run and sends each order to its model's endpoint", async () => {
		const { items, error } = await box.engine.run(
			{
				resource: 'card',
				operation: 'block',
				cardId: '={{ $json.card }}',
				customerOrderNo: '={{ $json.ref }}',
			},
			[
				{ card: 'CARD789012', ref: 'FC-1' },
				{ card: 'CARD123456', ref: 'FC-2' },
			],
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.cardId, item.cardModel, item.status])).toEqual([
			['CARD789012', 'ShareBalance', 'Completed'],
			['CARD123456', 'Standard', 'Completed'],
		]);
		expect(
			box.sim
				.apiRequests({ method: 'POST' })
				.map((r: { path: string }) => r.path)
				.sort(),
		).toEqual(['/v1/orders/sharebalance/block', '/v1/orders/standard/block']);
		expect(box.sim.apiRequests({ path: '/v1/cards/CARD789012' })).toHaveLength(1);
		expect(box.sim.apiRequests({ path: '/v1/cards/CARD123456' })).toHaveLength(1);
		// Nothing of the card's record but its model reaches the output.
		expect(JSON.stringify(items)).not.toMatch(/5042330007890122|5042320001234567/);
	});

	test('two items on one card in a run read the card once', async () => {
		const { items, error } = await box.engine.run(
			{ resource: 'card', operation: 'block', cardId: 'CARD123456', customerOrderNo: 'ONE-READ-1' },
			[{}, {}],
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.earlierOrder).sort()).toEqual([false, true]);
		expect(box.sim.apiRequests({ path: '/v1/cards/CARD123456' })).toHaveLength(1);
	});

	test('the wrong Card Model chosen by hand: the hint says which model to pick', async () => {
		const { error } = await box.engine.run({
			resource: 'card',
			operation: 'block',
			cardModel: 'sharebalance',
			cardId: 'CARD123456',
			customerOrderNo: 'WRONG-1',
		});
		expect(error?.description).toMatch(
			/This card is a Standard card: set Card Model to Standard, or to From the Card\.$/,
		);
		expect(error?.description).not.toMatch(/unblock/i);
	});
});

describe.each(REVISIONS)('Order → Get with Any Type, against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision });
	const getOrder = (customerOrderNo: string) => ({
		resource: 'order',
		operation: 'get',
		cardModel: 'standard',
		lookUpBy: 'customerOrderNo',
		customerOrderNo,
	});

	test('finds a top-up without being told its type', async () => {
		await box.engine.run({
			resource: 'card',
			operation: 'topUp',
			cardId: 'CARD123456',
			topUpAmount: '10',
			customerOrderNo: 'ANY-1',
		});
		const { items, error } = await box.engine.run(getOrder('ANY-1'));
		expect(error).toBeUndefined();
		expect(items).toEqual([
			expect.objectContaining({ customerOrderNo: 'ANY-1', orderType: 'CardTopUp' }),
		]);
	});

	test('an order of no type: the error names every type tried', async () => {
		const { error } = await box.engine.run(getOrder('NONE-1'));
		expect(error?.message).toBe(
			'Cardepass has no Standard card order with Customer Order No NONE-1',
		);
		expect(error?.description).toBe(
			'Every order type was tried: Create, Top Up, Withdraw Balance, Block, Unblock, Cancel. Check the number, and the Card Model the order was made for (or choose Any Model).',
		);
	});

	test('with Any Model, finds a Share Balance card order without being told its model or type', async () => {
		await box.engine.run({
			resource: 'card',
			operation: 'updateLimits',
			cardId: 'CARD789012',
			maxAuthAmount: '300',
			totalLimit: 'limited',
			maxCreditAmount: '8000',
			customerOrderNo: 'ANY-MODEL-1',
		});
		const { items, error } = await box.engine.run({
			...getOrder('ANY-MODEL-1'),
			cardModel: 'any',
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([
			expect.objectContaining({ customerOrderNo: 'ANY-MODEL-1', orderType: 'CreditLimit' }),
		]);
	});

	test('with Any Model, an order of no model: the error names every type and model tried', async () => {
		const { error } = await box.engine.run({ ...getOrder('NONE-2'), cardModel: 'any' });
		expect(error?.message).toBe('Cardepass has no order with Customer Order No NONE-2');
		expect(error?.description).toBe(
			'Every order type was tried: Create (Standard), Top Up (Standard), Withdraw Balance (Standard), Block (Standard), Unblock (Standard), Cancel (Standard), Create (Share Balance), Update Limits (Share Balance), Block (Share Balance), Unblock (Share Balance), Cancel (Share Balance). Check the number.',
		);
	});
});

describe("the error view shows the provider's code", () => {
	const box = useSimulatedCardepass({ revision: '1.4' });

	test('n8n\'s Error code is Cardepass\'s errorCode, not "none"', async () => {
		const { error } = await box.engine.run({
			resource: 'card',
			operation: 'get',
			cardId: 'NOCARD1',
		});
		expect(error?.message).toMatch(/NOCARD1/);
		expect(error?.httpCode).toBe('CARD_NOT_FOUND');
	});
});

describe("an input the node refuses is the node's error, not Cardepass's", () => {
	const box = useSimulatedCardepass({ revision: '1.4' });

	test('0 typed into Top Up Amount: the minimum the hint names, no "Error code", nothing sent', async () => {
		const { error } = await box.engine.run({
			resource: 'card',
			operation: 'topUp',
			cardId: 'CARD123456',
			topUpAmount: '0',
			customerOrderNo: 'ZERO-1',
		});
		expect(error?.message).toBe('Top Up Amount must be at least 1, got 0');
		expect(error?.httpCode ?? null).toBeNull();
		expect(box.sim.apiRequests()).toHaveLength(0);
	});
});
