/**
 * The checks that run before anything is sent (shared/validation.ts): what each refuses, with the words the
 * user reads, and exactly what each puts in the request. The engine tests (bad-input, what-is-sent) run the
 * same checks through n8n for every operation; these pin each rule on its own.
 */
import type { IExecuteSingleFunctions, NodeOperationError } from 'n8n-workflow';

import type { Target } from '../../dist/nodes/Cardepass/shared/validation';
import {
	amount,
	dateRange,
	oneOf,
	optionalText,
	refuseInput,
	requiredCardId,
	requiredText,
} from '../../dist/nodes/Cardepass/shared/validation';
import type { InputCheck, RequestOptions } from '../../dist/nodes/Cardepass/shared/types';

const NODE = {
	id: 'n1',
	name: 'Cardepass',
	type: 'n8n-nodes-cardepass.cardepass',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: {},
};

/** An item's context with these parameter values (a key present with undefined reads as undefined). */
function itemWith(parameters: Record<string, unknown>, timeZone = 'UTC'): IExecuteSingleFunctions {
	return {
		getNodeParameter: (name: string, fallback: unknown) =>
			name in parameters ? parameters[name] : fallback,
		getNode: () => NODE,
		getItemIndex: () => 3,
		getTimezone: () => timeZone,
	} as unknown as IExecuteSingleFunctions;
}

/** Runs a check; returns the request it left, or the refusal's message and description. */
function run(
	check: InputCheck,
	parameters: Record<string, unknown>,
	request: RequestOptions = { url: '/x' },
	timeZone?: string,
): { request: RequestOptions } | { refused: string; description: string; itemIndex: unknown } {
	try {
		check.call(itemWith(parameters, timeZone), request);
		return { request };
	} catch (error) {
		const refusal = error as NodeOperationError;
		return {
			refused: refusal.message,
			description: String(refusal.description),
			itemIndex: (refusal as unknown as { context: { itemIndex: unknown } }).context.itemIndex,
		};
	}
}

const refusedWith = (message: string, description?: string) =>
	expect.objectContaining({
		refused: message,
		...(description === undefined
			? {}
			: { description: `Nothing was sent to Cardepass. ${description}` }),
	});

const BODY: Target = { in: 'body', key: 'topUpAmount' };

describe('refuseInput', () => {
	test("is the node's refusal for the item, saying nothing was sent", () => {
		expect(() => refuseInput(itemWith({}), 'Top Up Amount is required', 'Give it.')).toThrow(
			'Top Up Amount is required',
		);
		expect(run(() => refuseInput(itemWith({}), 'M', 'Do this.'), {})).toEqual({
			refused: 'M',
			description: 'Nothing was sent to Cardepass. Do this.',
			itemIndex: 3,
		});
	});
});

describe('requiredText', () => {
	const check = requiredText('customerName', 'Customer Name', 'Type the name.', {
		in: 'qs',
		key: 'name',
	});

	test('trimmed text, or a number as text, is put where it goes', () => {
		expect(run(check, { customerName: '  Ann  ' })).toEqual({
			request: { url: '/x', qs: { name: 'Ann' } },
		});
		expect(run(check, { customerName: 42 })).toEqual({
			request: { url: '/x', qs: { name: '42' } },
		});
	});

	test('keeps what the request already carries beside it', () => {
		expect(run(check, { customerName: 'Ann' }, { url: '/x', qs: { page: 2 } })).toEqual({
			request: { url: '/x', qs: { page: 2, name: 'Ann' } },
		});
	});

	test.each([
		['missing', {}],
		['undefined (an expression reading a missing field)', { customerName: undefined }],
		['null', { customerName: null }],
		['blank', { customerName: '   ' }],
	])('%s is required, with where the value comes from', (_case, parameters) => {
		expect(run(check, parameters)).toEqual(
			refusedWith('Customer Name is required', 'Type the name.'),
		);
	});

	test.each([
		[{ a: 1 }, '{"a":1}'],
		[true, 'true'],
		[['x'], '["x"]'],
	])('a value that is not text (%j) is refused, shown as it came', (value, shown) => {
		expect(run(check, { customerName: value })).toEqual(
			refusedWith(`Customer Name must be text, got ${shown}`, 'Type the name.'),
		);
	});

	test('a value JSON cannot write is shown as text', () => {
		const loop: Record<string, unknown> = {};
		loop.self = loop;
		expect(run(check, { customerName: loop })).toEqual(
			refusedWith('Customer Name must be text, got [object Object]'),
		);
	});

	test('without a target the check only reads', () => {
		expect(run(requiredText('customerName', 'Customer Name', 'x'), { customerName: 'A' })).toEqual({
			request: { url: '/x' },
		});
	});
});

