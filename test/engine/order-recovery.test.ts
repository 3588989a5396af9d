/**
 * A Customer Order No used before: the provider's DUPLICATE_ORDER on any HTTP status, and the earlier order
 * compared against what the documents show of it. A new number is advised only when a shown field differs.
 */
import type { IDataObject } from 'n8n-workflow';

import { shareBalanceCardCreate } from '../helpers/orderParameters';
import {
	DUPLICATE_REFUSALS,
	REVISIONS,
	useSimulatedCardepass,
} from '../helpers/simulatedCardepass';

const TOP_UP_PATH = '/v1/orders/standard/topup';
const topUp = (extra: IDataObject = {}) => ({
	resource: 'card',
	operation: 'topUp',
	cardId: 'CARD123456',
	topUpAmount: '={{ $json.amount }}',
	customerOrderNo: '={{ $json.invoiceId }}',
	...extra,
});

describe.each(REVISIONS)(
	'DUPLICATE_ORDER and ORDER_NOT_FOUND on an HTTP error status, against API v%s',
	(revision) => {
		describe.each([400, 409] as const)('duplicates answered with HTTP %i', (status) => {
			const box = useSimulatedCardepass({ revision, duplicateOrderStatus: status });

			test('the same order sent again comes back as the earlier order, paid once', async () => {
				await box.engine.run(topUp(), [{ amount: 10, invoiceId: 'INV-1' }]);
				const again = await box.engine.run(topUp(), [{ amount: 10, invoiceId: 'INV-1' }]);
				expect(again.error).toBeUndefined();
				expect(again.items).toEqual([
					expect.objectContaining({ customerOrderNo: 'INV-1', earlierOrder: true }),
				]);
				expect(box.sim.getOrders({ orderType: 'CardTopUp' })).toHaveLength(1);
				// The duplicate answer was not mistaken for a temporary failure and sent again.
				expect(box.sim.apiRequests({ path: TOP_UP_PATH })).toHaveLength(2);
			});

			test('Retry of a failed execution with numbers from the data returns the two earlier orders and makes the third', async () => {
				box.sim.state.accounts.USD = 30;
				const rows = [
					{ amount: 10, invoiceId: 'R-1' },
					{ amount: 11, invoiceId: 'R-2' },
					{ amount: 500, invoiceId: 'R-3' },
				];
				const failed = await box.engine.run(topUp(), rows);
				expect(failed.error).toBeDefined();
				box.sim.state.accounts.USD = 100000;
				const retried = await box.engine.retry(failed);
				expect(retried.error).toBeUndefined();
				expect(
					retried.items.map((item) => [item.customerOrderNo, item.earlierOrder ?? false]),
				).toEqual([
					['R-1', true],
					['R-2', true],
					['R-3', false],
				]);
				expect(box.sim.getOrders({ orderType: 'CardTopUp' })).toHaveLength(3);
			});
		});

		describe('ORDER_NOT_FOUND answered with HTTP 404 while waiting for completion', () => {
			const box = useSimulatedCardepass({ revision, orderCompletion: { afterMs: 300 } });

			test('the order that was placed is followed to its end, not reported as failed', async () => {
				box.sim.inject({
					match: { method: 'GET', path: '/v1/orders/standard' },
					kind: 'businessError',
					errorCode: 'ORDER_NOT_FOUND',
					httpStatus: 404,
				});
				const { items, error } = await box.engine.run(
					topUp({ options: { waitForCompletion: true } }),
					[{ amount: 10, invoiceId: 'W-404' }],
				);
				expect(error).toBeUndefined();
				expect(items).toEqual([
					expect.objectContaining({ customerOrderNo: 'W-404', status: 'Completed' }),
				]);
				expect(box.sim.getOrders({ orderType: 'CardTopUp' })).toHaveLength(1);
			});
		});
	},
);

