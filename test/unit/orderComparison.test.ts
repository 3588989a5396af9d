/**
 * The rules that decide whether an earlier order under the same Customer Order No is this item's order
 * (shared/orderComparison.ts), one rule per test, with the sentences the user reads in the item's error.
 * The engine tests (order-proof, order-recovery) run the same rules through n8n; these pin each branch.
 */
import {
	compareOrder,
	confirmWithCard,
	describeSent,
	describeUnconfirmed,
} from '../../dist/nodes/Cardepass/shared/orderComparison';

describe('describeSent: what an item sent, in words', () => {
	test('names each field set, in the order given, and leaves out empty ones', () => {
		expect(
			describeSent({ cardId: 'CARD1', topUpAmount: 10, withdrawAmount: '', maxAuthAmount: null }, [
				'cardId',
				'topUpAmount',
				'withdrawAmount',
				'maxAuthAmount',
				'maxCreditAmount',
			]),
		).toBe('card CARD1, amount 10');
	});

	test('a zero amount is sent, so it is named', () => {
		expect(describeSent({ withdrawAmount: 0 }, ['withdrawAmount'])).toBe('amount withdrawn 0');
	});

	test('every field has its words', () => {
		expect(
			describeSent(
				{
					cardId: 'C',
					productCode: 'P',
					cardCurrency: 'USD',
					topUpAmount: 1,
					withdrawAmount: 2,
					maxAuthAmount: 3,
					maxCreditAmount: 4,
				},
				[
					'cardId',
					'productCode',
					'cardCurrency',
					'topUpAmount',
					'withdrawAmount',
					'maxAuthAmount',
					'maxCreditAmount',
				],
			),
		).toBe(
			'card C, product P, currency USD, amount 1, amount withdrawn 2, max amount per payment 3, total limit 4',
		);
	});
});

