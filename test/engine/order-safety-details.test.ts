/**
 * Smaller holes on the money paths: the completion time limit, polling without an order number, Card IDs
 * that would change the path, short pages, and an AI agent's order without a number. When the node looks at
 * an order again before its time limit ends is tested on jest's clock, in test/unit/orderCompletion.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import { NODE_TYPE } from '../helpers/engine';
import { topUpOfTen as topUp } from '../helpers/orderParameters';
import {
	REVISIONS,
	REVISIONS_AND_REFUSALS,
	useSimulatedCardepass,
} from '../helpers/simulatedCardepass';

const TOP_UP_PATH = '/v1/orders/standard/topup';

describe.each(REVISIONS)('Wait for Completion details, against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision, orderCompletion: { afterMs: 2800 } });

	test.each([
		['an expression that gives nothing', '={{ $json.missing }}', 'nothing'],
		['an expression that gives text', '={{ "soon" }}', '"soon"'],
		['an expression that gives true', '={{ true }}', 'true'],
		['an expression that gives a list', '={{ [30] }}', '[30]'],
		['zero', 0, '0'],
		['an empty value', '', 'nothing'],
		['3601', 3601, '3601'],
	])(
		'a Completion Timeout from %s is refused before anything is sent, the field named',
		async (_case, completionTimeout, shown) => {
			const { error } = await box.engine.run(
				topUp({ customerOrderNo: 'CT-1', options: { waitForCompletion: true, completionTimeout } }),
			);
			expect(error?.message).toBe(
				`Completion Timeout must be a number of seconds from 1 to 3600, got ${shown}`,
			);
			expect(error?.description).toBe(
				'Nothing was sent to Cardepass. Set Options → Completion Timeout (Seconds), or an expression that gives a number.',
			);
			expect(box.sim.apiRequests({ path: TOP_UP_PATH })).toHaveLength(0);
		},
	);

	test.each([
		['1 (the least)', 1],
		['3600 (the most)', 3600],
		['"30" (text from an expression)', '30'],
	])('a Completion Timeout of %s is taken and the order sent', async (_case, completionTimeout) => {
		const { error } = await box.engine.run(
			topUp({
				customerOrderNo: `CT-5-${String(completionTimeout)}`,
				options: { waitForCompletion: true, completionTimeout },
			}),
		);
		expect(error?.message ?? '').not.toMatch(/^Completion Timeout must be/);
		expect(box.sim.apiRequests({ path: TOP_UP_PATH })).toHaveLength(1);
	});

	test('an answer without an order number is a result unknown, never followed by the order type alone', async () => {
		box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'stripFields', fields: ['orderNo'] });
		const { items, error } = await box.engine.run(
			topUp({ customerOrderNo: 'CT-3', options: { waitForCompletion: true } }),
		);
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'Cardepass answered a top-up (Standard card) with no order, so its result is unknown (Customer Order No CT-3; sent: card CARD123456, amount 10)',
		);
		expect(box.sim.apiRequests({ path: '/v1/orders/standard' })).toHaveLength(0);
	});
});

describe.each(REVISIONS)('Card IDs that would change the path, against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision });

	test.each(['.', '..', 'CARD1/../accounts', 'CARD 1'])(
		'Card ID %p is refused before anything is sent, the allowed characters named',
		async (cardId) => {
			const read = await box.engine.run({ resource: 'card', operation: 'get', cardId });
			expect(read.error?.message).toBe(
				`Card ID may contain only letters, digits, "-", "_" and "." (and not only dots), got ${JSON.stringify(cardId)}`,
			);
			const order = await box.engine.run(topUp({ cardId, customerOrderNo: 'DOT-1' }));
			expect(order.error?.message).toMatch(/^Card ID may contain only letters, digits/);
			expect(box.sim.apiRequests()).toHaveLength(0);
		},
	);
});

describe.each(REVISIONS)(
	'pages shorter than asked while the total says more, against API v%s',
	(revision) => {
		const box = useSimulatedCardepass({ revision });
		const PATH = '/v1/accounts/accountLogs';
		const log = (n: number) => ({
			accountLogNo: `LOG${n}`,
			transAmount: { amount: n, currency: 'USD' },
		});
		const page = (records: IDataObject[], total: number) => ({
			responseId: `page-${records.length}-${total}`,
			hasError: false,
			errorCode: null,
			errorMessage: 'Success',
			data:
				revision === '1.4'
					? { pageIndex: 1, pageSize: 100, totalCount: total, totalPages: 1, items: records }
					: { pageNumber: 1, pageSize: 100, totalRecords: total, totalPages: 1, data: records },
		});
		const getAll = { resource: 'account', operation: 'getFundLogs', returnAll: true };

		test('the next page is asked for until the reported total is in hand', async () => {
			box.sim.inject({
				match: { path: PATH },
				kind: 'status',
				status: 200,
				body: page([log(1), log(2)], 5),
			});
			box.sim.inject({
				match: { path: PATH },
				kind: 'status',
				status: 200,
				body: page([log(3), log(4), log(5)], 5),
			});
			const { items, error } = await box.engine.run(getAll);
			expect(error).toBeUndefined();
			expect(items.map((item) => item.accountLogNo)).toEqual([
				'LOG1',
				'LOG2',
				'LOG3',
				'LOG4',
				'LOG5',
			]);
			expect(box.sim.apiRequests({ path: PATH })).toHaveLength(2);
		});

		test('a server that stops sending records before the total fails with a clear message instead of a silently short list', async () => {
			box.sim.inject({
				match: { path: PATH },
				kind: 'status',
				status: 200,
				body: page([log(1), log(2)], 5),
			});
			box.sim.inject({ match: { path: PATH }, kind: 'status', status: 200, body: page([], 5) });
			const { items, error } = await box.engine.run(getAll);
			expect(items).toHaveLength(0);
			expect(error?.message).toBe('Cardepass stopped sending records after 2 of the 5 it reported');
		});
	},
);

describe.each(REVISIONS)('an AI agent placing an order, against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision });

	test('without a Customer Order No it is refused, telling the user to let the model define it', async () => {
		const { error } = await box.engine.run(topUp(), [{}], { type: `${NODE_TYPE}Tool` });
		// An agent reads only the message: it must say what to do.
		expect(error?.message).toBe(
			'Customer Order No is required when an AI agent calls this node. Nothing was sent to Cardepass. Call again with a Customer Order No: one number of your own per order, and the same number when you repeat a call for that order.',
		);
		expect(error?.description).toMatch(
			/^Nothing was sent to Cardepass\. .*let the model define Customer Order No/,
		);
		expect(error).not.toHaveProperty('errorCode');
		expect(error?.httpCode ?? null).toBeNull();
		expect(box.sim.getOrders({ orderType: 'CardTopUp' })).toHaveLength(0);
	});
});

describe.each(REVISIONS_AND_REFUSALS)(
	'an AI agent repeating a call, against API v%s, a repeat refused as %s',
	(revision, duplicateRefusal) => {
		const box = useSimulatedCardepass({ revision, duplicateRefusal });

		test('a repeated call with the number the model gave pays once', async () => {
			const call = topUp({ customerOrderNo: 'AGENT-1' });
			await box.engine.run(call, [{}], { type: `${NODE_TYPE}Tool` });
			const repeat = await box.engine.run(call, [{}], { type: `${NODE_TYPE}Tool` });
			expect(repeat.items[0]).toMatchObject({ customerOrderNo: 'AGENT-1', earlierOrder: true });
			expect(box.sim.getOrders({ orderType: 'CardTopUp' })).toHaveLength(1);
		});
	},
);