describe.each(REVISIONS)(
	'an earlier order in the documented shapes, against API v%s',
	(revision) => {
		describe.each(DUPLICATE_REFUSALS)('a repeat refused as %s', (duplicateRefusal) => {
			const box = useSimulatedCardepass({ revision, duplicateRefusal });

			test('Share Balance block sent again: the query shows no card ID, the card number proves the card', async () => {
				const block = {
					resource: 'card',
					operation: 'block',
					cardModel: 'sharebalance',
					cardId: 'CARD789012',
					customerOrderNo: 'SB-1',
				};
				await box.engine.run(block);
				const again = await box.engine.run(block);
				expect(again.error).toBeUndefined();
				expect(again.items).toEqual([
					expect.objectContaining({
						customerOrderNo: 'SB-1',
						cardId: 'CARD789012',
						earlierOrder: true,
					}),
				]);
				expect(again.items[0]).not.toHaveProperty('unverified');
				expect(box.sim.getOrders({ orderType: 'CardBlock' })).toHaveLength(1);
			});

			test('Share Balance card issued again under its number: one card, one fee, the item fails naming what the order does not show', async () => {
				const create = shareBalanceCardCreate('SB-NEW-1');
				await box.engine.run(create);
				const balanceAfterFirst = box.sim.getBalance('USD');
				const again = await box.engine.run(create);
				expect(again.items).toEqual([]);
				expect(again.error?.message).toMatch(
					/not confirmed: the product; the currency; the max amount per payment; the total limit$/,
				);
				expect(box.sim.getOrders({ orderType: 'ApplyCard' })).toHaveLength(1);
				expect(box.sim.getBalance('USD')).toBe(balanceAfterFirst);
			});

			test('Standard card issued again: the amount is compared first, the currency (not shown) is never taken as equal', async () => {
				const create = {
					resource: 'card',
					operation: 'create',
					cardModel: 'standard',
					productCode: 'PROD001',
					cardCurrency: 'USD',
					topUpAmount: 20,
					customerOrderNo: 'ST-NEW-1',
				};
				await box.engine.run(create);
				const again = await box.engine.run(create);
				expect(again.error?.message).toMatch(/not confirmed: the currency$/);
				const other = await box.engine.run({ ...create, topUpAmount: 30 });
				expect(other.error?.message).toMatch(
					/already used for a different order \(order \S+\): the earlier order's amount was 20 \(this one: 30\)$/,
				);
				expect(box.sim.getOrders({ orderType: 'ApplyCard' })).toHaveLength(1);
			});

			test('a number Cardepass says was used, with no order under it anywhere: no new number is advised', async () => {
				box.sim.inject({
					match: { path: TOP_UP_PATH },
					kind: 'businessError',
					errorCode: 'DUPLICATE_ORDER',
				});
				const { error } = await box.engine.run(topUp(), [{ amount: 10, invoiceId: 'GHOST-1' }]);
				expect(error?.message).toBe(
					'Cardepass says Customer Order No GHOST-1 was already used, but no order under it can be found',
				);
				expect(error?.description).toMatch(/before sending it under another number/);
				expect(error?.description).not.toMatch(/Give this order its own Customer Order No/);
			});
		});
	},
);

describe('an earlier order in a richer shape than the documents show (orderViews extended), against API v1.0', () => {
	const box = useSimulatedCardepass({ revision: '1.0', orderViews: 'extended' });

	test('EUR against an earlier USD card is a different order', async () => {
		const create = {
			resource: 'card',
			operation: 'create',
			cardModel: 'standard',
			productCode: 'PROD001',
			cardCurrency: 'USD',
			topUpAmount: 20,
			customerOrderNo: 'CUR-1',
		};
		await box.engine.run(create);
		const { error } = await box.engine.run({ ...create, cardCurrency: 'EUR' });
		expect(error?.message).toMatch(/the earlier order's currency was USD \(this one: EUR\)$/);
		expect(box.sim.getOrders({ orderType: 'ApplyCard' })).toHaveLength(1);
	});

	test('a total limit of 5000 against an earlier order that set none is a different order', async () => {
		const limits = {
			resource: 'card',
			operation: 'updateLimits',
			cardId: 'CARD789012',
			maxAuthAmount: 100,
			totalLimit: 'unlimited',
			customerOrderNo: 'LIM-2',
		};
		await box.engine.run(limits);
		const { items, error } = await box.engine.run({
			...limits,
			totalLimit: 'limited',
			maxCreditAmount: 5000,
		});
		expect(items).toEqual([]);
		expect(error?.message).toMatch(
			/already used for a different order \(order \S+\): the earlier order set no total limit \(this one: 5000\)$/,
		);
		expect(box.sim.getOrders({ orderType: 'CreditLimit' })).toHaveLength(1);
	});

	test('No Total Limit against an earlier total limit of 5000 is a different order', async () => {
		const limits = {
			resource: 'card',
			operation: 'updateLimits',
			cardId: 'CARD789012',
			maxAuthAmount: 100,
			totalLimit: 'limited',
			maxCreditAmount: 5000,
			customerOrderNo: 'LIM-1',
		};
		await box.engine.run(limits);
		const { error } = await box.engine.run({ ...limits, totalLimit: 'unlimited' });
		expect(error?.message).toMatch(
			/the earlier order set a total limit of 5000 \(this one sets none\)$/,
		);
		const same = await box.engine.run(limits);
		expect(same.items[0]).toMatchObject({ earlierOrder: true, maxCreditAmount: 5000 });
		expect(box.sim.getOrders({ orderType: 'CreditLimit' })).toHaveLength(1);
	});
});