describe('compareOrder: an earlier order against what this item asks', () => {
	test('every field shown and equal: no difference, nothing unconfirmed', () => {
		expect(
			compareOrder({ cardId: 'CARD1', topUpAmount: 10 }, { cardId: 'CARD1', topUpAmount: 10 }, [
				'cardId',
				'topUpAmount',
			]),
		).toEqual({ differences: [], unconfirmed: [] });
	});

	test('a number and its written form are the same amount; another number is not', () => {
		expect(
			compareOrder({ topUpAmount: '10.50' }, { topUpAmount: 10.5 }, ['topUpAmount']).differences,
		).toEqual([]);
		expect(
			compareOrder({ topUpAmount: 10 }, { topUpAmount: '10' }, ['topUpAmount']).differences,
		).toEqual([]);
		expect(compareOrder({ topUpAmount: 10 }, { topUpAmount: 99 }, ['topUpAmount'])).toEqual({
			differences: ["the earlier order's amount was 99 (this one: 10)"],
			unconfirmed: [],
		});
	});

	test('an amount asked as a number equals the same amount written as text, trailing zeros and all', () => {
		expect(
			compareOrder({ topUpAmount: 10 }, { topUpAmount: '10.00' }, ['topUpAmount']).differences,
		).toEqual([]);
	});

	test('a lower amount is a different order as much as a higher one', () => {
		expect(
			compareOrder({ topUpAmount: 99 }, { topUpAmount: 10 }, ['topUpAmount']).differences,
		).toEqual(["the earlier order's amount was 10 (this one: 99)"]);
	});

	test('text is compared as written: another card ID is a difference', () => {
		expect(compareOrder({ cardId: 'CARD1' }, { cardId: 'CARD2' }, ['cardId']).differences).toEqual([
			"the earlier order's card was CARD2 (this one: CARD1)",
		]);
	});

	test('a field read from each place the documents put it', () => {
		const asked = { cardId: 'C', productCode: 'P', cardCurrency: 'EUR', topUpAmount: 5 };
		const fields = ['cardId', 'productCode', 'cardCurrency', 'topUpAmount'] as const;
		const shapes = [
			{
				cardInfo: { cardId: 'C' },
				productInfo: { productCode: 'P', cardCurrency: 'EUR' },
				topUpAmount: 5,
			},
			{ cardId: 'C', productCode: 'P', cardCurrency: 'EUR', totalTopUpAmount: 5 },
			{ cardId: 'C', productCode: 'P', cardInfo: { cardCurrency: 'EUR' }, topUpAmount: 5 },
			{ cardId: 'C', productCode: 'P', cardInfos: [{ cardCurrency: 'EUR' }], topUpAmount: 5 },
		];
		for (const shape of shapes)
			expect(compareOrder(asked, shape, [...fields])).toEqual({ differences: [], unconfirmed: [] });
		// The same places, each holding another value.
		expect(
			compareOrder(
				asked,
				{ cardInfos: [{ cardCurrency: 'USD' }], cardId: 'C', productCode: 'P', topUpAmount: 5 },
				[...fields],
			).differences,
		).toEqual(["the earlier order's currency was USD (this one: EUR)"]);
		expect(
			compareOrder(
				asked,
				{ cardInfo: { cardId: 'X' }, productCode: 'P', cardCurrency: 'EUR', topUpAmount: 5 },
				[...fields],
			).differences,
		).toEqual(["the earlier order's card was X (this one: C)"]);
	});

	test('withdrawal amounts and limits are read where the order shows them', () => {
		const fields = ['withdrawAmount', 'maxAuthAmount', 'maxCreditAmount'] as const;
		const asked = { withdrawAmount: 5, maxAuthAmount: 100, maxCreditAmount: 1000 };
		expect(
			compareOrder(asked, { withdrawAmount: 5, maxAuthAmount: 100, maxCreditAmount: 1000 }, [
				...fields,
			]),
		).toEqual({ differences: [], unconfirmed: [] });
		expect(
			compareOrder(asked, { withdrawAmount: 6, maxAuthAmount: 200, maxCreditAmount: 900 }, [
				...fields,
			]).differences,
		).toEqual([
			"the earlier order's amount withdrawn was 6 (this one: 5)",
			"the earlier order's max amount per payment was 200 (this one: 100)",
			"the earlier order's total limit was 900 (this one: 1000)",
		]);
	});

	test('the first place that holds the field wins, even when a later one would agree', () => {
		expect(
			compareOrder(
				{ cardCurrency: 'EUR' },
				{ productInfo: { cardCurrency: 'USD' }, cardCurrency: 'EUR' },
				['cardCurrency'],
			).differences,
		).toEqual(["the earlier order's currency was USD (this one: EUR)"]);
	});

	test('a field the earlier order does not show is unconfirmed, never equal', () => {
		expect(
			compareOrder({ cardId: 'C', cardCurrency: 'EUR' }, { cardId: 'C' }, [
				'cardId',
				'cardCurrency',
			]),
		).toEqual({
			differences: [],
			unconfirmed: [{ field: 'cardCurrency' }],
		});
		// A path through a value that is not an object shows nothing.
		expect(
			compareOrder({ cardCurrency: 'EUR' }, { productInfo: 'none', cardInfo: null, cardInfos: 7 }, [
				'cardCurrency',
			]).unconfirmed,
		).toEqual([{ field: 'cardCurrency' }]);
	});

	test('a field the earlier order shows empty is a difference: "set no"', () => {
		for (const empty of [null, ''])
			expect(
				compareOrder({ maxCreditAmount: 1000 }, { maxCreditAmount: empty }, ['maxCreditAmount']),
			).toEqual({
				differences: ['the earlier order set no total limit (this one: 1000)'],
				unconfirmed: [],
			});
	});

	test('a field this item leaves empty is not compared, unless empty means "none" on purpose', () => {
		for (const empty of [undefined, null, ''])
			expect(
				compareOrder({ maxCreditAmount: empty }, { maxCreditAmount: 500 }, ['maxCreditAmount']),
			).toEqual({ differences: [], unconfirmed: [] });
	});

	test('"none" on purpose: the earlier order must show none too', () => {
		const fields = ['maxCreditAmount'] as const;
		const unset = ['maxCreditAmount'] as const;
		expect(compareOrder({}, { maxCreditAmount: 500 }, [...fields], [...unset])).toEqual({
			differences: ['the earlier order set a total limit of 500 (this one sets none)'],
			unconfirmed: [],
		});
		for (const none of [null, ''])
			expect(compareOrder({}, { maxCreditAmount: none }, [...fields], [...unset])).toEqual({
				differences: [],
				unconfirmed: [],
			});
		expect(compareOrder({}, {}, [...fields], [...unset])).toEqual({
			differences: [],
			unconfirmed: [{ field: 'maxCreditAmount' }],
		});
	});

	test('only the fields asked about are compared', () => {
		expect(
			compareOrder({ cardId: 'C', topUpAmount: 1 }, { cardId: 'C', topUpAmount: 2 }, ['cardId']),
		).toEqual({ differences: [], unconfirmed: [] });
	});

	test('several differences and unconfirmed fields are all reported, in field order', () => {
		expect(
			compareOrder(
				{ cardId: 'C', productCode: 'P', cardCurrency: 'EUR', topUpAmount: 5 },
				{ cardId: 'D', topUpAmount: 6 },
				['cardId', 'productCode', 'cardCurrency', 'topUpAmount'],
			),
		).toEqual({
			differences: [
				"the earlier order's card was D (this one: C)",
				"the earlier order's amount was 6 (this one: 5)",
			],
			unconfirmed: [{ field: 'productCode' }, { field: 'cardCurrency' }],
		});
	});
});