describe('requiredCardId', () => {
	const check = requiredCardId("The card ID from Card → Create's output.", {
		in: 'body',
		key: 'cardId',
	});

	test('letters, digits, "-", "_" and "." are sent trimmed', () => {
		expect(run(check, { cardId: ' CARD_1-a.b ' })).toEqual({
			request: { url: '/x', body: { cardId: 'CARD_1-a.b' } },
		});
	});

	test.each(['CARD/1', 'CARD 1', '../admin', 'CARD?x=1', 'CARD%2F', 'ä'])(
		'%s could reach another path: refused, named',
		(cardId) => {
			expect(run(check, { cardId })).toEqual(
				refusedWith(
					`Card ID may contain only letters, digits, "-", "_" and "." (and not only dots), got "${cardId}"`,
					"The card ID from Card → Create's output.",
				),
			);
		},
	);

	test.each(['.', '..', '...'])('only dots (%s) is refused', (cardId) => {
		expect(run(check, { cardId })).toEqual(
			refusedWith(expect.stringContaining('(and not only dots)') as unknown as string),
		);
	});

	test('a quote in an ID is shown as it came', () => {
		expect(run(check, { cardId: 'a"b' })).toEqual(
			refusedWith(expect.stringMatching(/, got "a"b"$/) as unknown as string),
		);
	});

	test('dots at either end of an ID are fine', () => {
		for (const cardId of ['a.', '.a'])
			expect(run(check, { cardId })).toEqual({ request: { url: '/x', body: { cardId } } });
	});

	test('a dot inside an ID is fine', () => {
		expect(run(check, { cardId: 'a..b' })).toEqual({
			request: { url: '/x', body: { cardId: 'a..b' } },
		});
	});

	test('empty is required', () => {
		expect(run(check, { cardId: '' })).toEqual(refusedWith('Card ID is required'));
	});
});

describe('optionalText', () => {
	const target: Target = { in: 'body', key: 'remark' };
	const check = optionalText('remark', 'Remark', 5, target);

	test('empty, null or missing sends nothing, and takes out what was there', () => {
		for (const parameters of [{}, { remark: null }, { remark: undefined }, { remark: '' }])
			expect(
				run(check, parameters, { url: '/x', body: { remark: 'old', other: 1 } }),
			).toStrictEqual({
				request: { url: '/x', body: { other: 1 } },
			});
	});

	test('blank after trimming sends nothing', () => {
		expect(run(check, { remark: '   ' })).toStrictEqual({ request: { url: '/x', body: {} } });
	});

	test('text up to the limit is sent trimmed; a number as text', () => {
		expect(run(check, { remark: ' hello ' })).toEqual({
			request: { url: '/x', body: { remark: 'hello' } },
		});
		expect(run(check, { remark: 12345 })).toEqual({
			request: { url: '/x', body: { remark: '12345' } },
		});
	});

	test('longer than the limit is refused', () => {
		expect(run(check, { remark: 'hello!' })).toEqual(
			refusedWith('Remark is longer than 5 characters', 'Shorten Remark.'),
		);
	});

	test('not text is refused', () => {
		expect(run(check, { remark: { a: 1 } })).toEqual(
			refusedWith('Remark must be text, got {"a":1}', 'Leave Remark empty or give it text.'),
		);
	});
});

describe('amount', () => {
	const topUp = amount('topUpAmount', 'Top Up Amount', { min: 10 }, BODY);
	const limit = amount('maxAuthAmount', 'Max Amount per Payment', {}, BODY);
	const optional = amount('maxAuthAmount', 'Max Amount per Payment', { optional: true }, BODY);
	const whole = amount('count', 'Count', { wholeNumber: true }, BODY);
	const zeroAllowed = amount('fee', 'Fee', { positive: false }, BODY);
	const EXAMPLE = 'Give Top Up Amount as a plain number, e.g. 100 or 25.50.';

	test.each([
		[10, 10],
		[10.5, 10.5],
		['25.50', 25.5],
		[' 25.5 ', 25.5],
		['+12', 12],
		['12.', 12],
		['10.100', 10.1],
		[10_000_000, 10_000_000],
	])('%j is sent as the number %j', (value, sent) => {
		expect(run(topUp, { topUpAmount: value })).toEqual({
			request: { url: '/x', body: { topUpAmount: sent } },
		});
	});

	test('".5" and "0.01" are numbers', () => {
		expect(run(limit, { maxAuthAmount: '.5' })).toEqual({
			request: { url: '/x', body: { topUpAmount: 0.5 } },
		});
		expect(run(limit, { maxAuthAmount: '.55' })).toEqual({
			request: { url: '/x', body: { topUpAmount: 0.55 } },
		});
		expect(run(limit, { maxAuthAmount: '0.01' })).toEqual({
			request: { url: '/x', body: { topUpAmount: 0.01 } },
		});
	});

	test.each([undefined, null, '', '  '])('%j is required unless optional', (value) => {
		expect(run(topUp, { topUpAmount: value })).toEqual(
			refusedWith('Top Up Amount is required', EXAMPLE),
		);
		expect(
			run(optional, { maxAuthAmount: value }, { url: '/x', body: { topUpAmount: 5 } }),
		).toEqual({
			request: { url: '/x', body: {} },
		});
	});

	test.each(['1e3', '1E3', '2.5e-1', '+1e+2', ' 1e3 ', '12e3', '12.5e3', '.55e1', '1e10'])(
		'%s is refused: written with an exponent',
		(value) => {
			expect(run(topUp, { topUpAmount: value })).toEqual(
				refusedWith(
					`Top Up Amount must be written without an exponent, got "${value.trim()}"`,
					'Write the amount out in digits (e.g. 1000 for 1e3), so what you see is what is sent.',
				),
			);
		},
	);

	test.each([
		['1,5', '"1,5"'],
		['ten', '"ten"'],
		['0x10', '"0x10"'],
		['Infinity', '"Infinity"'],
		['1.2.3', '"1.2.3"'],
		['12a', '"12a"'],
		['x1e3', '"x1e3"'],
		['1e3x', '"1e3x"'],
		['a12', '"a12"'],
		[true, 'true'],
		[Number.NaN, 'NaN'],
		[Number.POSITIVE_INFINITY, 'Infinity'],
		[{ amount: 5 }, '{"amount":5}'],
	])('%j is not a number', (value, shown) => {
		expect(run(topUp, { topUpAmount: value })).toEqual(
			refusedWith(`Top Up Amount must be a number, got ${shown}`, EXAMPLE),
		);
	});

	test('below the minimum: the minimum speaks first, before "more than 0"', () => {
		expect(run(topUp, { topUpAmount: 9.99 })).toEqual(
			refusedWith(
				'Top Up Amount must be at least 10, got 9.99',
				'The node sends no Top Up Amount below 10, the least Cardepass takes: give 10 or more.',
			),
		);
		expect(run(topUp, { topUpAmount: -5 })).toEqual(
			refusedWith('Top Up Amount must be at least 10, got -5'),
		);
	});

	test('zero and below are refused where an amount must be positive, by default', () => {
		expect(run(limit, { maxAuthAmount: 0 })).toEqual(
			refusedWith(
				'Max Amount per Payment must be more than 0, got 0',
				'Give a positive Max Amount per Payment.',
			),
		);
		expect(run(limit, { maxAuthAmount: '-0.5' })).toEqual(
			refusedWith('Max Amount per Payment must be more than 0, got -0.5'),
		);
		expect(run(zeroAllowed, { fee: 0 })).toEqual({
			request: { url: '/x', body: { topUpAmount: 0 } },
		});
	});

	test('above 10,000,000 is refused as too large', () => {
		expect(run(topUp, { topUpAmount: 10_000_000.01 })).toEqual(
			refusedWith(
				'Top Up Amount is too large: 10000000.01',
				'The node refuses amounts above 10,000,000 to catch a wrong column or unit before money moves. Check the amount.',
			),
		);
	});

	test.each([
		[10.001, '10.001'],
		['10.001', '10.001'],
		['10.0000000001', '10.0000000001'],
		[10.1 + 0.2, '10.299999999999999'],
	])('%j has more than 2 decimals, as written', (value, written) => {
		expect(run(topUp, { topUpAmount: value })).toEqual(
			refusedWith(
				`Top Up Amount has more than 2 decimals: ${written}`,
				'Cardepass takes amounts in cents, and the node never rounds: give at most 2 decimals.',
			),
		);
	});

	test('text is shown as it was written, trimmed', () => {
		expect(run(topUp, { topUpAmount: ' 10.001 ' })).toEqual(
			refusedWith('Top Up Amount has more than 2 decimals: 10.001'),
		);
		expect(run(topUp, { topUpAmount: '010.001' })).toEqual(
			refusedWith('Top Up Amount has more than 2 decimals: 010.001'),
		);
		expect(run(topUp, { topUpAmount: '09.50' })).toEqual(
			refusedWith('Top Up Amount must be at least 10, got 09.50'),
		);
	});

	test('a tiny number is judged as JavaScript writes it out, not as its exponent form', () => {
		expect(run(zeroAllowed, { fee: 0.000000001 })).toEqual(
			refusedWith('Fee has more than 2 decimals: 0.000000001'),
		);
		expect(run(zeroAllowed, { fee: 1.5e-7 })).toEqual(
			refusedWith('Fee has more than 2 decimals: 0.00000015'),
		);
		expect(run(zeroAllowed, { fee: -1.5e-7 })).toEqual(
			refusedWith('Fee has more than 2 decimals: -0.00000015'),
		);
	});

	test('a huge number is written out in digits in the message', () => {
		expect(run(limit, { maxAuthAmount: 1e21 })).toEqual(
			refusedWith('Max Amount per Payment is too large: 1000000000000000000000'),
		);
		expect(run(limit, { maxAuthAmount: 1.5e22 })).toEqual(
			refusedWith('Max Amount per Payment is too large: 15000000000000000000000'),
		);
		expect(run(limit, { maxAuthAmount: 1.2345e21 })).toEqual(
			refusedWith('Max Amount per Payment is too large: 1234500000000000000000'),
		);
	});

	test('trailing zeros in text are not decimals; in a number they do not exist', () => {
		expect(run(topUp, { topUpAmount: '10.500000' })).toEqual({
			request: { url: '/x', body: { topUpAmount: 10.5 } },
		});
	});

	test('a whole number where one is needed', () => {
		expect(run(whole, { count: '3' })).toEqual({
			request: { url: '/x', body: { topUpAmount: 3 } },
		});
		expect(run(whole, { count: 2.5 })).toEqual(
			refusedWith('Count must be a whole number, got 2.5', 'Give Count without decimals.'),
		);
	});
});

describe('oneOf', () => {
	const check = oneOf('cardModel', 'Card Model', ['standard', 'sharebalance'], {
		in: 'qs',
		key: 'model',
	});

	test('a listed value is put where it goes', () => {
		expect(run(check, { cardModel: 'sharebalance' })).toEqual({
			request: { url: '/x', qs: { model: 'sharebalance' } },
		});
	});

	test.each([
		['Standard', '"Standard"'],
		[undefined, 'undefined'],
		[null, 'null'],
		[1, '1'],
	])('%j is refused, with the choices', (value, shown) => {
		expect(run(check, { cardModel: value })).toEqual(
			refusedWith(
				`Card Model must be one of standard, sharebalance, got ${shown}`,
				'Pick Card Model from the list.',
			),
		);
	});

	test('without a target it only checks', () => {
		expect(run(oneOf('cardModel', 'Card Model', ['standard']), { cardModel: 'standard' })).toEqual({
			request: { url: '/x' },
		});
	});
});

describe('dateRange', () => {
	const from = { name: 'from', label: 'From', keys: ['StartTime', 'startTime'] };
	const to = { name: 'to', label: 'To', keys: ['EndTime'] };
	const check = dateRange(from, to);
	const required = dateRange(from, to, { required: true });

	test('a wall-clock time is in the workflow time zone and sent in UTC, under every key', () => {
		expect(
			run(
				check,
				{ from: '2025-01-31 18:00', to: '2025-02-01T09:30:15.5' },
				{ url: '/x' },
				'Asia/Shanghai',
			),
		).toEqual({
			request: {
				url: '/x',
				qs: {
					StartTime: '2025-01-31T10:00:00.000Z',
					startTime: '2025-01-31T10:00:00.000Z',
					EndTime: '2025-02-01T01:30:15.500Z',
				},
			},
		});
	});

	test('milliseconds are kept to three digits, further digits dropped', () => {
		expect(
			run(
				check,
				{ from: '2025-02-01T09:30:15.123', to: '2025-02-01T09:30:15.1239' },
				{ url: '/x' },
				'Asia/Shanghai',
			),
		).toEqual({
			request: {
				url: '/x',
				qs: {
					StartTime: '2025-02-01T01:30:15.123Z',
					startTime: '2025-02-01T01:30:15.123Z',
					EndTime: '2025-02-01T01:30:15.123Z',
				},
			},
		});
	});

	test('a date alone is its midnight; a time with its zone is kept', () => {
		expect(
			run(check, { from: '2025-03-01', to: '2025-03-01T12:00:00+02:00' }, { url: '/x' }, 'UTC'),
		).toEqual({
			request: {
				url: '/x',
				qs: {
					StartTime: '2025-03-01T00:00:00.000Z',
					startTime: '2025-03-01T00:00:00.000Z',
					EndTime: '2025-03-01T10:00:00.000Z',
				},
			},
		});
	});

	test('a Date and a Luxon-like value are read', () => {
		const luxonLike = { toISO: () => '2025-03-02T00:00:00.000Z' };
		expect(run(check, { from: new Date('2025-03-01T00:00:00Z'), to: luxonLike })).toEqual({
			request: {
				url: '/x',
				qs: {
					StartTime: '2025-03-01T00:00:00.000Z',
					startTime: '2025-03-01T00:00:00.000Z',
					EndTime: '2025-03-02T00:00:00.000Z',
				},
			},
		});
	});

	test('both empty: nothing sent, unless required', () => {
		expect(run(check, { from: '', to: null })).toEqual({ request: { url: '/x' } });
		// An expression that reads a field the item does not have gives undefined: not set either.
		expect(run(check, { from: undefined, to: undefined })).toEqual({ request: { url: '/x' } });
		expect(run(required, { from: '' })).toEqual(
			refusedWith('From is required', 'Pick a date and time for From.'),
		);
		expect(run(required, { from: '2025-01-01' })).toEqual(refusedWith('To is required'));
	});

	test.each([
		['2025-02-30', '"2025-02-30"'],
		['2025-02-30T10:00:00Z', '"2025-02-30T10:00:00Z"'],
		['2025-01-01 24:00', '"2025-01-01 24:00"'],
		['2025-01-01 23:60', '"2025-01-01 23:60"'],
		['2025-01-01 23:59:60', '"2025-01-01 23:59:60"'],
		['2025-13-01', '"2025-13-01"'],
		['yesterday', '"yesterday"'],
		['x2025-01-01', '"x2025-01-01"'],
		['2025-01-01Tnonsense', '"2025-01-01Tnonsense"'],
		['+002025-01-01T10:00:00Z', '"+002025-01-01T10:00:00Z"'],
		[12, '12'],
	])('%j is not a date', (value, shown) => {
		expect(run(check, { from: value })).toEqual(
			refusedWith(
				`From is not a date: ${shown}`,
				'Use a date such as 2025-01-31 or 2025-01-31T18:00:00.',
			),
		);
	});

	test('the last second of a day is a time; spaces around a value are ignored', () => {
		expect(run(check, { from: ' 2025-01-31 23:59:59 ' })).toEqual({
			request: {
				url: '/x',
				qs: { StartTime: '2025-01-31T23:59:59.000Z', startTime: '2025-01-31T23:59:59.000Z' },
			},
		});
	});

	test('a year before 1000 written with four digits is not read as 19xx', () => {
		expect(run(check, { from: '0025-01-01' })).toEqual(
			refusedWith('From is not a date: "0025-01-01"'),
		);
	});

	test('an invalid Date is not a date', () => {
		expect(run(check, { to: new Date('nope') })).toEqual(
			refusedWith(expect.stringMatching(/^To is not a date: /) as unknown as string),
		);
	});

	test('From after To is refused; the same moment is fine', () => {
		expect(run(check, { from: '2025-01-02', to: '2025-01-01' })).toEqual(
			refusedWith('From is after To', 'From must be on or before To.'),
		);
		expect(run(check, { from: '2025-01-01', to: '2025-01-01' })).toEqual(
			expect.objectContaining({ request: expect.anything() }),
		);
	});

	test('a wall-clock time across a daylight-saving change lands on the right instant', () => {
		// 2025-03-30 02:30 does not exist in Berlin; 03:30 CEST is 01:30 UTC.
		expect(run(check, { from: '2025-03-30 03:30' }, { url: '/x' }, 'Europe/Berlin')).toEqual({
			request: {
				url: '/x',
				qs: { StartTime: '2025-03-30T01:30:00.000Z', startTime: '2025-03-30T01:30:00.000Z' },
			},
		});
		// 01:30 on the morning the clocks go forward is still winter time: 00:30 UTC.
		expect(run(check, { from: '2025-03-30 01:30' }, { url: '/x' }, 'Europe/Berlin')).toEqual({
			request: {
				url: '/x',
				qs: { StartTime: '2025-03-30T00:30:00.000Z', startTime: '2025-03-30T00:30:00.000Z' },
			},
		});
		expect(run(check, { from: '2025-01-15 12:00' }, { url: '/x' }, 'Europe/Berlin')).toEqual({
			request: {
				url: '/x',
				qs: { StartTime: '2025-01-15T11:00:00.000Z', startTime: '2025-01-15T11:00:00.000Z' },
			},
		});
	});
});
