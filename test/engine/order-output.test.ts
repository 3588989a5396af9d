/**
 * One output shape per order operation, whatever path the order took: a new order, the same order sent
 * again (earlier order), and after Wait for Completion. Simplify off gives Cardepass's answer as it came.
 */
import type { IDataObject } from 'n8n-workflow';

import { REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

const ORDERS: Array<[string, IDataObject]> = [
	['Top Up', { resource: 'card', operation: 'topUp', cardId: 'CARD123456', topUpAmount: '10' }],
	[
		'Withdraw Balance',
		{
			resource: 'card',
			operation: 'withdraw',
			cardId: 'CARD234567',
			withdrawAmount: '20',
		},
	],
	[
		'Create (Standard)',
		{
			resource: 'card',
			operation: 'create',
			cardModel: 'standard',
			productCode: 'PROD001',
			cardCurrency: 'USD',
			topUpAmount: '20',
		},
	],
	[
		'Create (Share Balance)',
		{
			resource: 'card',
			operation: 'create',
			cardModel: 'sharebalance',
			productCode: 'PROD001',
			cardCurrency: 'USD',
			maxAuthAmount: '100',
			totalLimit: 'limited',
			maxCreditAmount: '1000',
		},
	],
	[
		'Update Limits',
		{
			resource: 'card',
			operation: 'updateLimits',
			cardId: 'CARD789012',
			maxAuthAmount: '100',
			totalLimit: 'limited',
			maxCreditAmount: '5000',
		},
	],
	[
		'Block (Share Balance)',
		{ resource: 'card', operation: 'block', cardModel: 'sharebalance', cardId: 'CARD789012' },
	],
	[
		'Cancel (Standard)',
		{ resource: 'card', operation: 'cancel', cardModel: 'standard', cardId: 'CARD345678' },
	],
];

const keysOf = (item: IDataObject) => Object.keys(item).sort();

/**
 * Orders whose earlier order can be proven while it is still processing. A Create cannot be proven from what
 * the order query shows (order-proof.test.ts), and Update Limits only once the card holds the new limits.
 */
const PROVABLE_WHILE_PROCESSING = ORDERS.filter(
	([name]) => !name.startsWith('Create') && name !== 'Update Limits',
);

describe.each(REVISIONS)('order output shapes, against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision, orderCompletion: { afterMs: 300 } });

	test('Create and Update Limits: a new order and the order read with Order → Get have the same keys', async () => {
		for (const [name, parameters] of ORDERS.filter(
			([order]) => !PROVABLE_WHILE_PROCESSING.some(([provable]) => provable === order),
		)) {
			const customerOrderNo = `SHAPE-${name.replace(/\W/g, '')}`;
			const fresh = await box.engine.run({ ...parameters, customerOrderNo });
			expect(fresh.error).toBeUndefined();
			const read = await box.engine.run({
				resource: 'order',
				operation: 'get',
				cardModel: String(parameters.cardModel ?? 'sharebalance'),
				orderType: String(fresh.items[0].orderType),
				lookUpBy: 'customerOrderNo',
				customerOrderNo,
			});
			expect(keysOf(read.items[0])).toEqual(keysOf(fresh.items[0]));
		}
	});

	test.each(PROVABLE_WHILE_PROCESSING)(
		'%s: a new order, the same order sent again and a completed order have the same keys',
		async (_name, parameters) => {
			const fresh = await box.engine.run({ ...parameters, customerOrderNo: 'SHAPE-1' });
			expect(fresh.error).toBeUndefined();
			const again = await box.engine.run({ ...parameters, customerOrderNo: 'SHAPE-1' });
			const waited = await box.engine.run({
				...parameters,
				customerOrderNo: 'SHAPE-1',
				options: { waitForCompletion: true },
			});
			expect(fresh.items[0].earlierOrder).toBe(false);
			expect(again.items[0].earlierOrder).toBe(true);
			expect(waited.items[0]).toMatchObject({ earlierOrder: true, status: 'Completed' });
			expect(keysOf(again.items[0])).toEqual(keysOf(fresh.items[0]));
			expect(keysOf(waited.items[0])).toEqual(keysOf(fresh.items[0]));
			expect(fresh.items[0]).toMatchObject({
				customerOrderNo: 'SHAPE-1',
				orderNo: again.items[0].orderNo,
			});
		},
	);

	test('Top Up: the same amount, fee and total whether the order is new or earlier, the card only as Cardepass names it', async () => {
		const topUp = { ...ORDERS[0][1], customerOrderNo: 'SHAPE-2' };
		const fresh = (await box.engine.run(topUp)).items[0];
		const again = (await box.engine.run(topUp)).items[0];
		const facts = (item: IDataObject) => [
			item.cardId,
			item.amount,
			item.fee,
			item.totalAmount,
			item.orderType,
		];
		// v1.0's top-up answer names no card; the order query that finds it again does.
		const card = revision === '1.0' ? null : 'CARD123456';
		expect(facts(fresh)).toEqual([card, 10, 1, 11, 'CardTopUp']);
		expect(facts(again)).toEqual(['CARD123456', 10, 1, 11, 'CardTopUp']);
	});

	test('Simplify off: the provider answer as it came, the earlier order marked', async () => {
		const topUp = { ...ORDERS[0][1], customerOrderNo: 'RAW-1', simplify: false };
		const fresh = (await box.engine.run(topUp)).items[0];
		expect(fresh).toMatchObject({ totalTopUpAmount: 10, totalFee: 1, orderType: 'TopUpCard' });
		expect(fresh).not.toHaveProperty('earlierOrder');
		const again = (await box.engine.run(topUp)).items[0];
		expect(again).toMatchObject({
			topUpAmount: 10,
			fee: 1,
			orderType: 'CardTopUp',
			earlierOrder: true,
		});
	});
});
