/**
 * An order item is green only when Cardepass confirmed this exact order: a fresh order's answer that holds
 * the order, or the earlier order under a used Customer Order No, proven field by field to be this one.
 * Every scenario runs on both API revisions and under both ways a repeated number is refused: the draft's
 * DUPLICATE_ORDER and the documents' generic HTTP 400 with a Chinese message.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	DUPLICATE_REFUSALS,
	REVISIONS,
	useSimulatedCardepass,
} from '../helpers/simulatedCardepass';
const TOP_UP_PATH = '/v1/orders/standard/topup';
const STANDARD_QUERY = '/v1/orders/standard';

const topUp = (amount: number, customerOrderNo: string, cardId = 'CARD123456') => ({
	resource: 'card',
	operation: 'topUp',
	cardId,
	topUpAmount: amount,
	customerOrderNo,
});
const shareBlock = (cardId: string, customerOrderNo: string) => ({
	resource: 'card',
	operation: 'block',
	cardModel: 'sharebalance',
	cardId,
	customerOrderNo,
});
const limits = (maxAuthAmount: number, maxCreditAmount: number, customerOrderNo: string) => ({
	resource: 'card',
	operation: 'updateLimits',
	cardId: 'CARD789012',
	maxAuthAmount,
	totalLimit: 'limited',
	maxCreditAmount,
	customerOrderNo,
});
const standardCreate = (cardCurrency: string, customerOrderNo: string) => ({
	resource: 'card',
	operation: 'create',
	cardModel: 'standard',
	productCode: 'PROD001',
	cardCurrency,
	topUpAmount: 20,
	customerOrderNo,
});

describe.each(REVISIONS)('an order item is green only when proven, against API v%s', (revision) => {
	describe.each(DUPLICATE_REFUSALS)('a repeated number refused as %s', (duplicateRefusal) => {
		const box = useSimulatedCardepass({ revision, duplicateRefusal });
		const paidFromAccount = () => 100000 - box.sim.getBalance('USD');

		test('a top-up of 10 under a number used for 99 is a different order, and nothing is paid again', async () => {
			await box.engine.run(topUp(99, 'AMT-1'));
			const paid = paidFromAccount();
			const { items, error } = await box.engine.run(topUp(10, 'AMT-1'));
			expect(items).toEqual([]);
			expect(error?.message).toMatch(
				/^Customer Order No AMT-1 was already used for a different order \(order \S+\): the earlier order's amount was 99 \(this one: 10\)$/,
			);
			expect(error?.description).toMatch(/Give this order its own Customer Order No/);
			expect(box.sim.getOrders({ orderType: 'CardTopUp' })).toHaveLength(1);
			expect(paidFromAccount()).toBe(paid);
		});

		test('a top-up of 99 under a number used for 10 is a different order', async () => {
			await box.engine.run(topUp(10, 'AMT-2'));
			const { error } = await box.engine.run(topUp(99, 'AMT-2'));
			expect(error?.message).toMatch(/the earlier order's amount was 10 \(this one: 99\)$/);
			expect(box.sim.getOrders({ orderType: 'CardTopUp' })).toHaveLength(1);
		});

		test('the same top-up sent again comes back as the earlier order, paid once', async () => {
			await box.engine.run(topUp(10, 'AMT-3'));
			const paid = paidFromAccount();
			const again = await box.engine.run(topUp(10, 'AMT-3'));
			expect(again.error).toBeUndefined();
			expect(again.items).toEqual([
				expect.objectContaining({
					customerOrderNo: 'AMT-3',
					cardId: 'CARD123456',
					amount: 10,
					earlierOrder: true,
				}),
			]);
			expect(paidFromAccount()).toBe(paid);
		});

		test('a Share Balance block of card B under a number used for card A fails, naming both cards', async () => {
			await box.engine.run(shareBlock('CARD789012', 'SBB-1'));
			const { items, error } = await box.engine.run(shareBlock('CARD912345', 'SBB-1'));
			expect(items).toEqual([]);
			expect(error?.message).toMatch(
				/^Customer Order No SBB-1 was already used for a different order \(order \S+\): the earlier order was for the card ending 0122 \(this one: CARD912345, ending 3454\)$/,
			);
			expect(box.sim.getCard('CARD912345')?.status).toBe('Active');
			expect(box.sim.getOrders({ orderType: 'CardBlock' })).toHaveLength(1);
		});

		test('the same Share Balance block sent again is proven by the card number and comes back', async () => {
			await box.engine.run(shareBlock('CARD789012', 'SBB-2'));
			const again = await box.engine.run(shareBlock('CARD789012', 'SBB-2'));
			expect(again.error).toBeUndefined();
			expect(again.items).toEqual([
				expect.objectContaining({
					customerOrderNo: 'SBB-2',
					cardId: 'CARD789012',
					earlierOrder: true,
				}),
			]);
		});

		test('Update Limits retried with corrected limits under the same number fails, naming what the card holds', async () => {
			await box.engine.run(limits(100, 5000, 'LIM-C1'));
			const { items, error } = await box.engine.run(limits(200, 6000, 'LIM-C1'));
			expect(items).toEqual([]);
			expect(error?.message).toMatch(
				/^Customer Order No LIM-C1 was already used \(order \S+\), and Cardepass does not show enough of that order to prove it is this one; not confirmed: the card's max amount per payment is now 100 \(this one: 200\); the card's total limit is now 5000 \(this one: 6000\)$/,
			);
			expect(error?.description).toMatch(
				/If this is a new order, give this order its own Customer Order No\. If it is the same order, check it with Order → Get \(Customer Order No LIM-C1\)/,
			);
			expect(box.sim.getCard('CARD789012')).toMatchObject({
				maxAuthAmount: 100,
				maxCreditAmount: 5000,
			});
			expect(box.sim.getOrders({ orderType: 'CreditLimit' })).toHaveLength(1);
		});

		test('Update Limits sent again unchanged is confirmed by the card and comes back with its limits', async () => {
			await box.engine.run(limits(100, 5000, 'LIM-C2'));
			const again = await box.engine.run(limits(100, 5000, 'LIM-C2'));
			expect(again.error).toBeUndefined();
			expect(again.items).toEqual([
				expect.objectContaining({ maxAuthAmount: 100, maxCreditAmount: 5000, earlierOrder: true }),
			]);
		});

		test('a Create in EUR under a number used for a USD card fails: the earlier order does not show its currency', async () => {
			await box.engine.run(standardCreate('USD', 'CUR-2'));
			const { items, error } = await box.engine.run(standardCreate('EUR', 'CUR-2'));
			expect(items).toEqual([]);
			expect(error?.message).toMatch(
				/^Customer Order No CUR-2 was already used \(order \S+\), and Cardepass does not show enough of that order to prove it is this one; not confirmed: the currency$/,
			);
			expect(box.sim.getOrders({ orderType: 'ApplyCard' })).toHaveLength(1);
		});

		test('a Create sent again under its number is not green either: its currency cannot be proven', async () => {
			await box.engine.run(standardCreate('USD', 'CUR-3'));
			const { items, error } = await box.engine.run(standardCreate('USD', 'CUR-3'));
			expect(items).toEqual([]);
			expect(error?.message).toMatch(/not confirmed: the currency$/);
			expect(box.sim.getOrders({ orderType: 'ApplyCard' })).toHaveLength(1);
		});

		test('an earlier order that failed makes the item fail with its reason, and a new number is advised', async () => {
			box.sim.failNextOrder({ reason: 'Card issuer declined' });
			await box.engine.run(shareBlock('CARD789012', 'FAIL-1'));
			const { items, error } = await box.engine.run(shareBlock('CARD789012', 'FAIL-1'));
			expect(items).toEqual([]);
			expect(error?.message).toMatch(
				/^Customer Order No FAIL-1 was already used by an order that failed \(order \S+\): Card issuer declined$/,
			);
			expect(error?.description).toMatch(
				/To try the order again, give it a new Customer Order No on purpose/,
			);
			expect(box.sim.getOrders({ orderType: 'CardBlock' })).toHaveLength(1);
		});

		test('an earlier top-up that failed is not a success: no reason shown is said so', async () => {
			box.sim.failNextOrder({ reason: 'Card issuer declined' });
			await box.engine.run(topUp(10, 'FAIL-2'));
			const { items, error } = await box.engine.run(topUp(10, 'FAIL-2'));
			expect(items).toEqual([]);
			expect(error?.message).toMatch(
				/already used by an order that failed \(order \S+\): no reason given$/,
			);
		});

		test('a refusal with nothing under the number is reported as it came', async () => {
			box.sim.inject({
				match: { path: TOP_UP_PATH },
				kind: 'businessError',
				errorCode: '400',
				errorMessage: '余额不足',
				httpStatus: 400,
			});
			const { error } = await box.engine.run(topUp(10, 'REF-1'));
			expect(error).toMatchObject({ message: '余额不足', errorCode: '400', httpCode: '400' });
			expect(error?.responseId).toEqual(expect.any(String));
			expect(box.sim.apiRequests({ path: STANDARD_QUERY })).toHaveLength(1);
		});

		test.each([
			[
				'the query answers another Customer Order No',
				{ customerOrderNo: 'OTHER-9' },
				'an order of another Customer Order No (OTHER-9)',
			],
			[
				'the query answers another order type',
				{ orderType: 'CardWithdraw' },
				'an order of another type (CardWithdraw)',
			],
			['the query answers two orders', 'two', '2 orders'],
		])('%s: not the earlier order, the item fails', async (_case, change, said) => {
			await box.engine.run(topUp(10, 'Q-1'));
			const [found] = box.sim.getOrders({ customerOrderNo: 'Q-1' }) as IDataObject[];
			const record = {
				orderNo: found.orderNo,
				cardInfo: { cardId: 'CARD123456', cardAlias: null, maskedCardNumber: '****4567' },
				topUpAmount: 10,
				status: 'Completed',
				orderType: 'CardTopUp',
				customerOrderNo: 'Q-1',
			};
			const data =
				change === 'two'
					? [record, { ...record, orderNo: 'ORD2' }]
					: { ...record, ...(change as IDataObject) };
			box.sim.inject({
				match: { method: 'GET', path: STANDARD_QUERY },
				kind: 'status',
				status: 200,
				body: {
					responseId: 'r-1',
					hasError: false,
					errorCode: null,
					errorMessage: '操作成功',
					data,
				},
			});
			const { items, error } = await box.engine.run(topUp(10, 'Q-1'));
			expect(items).toEqual([]);
			expect(error?.message).toBe(
				`Cardepass answered the look-up of Customer Order No Q-1 with ${said}, so the node cannot tell which order is Customer Order No Q-1`,
			);
			expect(box.sim.getOrders({ orderType: 'CardTopUp' })).toHaveLength(1);
		});
	});

	describe('an order answer without an order', () => {
		const box = useSimulatedCardepass({ revision });

		test.each([
			['HTTP 200 with an empty body', 200, ''],
			['HTTP 202 with an empty body', 202, ''],
			[
				'data null',
				200,
				{
					responseId: 'r-2',
					hasError: false,
					errorCode: null,
					errorMessage: '操作成功',
					data: null,
				},
			],
			[
				'no orderNo',
				200,
				{
					responseId: 'r-3',
					hasError: false,
					errorCode: null,
					errorMessage: '操作成功',
					data: { status: 'Completed', topUpAmount: 10 },
				},
			],
			...[null, ''].map((orderNo) => [
				`orderNo ${JSON.stringify(orderNo)}`,
				200,
				{
					responseId: 'r-4',
					hasError: false,
					errorCode: null,
					errorMessage: '操作成功',
					data: { orderNo, status: 'Completed', topUpAmount: 10 },
				},
			]),
		] as Array<[string, number, unknown]>)(
			'%s: result unknown, with what was sent and how to check',
			async (_case, status, body) => {
				box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'status', status, body });
				const { items, error } = await box.engine.run(topUp(10, 'EMPTY-1'));
				expect(items).toEqual([]);
				expect(error?.message).toBe(
					'Cardepass answered a top-up (Standard card) with no order, so its result is unknown (Customer Order No EMPTY-1; sent: card CARD123456, amount 10)',
				);
				expect(error?.description).toMatch(
					/^Error code: RESULT_UNKNOWN\. Running it again with the same Customer Order No is safe.*Order → Get with Customer Order No EMPTY-1/,
				);
			},
		);
	});

	describe('a pending earlier order', () => {
		const box = useSimulatedCardepass({ revision, orderCompletion: { afterMs: 60000 } });

		test('stays pending, as a fresh order does', async () => {
			const first = await box.engine.run(topUp(10, 'PEND-1'));
			const again = await box.engine.run(topUp(10, 'PEND-1'));
			expect(again.error).toBeUndefined();
			expect(again.items[0]).toMatchObject({ status: first.items[0].status, earlierOrder: true });
			expect(again.items[0].status).toBe('Processing');
		});
	});

	describe('one output shape', () => {
		const box = useSimulatedCardepass({ revision });
		const withoutFlag = (item: IDataObject) => {
			const { earlierOrder: _flag, ...rest } = item;
			return rest;
		};

		test.each([
			['Top Up', topUp(10, 'SHAPE-1')],
			['Share Balance Block', shareBlock('CARD789012', 'SHAPE-2')],
			['Update Limits', limits(100, 5000, 'SHAPE-3')],
			[
				'Withdraw',
				{
					resource: 'card',
					operation: 'withdraw',
					cardId: 'CARD123456',
					withdrawAll: false,
					withdrawAmount: 5,
					customerOrderNo: 'SHAPE-4',
				},
			],
			[
				'Standard Block',
				{
					resource: 'card',
					operation: 'block',
					cardModel: 'standard',
					cardId: 'CARD123456',
					customerOrderNo: 'SHAPE-5',
				},
			],
		])(
			'%s: the same order found again shows every value the new order showed, and its card and currency',
			async (_case, parameters) => {
				const fresh = await box.engine.run(parameters);
				const again = await box.engine.run(parameters);
				expect(again.error).toBeUndefined();
				expect(fresh.items[0].earlierOrder).toBe(false);
				expect(again.items[0].earlierOrder).toBe(true);
				expect(Object.keys(again.items[0])).toEqual(Object.keys(fresh.items[0]));
				// Every value the new order's answer gave comes back the same; the order query may show more.
				const sent = Object.fromEntries(
					Object.entries(withoutFlag(fresh.items[0])).filter(([, value]) => value !== null),
				);
				expect(again.items[0]).toMatchObject(sent);
				expect(again.items[0]).toMatchObject({ currency: 'USD', cardId: parameters.cardId });
			},
		);

		test('Order → Get, simplified, shows a top-up as Top Up did', async () => {
			const fresh = await box.engine.run(topUp(10, 'SHAPE-6'));
			const read = await box.engine.run({
				resource: 'order',
				operation: 'get',
				cardModel: 'standard',
				orderType: 'CardTopUp',
				lookUpBy: 'customerOrderNo',
				customerOrderNo: 'SHAPE-6',
			});
			expect(read.error).toBeUndefined();
			expect(Object.keys(read.items[0])).toEqual(Object.keys(fresh.items[0]));
			expect(read.items[0]).toMatchObject({
				orderNo: fresh.items[0].orderNo,
				customerOrderNo: 'SHAPE-6',
				cardId: 'CARD123456',
				amount: 10,
				status: fresh.items[0].status,
			});
		});
	});
});
