/**
 * What is sent is exactly what the user asked for, and nothing is sent on a doubt: a Customer Order No that
 * comes out empty is refused rather than replaced by a generated one, an amount that would go out rounded or
 * rewritten is refused, and every refusal before sending is the node's own error, not Cardepass's answer.
 */
import type { IDataObject } from 'n8n-workflow';

import { NODE_TYPE } from '../helpers/engine';
import { topUpOfTen as topUp } from '../helpers/orderParameters';
import { REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

const TOP_UP_PATH = '/v1/orders/standard/topup';
const WITHDRAW_PATH = '/v1/orders/standard/withdraw';
const NOTHING_SENT = /^Nothing was sent to Cardepass\. /;

/** The node's own refusal: none of the fields a Cardepass answer gives an error. */
function expectNodeRefusal(error: Record<string, unknown> | undefined) {
	expect(error?.description).toMatch(NOTHING_SENT);
	expect(error?.description).not.toMatch(/Cardepass refuses|Error code|Response ID/);
	expect(error?.httpCode ?? null).toBeNull();
	for (const key of ['errorCode', 'responseId', 'errorMessage'])
		expect(error?.[key]).toBeUndefined();
}

describe.each(REVISIONS)('Customer Order No that comes out empty, against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision });

	test.each([
		['an empty cell', { orderRef: '' }, 'an empty value'],
		['null', { orderRef: null }, 'no value'],
		['a misspelt column', { orderReff: 'INV-9' }, 'no value'],
		['only spaces', { orderRef: '   ' }, 'only spaces'],
	])(
		'an expression that gives %s refuses that item, naming the field, the item and the expression',
		async (_case, third, gave) => {
			const { error, items } = await box.engine.run(
				topUp({ customerOrderNo: '={{ $json.orderRef }}' }),
				[{ orderRef: 'CON-1' }, { orderRef: 'CON-2' }, third],
			);
			expect(items).toEqual([]);
			expect(error?.message).toBe(
				`Customer Order No is empty for the 3rd input item: the expression {{ $json.orderRef }} gave ${gave}`,
			);
			expect(error?.description).toBe(
				'Nothing was sent to Cardepass. Fill it in the input data, or leave the field empty in the node to let the node generate a number.',
			);
			expectNodeRefusal(error);
			const sent = box.sim
				.apiRequests({ path: TOP_UP_PATH })
				.map((call) => (call.body as IDataObject).customerOrderNo);
			expect(sent.sort()).toEqual(['CON-1', 'CON-2']);
		},
	);

	test('a literal number is sent as typed', async () => {
		const { items, error } = await box.engine.run(topUp({ customerOrderNo: ' LIT-1 ' }));
		expect(error).toBeUndefined();
		expect(items[0]).toMatchObject({ customerOrderNo: 'LIT-1', earlierOrder: false });
		expect(box.sim.getOrders({ customerOrderNo: 'LIT-1' })).toHaveLength(1);
	});

	test.each([
		['left empty', { customerOrderNo: '' }],
		['not set at all', {}],
	])('the field %s in the node: the node generates a number', async (_case, field) => {
		const { items, error } = await box.engine.run(topUp(field), [{}, {}]);
		expect(error).toBeUndefined();
		const numbers = items.map((item) => item.customerOrderNo as string);
		expect(numbers).toHaveLength(2);
		for (const number of numbers) expect(number).toMatch(/^N8N[0-9A-F]{21}$/);
		expect(new Set(numbers).size).toBe(2);
	});
});