describe('confirmWithCard: what the card shows settles what the order did not', () => {
	const cardUnconfirmed = { differences: [], unconfirmed: [{ field: 'cardId' as const }] };
	const card = {
		cardId: 'CARD789012',
		cardNumber: '5300001234567890',
		maxAuthAmount: 100,
		maxCreditAmount: 1000,
	};

	test('no card read: the comparison stays as it was', () => {
		const comparison = { differences: ['x'], unconfirmed: [{ field: 'cardId' as const }] };
		expect(confirmWithCard(comparison, {}, {}, undefined)).toBe(comparison);
	});

	test.each([
		['cardInfo.cardNo', { cardInfo: { cardNo: '5300001234567890' } }],
		['cardInfo.cardNumber', { cardInfo: { cardNumber: '5300001234567890' } }],
		['cardNo', { cardNo: '5300001234567890' }],
		['cardNumber', { cardNumber: '5300001234567890' }],
	])('the whole card number in %s proves the card', (_where, earlier) => {
		expect(confirmWithCard(cardUnconfirmed, { cardId: 'CARD789012' }, earlier, card)).toEqual({
			differences: [],
			unconfirmed: [],
		});
	});

	test('a whole number of another card with the same last four proves nothing', () => {
		expect(
			confirmWithCard(
				cardUnconfirmed,
				{ cardId: 'CARD789012' },
				{ cardNumber: '4111111234567890' },
				card,
			),
		).toEqual(cardUnconfirmed);
	});

	test('a card number field that does not hold 12 to 19 digits proves and disproves nothing', () => {
		for (const cardNumber of [
			'12345678901',
			'12345678901234567890',
			'5300 0012 3456 7890',
			5300001234567890,
		])
			expect(
				confirmWithCard(cardUnconfirmed, { cardId: 'CARD789012' }, { cardNumber }, card),
			).toEqual(cardUnconfirmed);
	});

	test.each([
		['cardInfo.maskedCardNo', { cardInfo: { maskedCardNo: '530000******1111' } }],
		['cardInfo.maskedCardNumber', { cardInfo: { maskedCardNumber: '****1111' } }],
		['cardInfo.maskCardNumber', { cardInfo: { maskCardNumber: '5300 **** **** 1111 ' } }],
		['maskedCardNo', { maskedCardNo: '****1111' }],
		['maskedCardNumber', { maskedCardNumber: '****1111' }],
	])('a masked number in %s with other last four digits disproves the card', (_where, earlier) => {
		expect(confirmWithCard(cardUnconfirmed, { cardId: 'CARD789012' }, earlier, card)).toEqual({
			differences: [
				'the earlier order was for the card ending 1111 (this one: CARD789012, ending 7890)',
			],
			unconfirmed: [],
		});
	});

	test('a card number the card record holds as a number still gives its last four digits', () => {
		expect(
			confirmWithCard(
				cardUnconfirmed,
				{ cardId: 'CARD789012' },
				{ maskedCardNumber: '****1111' },
				{ ...card, cardNumber: 5300001234567890 },
			).differences,
		).toEqual([
			'the earlier order was for the card ending 1111 (this one: CARD789012, ending 7890)',
		]);
	});

	test('a masked number that is not text, or shows no four digits, disproves nothing', () => {
		for (const maskedCardNumber of [['1111'], { last: '1111' }, '****', '**11'])
			expect(
				confirmWithCard(cardUnconfirmed, { cardId: 'CARD789012' }, { maskedCardNumber }, card),
			).toEqual(cardUnconfirmed);
	});

	test('a masked number with the same last four digits cannot prove the card', () => {
		expect(
			confirmWithCard(
				cardUnconfirmed,
				{ cardId: 'CARD789012' },
				{ maskedCardNumber: '****7890' },
				card,
			),
		).toEqual(cardUnconfirmed);
	});

	test('no number shown, or a card without a number: the card stays unconfirmed', () => {
		expect(confirmWithCard(cardUnconfirmed, { cardId: 'CARD789012' }, {}, card)).toEqual(
			cardUnconfirmed,
		);
		expect(
			confirmWithCard(
				cardUnconfirmed,
				{ cardId: 'CARD789012' },
				{ maskedCardNumber: '****1111' },
				{
					cardId: 'CARD789012',
				},
			),
		).toEqual(cardUnconfirmed);
	});

	describe('limits only the card shows', () => {
		const limitsUnconfirmed = {
			differences: [],
			unconfirmed: [{ field: 'maxAuthAmount' as const }, { field: 'maxCreditAmount' as const }],
		};

		test('equal on a proven card: confirmed', () => {
			expect(
				confirmWithCard(
					limitsUnconfirmed,
					{ maxAuthAmount: 100, maxCreditAmount: '1000' },
					{},
					card,
				),
			).toEqual({ differences: [], unconfirmed: [] });
		});

		test('other values on the card: unconfirmed, naming what the card holds now', () => {
			const result = confirmWithCard(
				limitsUnconfirmed,
				{ maxAuthAmount: 300, maxCreditAmount: 9000 },
				{},
				card,
			);
			expect(result.differences).toEqual([]);
			expect(result.unconfirmed.map(describeUnconfirmed)).toEqual([
				"the card's max amount per payment is now 100 (this one: 300)",
				"the card's total limit is now 1000 (this one: 9000)",
			]);
		});

		test('no total limit on purpose: confirmed by a card with none, not by a card with one', () => {
			const onlyTotal = { differences: [], unconfirmed: [{ field: 'maxCreditAmount' as const }] };
			expect(
				confirmWithCard(onlyTotal, {}, {}, { ...card, maxCreditAmount: null }, ['maxCreditAmount']),
			).toEqual({ differences: [], unconfirmed: [] });
			expect(
				confirmWithCard(onlyTotal, {}, {}, card, ['maxCreditAmount']).unconfirmed.map(
					describeUnconfirmed,
				),
			).toEqual(["the card's total limit is now 1000 (this one: none)"]);
		});

		test('a limit asked for on a card that holds none: unconfirmed, "now none"', () => {
			const onlyTotal = { differences: [], unconfirmed: [{ field: 'maxCreditAmount' as const }] };
			expect(
				confirmWithCard(
					onlyTotal,
					{ maxCreditAmount: 1000 },
					{},
					{ ...card, maxCreditAmount: '' },
				).unconfirmed.map(describeUnconfirmed),
			).toEqual(["the card's total limit is now none (this one: 1000)"]);
		});

		test('limits are not read from a card that is not proven to be the one', () => {
			const both = {
				differences: [],
				unconfirmed: [{ field: 'cardId' as const }, { field: 'maxAuthAmount' as const }],
			};
			expect(confirmWithCard(both, { cardId: 'CARD789012', maxAuthAmount: 100 }, {}, card)).toEqual(
				both,
			);
			// Once the whole number proves the card, its limits count.
			expect(
				confirmWithCard(
					both,
					{ cardId: 'CARD789012', maxAuthAmount: 100 },
					{ cardNumber: card.cardNumber },
					card,
				),
			).toEqual({ differences: [], unconfirmed: [] });
		});

		test('other fields are never confirmed from the card', () => {
			const currency = { differences: [], unconfirmed: [{ field: 'cardCurrency' as const }] };
			expect(
				confirmWithCard(currency, { cardCurrency: 'USD' }, {}, { ...card, cardCurrency: 'USD' }),
			).toEqual(currency);
		});

		test('differences found before are kept', () => {
			const before = {
				differences: ['earlier difference'],
				unconfirmed: [{ field: 'maxAuthAmount' as const }],
			};
			expect(confirmWithCard(before, { maxAuthAmount: 100 }, {}, card)).toEqual({
				differences: ['earlier difference'],
				unconfirmed: [],
			});
		});
	});
});

describe('describeUnconfirmed', () => {
	test('a field without a note reads as its words', () => {
		expect(describeUnconfirmed({ field: 'cardCurrency' })).toBe('the currency');
		expect(describeUnconfirmed({ field: 'maxAuthAmount', note: 'what the card shows' })).toBe(
			'what the card shows',
		);
	});
});
