import { seed } from '../simulator';
import {
	apiCalls,
	orderCalls,
	REVISIONS,
	useSimulatedCardepass,
} from '../helpers/simulatedCardepass';

const { SEED_CARD_IDS: CARDS } = seed;

describe.each(REVISIONS)('Card operations against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision });

	test('Create (Standard) sends the apply order and outputs the order with the new card', async () => {
		const { items, error } = await box.engine.run({
			resource: 'card',
			operation: 'create',
			cardModel: 'standard',
			productCode: 'PROD001',
			cardCurrency: 'USD',
			topUpAmount: 100,
			customerOrderNo: 'INV-1001',
			additionalFields: { cardAlias: 'Ads team' },
		});
		expect(error).toBeUndefined();
		expect(orderCalls(box.sim)).toEqual([
			{
				method: 'POST',
				path: '/v1/orders/standard/apply',
				query: {},
				body: {
					productCode: 'PROD001',
					cardCurrency: 'USD',
					topUpAmount: 100,
					cardAlias: 'Ads team',
					customerOrderNo: 'INV-1001',
				},
			},
		]);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			customerOrderNo: 'INV-1001',
			status: 'Completed',
			amount: 100,
			fee: 5,
			totalAmount: 105,
			currency: 'USD',
			orderType: 'ApplyCard',
		});
		const newCardId = items[0].cardId as string;
		expect(box.sim.getCard(newCardId)!).toMatchObject({
			cardModel: 'Standard',
			alias: 'Ads team',
			balanceAmount: 100,
		});
		expect(box.sim.getBalance('USD')).toBe(100000 - 105);
	});

	test('Create (Share Balance) sends the limits; "No Total Limit" leaves maxCreditAmount out', async () => {
		const { items, error } = await box.engine.run({
			resource: 'card',
			operation: 'create',
			cardModel: 'sharebalance',
			productCode: 'PROD001',
			cardCurrency: 'USD',
			maxAuthAmount: 250,
			totalLimit: 'limited',
			maxCreditAmount: 5000,
			customerOrderNo: 'SB-1',
		});
		expect(error).toBeUndefined();
		expect(orderCalls(box.sim)[0]).toEqual({
			method: 'POST',
			path: '/v1/orders/sharebalance/apply',
			query: {},
			body: {
				productCode: 'PROD001',
				cardCurrency: 'USD',
				maxAuthAmount: 250,
				maxCreditAmount: 5000,
				customerOrderNo: 'SB-1',
			},
		});
		expect(items[0]).toMatchObject({
			customerOrderNo: 'SB-1',
			maxAuthAmount: 250,
			maxCreditAmount: 5000,
		});

		box.sim.clearRequests();
		const unlimited = await box.engine.run({
			resource: 'card',
			operation: 'create',
			cardModel: 'sharebalance',
			productCode: 'PROD001',
			cardCurrency: 'USD',
			maxAuthAmount: 250,
			totalLimit: 'unlimited',
			maxCreditAmount: 5000,
			customerOrderNo: 'SB-2',
		});
		expect(
			(orderCalls(box.sim)[0].body as Record<string, unknown>).maxCreditAmount,
		).toBeUndefined();
		if (revision === '1.0') {
			expect(unlimited.error).toBeUndefined();
			expect(unlimited.items[0]).toMatchObject({ customerOrderNo: 'SB-2', maxCreditAmount: null });
		} else {
			expect(unlimited.error?.message).toMatch(/maxCreditAmount/);
			expect(unlimited.error?.description).toMatch(/Set a Total Limit/);
		}
	});

	test('Get masks the card number and CVV unless Reveal Card Number and CVV is on', async () => {
		const full = box.sim.getCard(CARDS.standardUsd)!;
		const masked = await box.engine.run({
			resource: 'card',
			operation: 'get',
			cardId: ` ${CARDS.standardUsd} `,
		});
		expect(apiCalls(box.sim)).toEqual([
			{ method: 'GET', path: `/v1/cards/${CARDS.standardUsd}`, query: {}, body: undefined },
		]);
		expect(masked.items).toEqual([
			expect.objectContaining({
				cardId: CARDS.standardUsd,
				cardNumber: `${full.cardNumber.slice(0, 6)}******${full.cardNumber.slice(-4)}`,
				cvv: '***',
				balanceAmount: full.balanceAmount,
				status: 'Active',
			}),
		]);
		const revealed = await box.engine.run({
			resource: 'card',
			operation: 'get',
			cardId: CARDS.standardUsd,
			revealCardData: true,
		});
		expect(revealed.items[0]).toMatchObject({ cardNumber: full.cardNumber, cvv: full.cvv });
	});

	test('Get called by an AI agent (the tool variant) stays masked even with Reveal on', async () => {
		const full = box.sim.getCard(CARDS.standardUsd)!;
		const { items } = await box.engine.run(
			{ resource: 'card', operation: 'get', cardId: CARDS.standardUsd, revealCardData: true },
			[{}],
			{ type: 'n8n-nodes-cardepass.cardepassTool' },
		);
		expect(items[0].cardNumber).not.toBe(full.cardNumber);
		expect(items[0].cvv).toBe('***');
	});

	test('Top Up sends cardId, amount and Customer Order No, and the card balance grows', async () => {
		const before = box.sim.getCard(CARDS.standardUsd)!.balanceAmount;
		const { items, error } = await box.engine.run({
			resource: 'card',
			operation: 'topUp',
			cardId: CARDS.standardUsd,
			topUpAmount: 25.5,
			customerOrderNo: 'TOP-1',
		});
		expect(error).toBeUndefined();
		expect(orderCalls(box.sim)).toEqual([
			{
				method: 'POST',
				path: '/v1/orders/standard/topup',
				query: {},
				body: { cardId: CARDS.standardUsd, topUpAmount: 25.5, customerOrderNo: 'TOP-1' },
			},
		]);
		expect(items[0]).toMatchObject({ customerOrderNo: 'TOP-1', status: 'Completed' });
		expect(box.sim.getCard(CARDS.standardUsd)!.balanceAmount).toBeCloseTo(before + 25.5, 2);
	});

	test('Withdraw Balance sends the amount given, and outputs the amount Cardepass withdrew', async () => {
		const { items } = await box.engine.run({
			resource: 'card',
			operation: 'withdraw',
			cardId: CARDS.standardEur,
			withdrawAmount: 50,
			customerOrderNo: 'WD-50',
		});
		expect(orderCalls(box.sim)[0].body).toEqual({
			cardId: CARDS.standardEur,
			withdrawAmount: 50,
			customerOrderNo: 'WD-50',
		});
		expect(items[0]).toMatchObject({
			amount: 50,
			customerOrderNo: 'WD-50',
			orderType: 'CardWithdraw',
		});
	});

	test('Update Limits sends the new limits of a share-balance card', async () => {
		const { items, error } = await box.engine.run({
			resource: 'card',
			operation: 'updateLimits',
			cardId: CARDS.shareUsd,
			maxAuthAmount: 800,
			totalLimit: 'limited',
			maxCreditAmount: 20000,
			customerOrderNo: 'LIM-1',
		});
		expect(error).toBeUndefined();
		expect(orderCalls(box.sim)).toEqual([
			{
				method: 'POST',
				path: '/v1/orders/sharebalance/creditLimit',
				query: {},
				body: {
					cardId: CARDS.shareUsd,
					maxAuthAmount: 800,
					maxCreditAmount: 20000,
					customerOrderNo: 'LIM-1',
				},
			},
		]);
		expect(items[0]).toMatchObject({
			cardId: CARDS.shareUsd,
			maxAuthAmount: 800,
			maxCreditAmount: 20000,
		});
		expect(box.sim.getCard(CARDS.shareUsd)!).toMatchObject({
			maxAuthAmount: 800,
			maxCreditAmount: 20000,
		});
	});

	test.each([
		['block', 'standard', CARDS.standardUsd, 'Blocked'],
		['unblock', 'standard', CARDS.standardBlocked, 'Active'],
		['cancel', 'standard', CARDS.standardEur, 'Cancel'],
		['block', 'sharebalance', CARDS.shareUsd, 'Blocked'],
		['unblock', 'sharebalance', CARDS.shareBlocked, 'Active'],
		['cancel', 'sharebalance', CARDS.shareEur, 'Cancel'],
	])(
		"%s (%s) of %s posts to that model's endpoint and the card becomes %s",
		async (operation, cardModel, cardId, status) => {
			const { items, error } = await box.engine.run({
				resource: 'card',
				operation,
				cardModel,
				cardId,
				customerOrderNo: `${operation}-${cardModel}`,
			});
			expect(error).toBeUndefined();
			expect(orderCalls(box.sim)).toEqual([
				{
					method: 'POST',
					path: `/v1/orders/${cardModel}/${operation}`,
					query: {},
					body: { cardId, customerOrderNo: `${operation}-${cardModel}` },
				},
			]);
			expect(items[0]).toMatchObject({ customerOrderNo: `${operation}-${cardModel}` });
			expect(box.sim.getCard(cardId)!.status).toBe(status);
		},
	);
});