describe.each(REVISIONS)('amounts are sent as typed or not at all, against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision });

	test.each([
		[
			'Withdraw Amount typed as 0.000000001',
			{ withdrawAmount: '0.000000001' },
			{},
			'Withdraw Amount has more than 2 decimals: 0.000000001',
		],
		[
			'Withdraw Amount 0.000000001 from a number in the data',
			{ withdrawAmount: '={{ $json.amount }}' },
			{ amount: 0.000000001 },
			'Withdraw Amount has more than 2 decimals: 0.000000001',
		],
		[
			'Withdraw Amount 10.0000000001 from a sheet as text',
			{ withdrawAmount: '={{ $json.amount }}' },
			{ amount: '10.0000000001' },
			'Withdraw Amount has more than 2 decimals: 10.0000000001',
		],
		[
			'Withdraw Amount 10.0000000001 from a number in the data',
			{ withdrawAmount: '={{ $json.amount }}' },
			{ amount: 10.0000000001 },
			'Withdraw Amount has more than 2 decimals: 10.0000000001',
		],
		[
			'Withdraw Amount 0.1 + 0.2 computed in an expression',
			{ withdrawAmount: '={{ 0.1 + 0.2 }}' },
			{},
			'Withdraw Amount has more than 2 decimals: 0.30000000000000004',
		],
		[
			'Withdraw Amount typed as 1e3',
			{ withdrawAmount: '1e3' },
			{},
			'Withdraw Amount must be written without an exponent, got "1e3"',
		],
		[
			'Withdraw Amount 2.5E1 from a sheet as text',
			{ withdrawAmount: '={{ $json.amount }}' },
			{ amount: '2.5E1' },
			'Withdraw Amount must be written without an exponent, got "2.5E1"',
		],
		[
			'Withdraw Amount 1,5 with a decimal comma',
			{ withdrawAmount: '1,5' },
			{},
			'Withdraw Amount must be a number, got "1,5"',
		],
	])('%s is refused, the field named', async (_case, fields, input, message) => {
		const { error, items } = await box.engine.run(
			{
				resource: 'card',
				operation: 'withdraw',
				cardId: 'CARD123456',
				customerOrderNo: 'AMT-1',
				...fields,
			},
			[input],
		);
		expect(items).toEqual([]);
		expect(error?.message).toBe(message);
		expectNodeRefusal(error);
		expect(box.sim.apiRequests({ path: WITHDRAW_PATH })).toHaveLength(0);
	});

	test.each([
		[
			'Top Up Amount 10.0000000001',
			'10.0000000001',
			'Top Up Amount has more than 2 decimals: 10.0000000001',
		],
		['Top Up Amount 1e3', '1e3', 'Top Up Amount must be written without an exponent, got "1e3"'],
	])('%s is refused, the field named', async (_case, topUpAmount, message) => {
		const { error } = await box.engine.run(topUp({ topUpAmount, customerOrderNo: 'AMT-2' }));
		expect(error?.message).toBe(message);
		expectNodeRefusal(error);
		expect(box.sim.apiRequests({ path: TOP_UP_PATH })).toHaveLength(0);
	});

	test.each([
		['25.50', 25.5],
		['1000', 1000],
		['12.30', 12.3],
	])('%s is sent as that amount', async (topUpAmount, sent) => {
		const { error } = await box.engine.run(
			topUp({ topUpAmount, customerOrderNo: `AMT-OK-${topUpAmount}` }),
		);
		expect(error).toBeUndefined();
		expect(
			box.sim
				.apiRequests({ path: TOP_UP_PATH })
				.map((call) => (call.body as IDataObject).topUpAmount),
		).toEqual([sent]);
	});
});

describe.each(REVISIONS)("refusals before sending are the node's, against API v%s", (revision) => {
	const box = useSimulatedCardepass({ revision });

	test('an amount below the minimum: the rule of the node and what to do, not "Cardepass refuses"', async () => {
		const { error } = await box.engine.run(topUp({ topUpAmount: '0.5', customerOrderNo: 'MIN-1' }));
		expect(error?.message).toBe('Top Up Amount must be at least 1, got 0.5');
		expect(error?.description).toBe(
			'Nothing was sent to Cardepass. The node sends no Top Up Amount below 1, the least Cardepass takes: give 1 or more.',
		);
		expectNodeRefusal(error);
	});

	test('with Continue On Fail, the refused item carries the message and description, and no Cardepass fields', async () => {
		const { items } = await box.engine.run(
			topUp({ topUpAmount: '1e3', customerOrderNo: 'COF-1' }),
			[{}],
			{
				onError: 'continueRegularOutput',
			},
		);
		expect(items).toEqual([
			{
				error: {
					message: 'Top Up Amount must be written without an exponent, got "1e3"',
					description: expect.stringMatching(NOTHING_SENT),
				},
			},
		]);
	});

	test("an AI agent's order without a Customer Order No: the message itself says what to do", async () => {
		const { error } = await box.engine.run(topUp(), [{}], { type: `${NODE_TYPE}Tool` });
		expect(error?.message).toMatch(
			/^Customer Order No is required when an AI agent calls this node\. Nothing was sent to Cardepass\. Call again with a Customer Order No: .+\.$/,
		);
		expectNodeRefusal(error);
	});

	test("an AI agent's Customer Order No that comes out empty is refused with the agent's message too", async () => {
		const { error } = await box.engine.run(
			topUp({ customerOrderNo: '={{ $json.ref }}' }),
			[{ ref: '' }],
			{ type: `${NODE_TYPE}Tool` },
		);
		expect(error?.message).toMatch(
			/^Customer Order No is required when an AI agent calls this node\./,
		);
		expect(box.sim.apiRequests({ path: TOP_UP_PATH })).toHaveLength(0);
	});
});
