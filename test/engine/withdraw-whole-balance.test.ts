/**
 * Withdraw: an amount typed by the user, or Whole Balance chosen explicitly, read from the card and sent as an
 * explicit amount. A repeat of a whole-balance withdrawal under its Customer Order No is the same order, however
 * the balance changed since.
 */
import type { IDataObject } from 'n8n-workflow';

import { seed } from '../simulator';
import { REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

const { SEED_CARD_IDS: CARDS } = seed;
const WITHDRAW_PATH = '/v1/orders/standard/withdraw';

const wholeBalance = (customerOrderNo: string, cardId: string = CARDS.standardUsd) => ({
	resource: 'card',
	operation: 'withdraw',
	cardId,
	withdrawMode: 'wholeBalance',
	customerOrderNo,
});

const withdrawBodies = (sim: { apiRequests: (f: object) => Array<{ body: unknown }> }) =>
	sim.apiRequests({ method: 'POST', path: WITHDRAW_PATH }).map((call) => call.body as IDataObject);

// The documents' example withdrawal shows withdrawFee 0: then the whole balance is what leaves the card.
describe.each(REVISIONS)('Withdraw → Whole Balance, against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision, withdrawFee: 0 });

	test("reads the card's balance and sends it as the amount; the output shows the amount Cardepass withdrew", async () => {
		const balance = box.sim.getCard(CARDS.standardUsd)!.balanceAmount;
		expect(balance).toBeGreaterThan(0);
		const { items, error } = await box.engine.run(wholeBalance('WB-1'));
		expect(error).toBeUndefined();
		expect(withdrawBodies(box.sim)).toEqual([
			{ cardId: CARDS.standardUsd, withdrawAmount: balance, customerOrderNo: 'WB-1' },
		]);
		expect(items).toEqual([
			expect.objectContaining({
				orderType: 'CardWithdraw',
				customerOrderNo: 'WB-1',
				amount: balance,
				earlierOrder: false,
			}),
		]);
		expect(box.sim.getCard(CARDS.standardUsd)!.balanceAmount).toBe(0);
		// Nothing of the card but its balance reaches the output.
		expect(JSON.stringify(items)).not.toMatch(/cvv|"cardNumber"/i);
	});

	test('on an empty card it is refused before a withdrawal is sent', async () => {
		await box.engine.run(wholeBalance('WB-EMPTY-1'));
		const { items, error } = await box.engine.run(wholeBalance('WB-EMPTY-2'));
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Card ${CARDS.standardUsd} holds nothing to withdraw: its balance is 0`,
		);
		expect(error?.description).toMatch(/^Nothing was sent to Cardepass\. /);
		expect(withdrawBodies(box.sim).map((body) => body.customerOrderNo)).toEqual(['WB-EMPTY-1']);
		expect(box.sim.getOrders({ customerOrderNo: 'WB-EMPTY-2' })).toHaveLength(0);
	});

	test('run again with the same Customer Order No after it emptied the card: the earlier withdrawal, nothing sent', async () => {
		const first = await box.engine.run(wholeBalance('WB-AGAIN'));
		const again = await box.engine.run(wholeBalance('WB-AGAIN'));
		expect(again.error).toBeUndefined();
		expect(again.items).toEqual([
			expect.objectContaining({
				customerOrderNo: 'WB-AGAIN',
				amount: first.items[0].amount,
				earlierOrder: true,
			}),
		]);
		expect(withdrawBodies(box.sim)).toHaveLength(1);
		expect(box.sim.getOrders({ orderType: 'CardWithdraw' })).toHaveLength(1);
	});

	test("an emptied card whose Customer Order No belongs to another card's withdrawal is refused", async () => {
		await box.engine.run(wholeBalance('WB-OTHER', CARDS.standardEur));
		await box.engine.run({
			...wholeBalance('WB-EMPTY'),
			withdrawMode: 'amount',
			withdrawAmount: box.sim.getCard(CARDS.standardUsd)!.balanceAmount,
		});
		const { error } = await box.engine.run(wholeBalance('WB-OTHER'));
		expect(error?.message).toBe(
			`Card ${CARDS.standardUsd} holds nothing to withdraw: its balance is 0`,
		);
		expect(box.sim.getOrders({ customerOrderNo: 'WB-OTHER' })).toHaveLength(1);
	});

	test('a Retry of the failed execution after the balance changed sends what it sent first, and is the same order', async () => {
		const balance = box.sim.getCard(CARDS.standardUsd)!.balanceAmount;
		// The second item's card is blocked: the execution fails after the first card was emptied.
		const failed = await box.engine.run(
			{ ...wholeBalance('={{ $json.ref }}'), cardId: '={{ $json.card }}' },
			[
				{ ref: 'WB-RETRY-1', card: CARDS.standardUsd },
				{ ref: 'WB-RETRY-2', card: CARDS.standardBlocked },
			],
		);
		expect(failed.error?.description).toMatch(/CARD_STATUS_INVALID/);
		const unblock = await box.engine.run({
			resource: 'card',
			operation: 'unblock',
			cardId: CARDS.standardBlocked,
			cardModel: 'standard',
			customerOrderNo: 'WB-RETRY-UNBLOCK',
		});
		expect(unblock.error).toBeUndefined();
		expect(box.sim.getCard(CARDS.standardUsd)!.balanceAmount).toBe(0);
		// The card is topped up before the Retry: today's balance is another amount.
		const topUp = await box.engine.run({
			resource: 'card',
			operation: 'topUp',
			cardId: CARDS.standardUsd,
			topUpAmount: 30,
			customerOrderNo: 'WB-RETRY-TOPUP',
		});
		expect(topUp.error).toBeUndefined();

		const retried = await box.engine.retry(failed);
		expect(retried.error).toBeUndefined();
		expect(retried.items).toEqual([
			expect.objectContaining({
				customerOrderNo: 'WB-RETRY-1',
				amount: balance,
				earlierOrder: true,
			}),
			expect.objectContaining({ customerOrderNo: 'WB-RETRY-2', earlierOrder: false }),
		]);
		expect(
			withdrawBodies(box.sim)
				.filter((body) => body.customerOrderNo === 'WB-RETRY-1')
				.map((body) => body.withdrawAmount),
		).toEqual([balance, balance]);
		expect(box.sim.getOrders({ customerOrderNo: 'WB-RETRY-1' })).toHaveLength(1);
		expect(box.sim.getCard(CARDS.standardUsd)!.balanceAmount).toBe(30);
	});
});

describe.each(REVISIONS)(
	'Withdraw → Whole Balance where Cardepass takes the fee from the card, against API v%s',
	(revision) => {
		const box = useSimulatedCardepass({ revision });

		test('Cardepass refuses the whole balance: the error says why and what to do instead', async () => {
			const balance = box.sim.getCard(CARDS.standardUsd)!.balanceAmount;
			const { error } = await box.engine.run(wholeBalance('WB-FEE'));
			expect(withdrawBodies(box.sim)).toEqual([
				{ cardId: CARDS.standardUsd, withdrawAmount: balance, customerOrderNo: 'WB-FEE' },
			]);
			expect(error?.description).toMatch(
				/Cardepass takes its withdrawal fee from the card on top of it\. Nothing was withdrawn: set Withdraw to Amount and give the balance minus the fee\.$/,
			);
			expect(box.sim.getCard(CARDS.standardUsd)!.balanceAmount).toBe(balance);
		});
	},
);

describe('Withdraw in the editor: an amount, or Whole Balance chosen explicitly', () => {
	const box = useSimulatedCardepass({ revision: '1.4' });

	test('Withdraw starts at Amount, and Withdraw Amount is required while it is shown', () => {
		const properties = box.engine.description.properties.filter((p) =>
			p.displayOptions?.show?.operation?.includes('withdraw'),
		);
		const mode = properties.find((p) => p.name === 'withdrawMode');
		expect(mode).toMatchObject({
			displayName: 'Withdraw',
			default: 'amount',
			noDataExpression: true,
		});
		expect(mode?.options).toEqual([
			expect.objectContaining({ name: 'Amount', value: 'amount' }),
			expect.objectContaining({ name: 'Whole Balance', value: 'wholeBalance' }),
		]);
		const amount = properties.find((p) => p.name === 'withdrawAmount');
		expect(amount).toMatchObject({ required: true, default: '' });
		expect(amount?.displayOptions?.show?.withdrawMode).toEqual(['amount']);
		expect(properties.some((p) => p.name === 'withdrawAll')).toBe(false);
	});

	test('a Withdraw Balance node with no amount and nothing chosen does not run: nothing is withdrawn', async () => {
		await expect(
			box.engine.run({
				resource: 'card',
				operation: 'withdraw',
				cardId: CARDS.standardUsd,
				customerOrderNo: 'WD-NOTHING',
			}),
		).rejects.toThrow(/workflow has issues/);
		expect(box.sim.requests).toEqual([]);
	});
});
