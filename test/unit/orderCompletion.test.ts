/**
 * Wait for Completion (shared/orderCompletion.ts) on jest's clock: when the node looks at an order again, what
 * counts as done or failed, and what the user gets when the time limit ends. The order query answers from a
 * clock the test controls, so no result depends on how fast the machine is. The engine tests (idempotency,
 * order-recovery, order-safety-details) run the same path through n8n against the simulator.
 */
import type { IDataObject } from 'n8n-workflow';

import { CardepassApiFailure } from '../../dist/nodes/Cardepass/shared/envelope';
import {
	isFailedStatus,
	waitForCompletion,
} from '../../dist/nodes/Cardepass/shared/orderCompletion';
import { settleOnJestClock } from '../helpers/jestClock';

const PROCESSING = { orderNo: 'O-1', customerOrderNo: 'C-1', status: 'Processing' };
const NOT_FOUND = new CardepassApiFailure('HTTP 404', {
	errorCode: 'ORDER_NOT_FOUND',
	httpCode: '404',
});

type Answer = IDataObject[] | Error;

/** Waits for `first` (the order POST's answer) on jest's clock; the order query answers `answerAt(ms since start)`. */
async function waitOnJestClock(
	answerAt: (elapsedMs: number) => Answer,
	timeoutSeconds: number,
	first: IDataObject = PROCESSING,
) {
	const startedAt = Date.now();
	const asked: Array<{ atMs: number; qs: IDataObject }> = [];
	const send = async (request: { method: 'GET'; url: string; qs: IDataObject }) => {
		const atMs = Date.now() - startedAt;
		expect(request).toMatchObject({ method: 'GET', url: '/v1/orders/standard' });
		asked.push({ atMs, qs: request.qs });
		const answer = answerAt(atMs);
		if (answer instanceof Error) throw answer;
		return answer;
	};
	const { value: order, error } = await settleOnJestClock(
		waitForCompletion(send, 'standard', 'CardTopUp', first, 'C-1', timeoutSeconds),
		10,
	);
	return {
		order,
		error: error as CardepassApiFailure | undefined,
		askedAtMs: asked.map((look) => look.atMs),
		asked,
	};
}

/** The order as the query shows it: Completed from `doneAtMs` on. */
const doneFrom = (doneAtMs: number) => (atMs: number) => [
	{ ...PROCESSING, status: atMs >= doneAtMs ? 'Completed' : 'Processing' },
];

beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

test('the order is looked at after 0.5 s, 1 s, 2 s and 4 s, then every 5 s, by its Order No and type', async () => {
	const { order, askedAtMs, asked } = await waitOnJestClock(doneFrom(17_500), 60);
	expect(order).toEqual({ ...PROCESSING, status: 'Completed' });
	expect(askedAtMs).toEqual([500, 1500, 3500, 7500, 12_500, 17_500]);
	expect(asked[0].qs).toEqual({ OrderType: 'CardTopUp', OrderNo: 'O-1' });
});

test('the time limit is not cut short by the wait between polls: an order done after 2.8 s is seen with a 3 s limit', async () => {
	const { order, error, askedAtMs } = await waitOnJestClock(doneFrom(2800), 3);
	expect(error).toBeUndefined();
	expect(order).toEqual({ ...PROCESSING, status: 'Completed' });
	// The third wait (2 s) would end after the limit; it is cut so the last look is at the limit.
	expect(askedAtMs).toEqual([500, 1500, 3000]);
});

test('an order still processing at the limit is an error that says how to check it later, after a last look at the limit', async () => {
	const { order, error, askedAtMs } = await waitOnJestClock(doneFrom(3001), 3);
	expect(order).toBeUndefined();
	expect(error?.message).toBe('Cardepass order O-1 was still Processing after 3 s');
	expect(error?.details).toEqual({
		errorCode: 'ORDER_NOT_COMPLETED',
		errorMessage:
			'Check it later with Order → Get (Order No O-1, Customer Order No C-1). Do not send the order again with a new number: it may still complete.',
	});
	expect(askedAtMs).toEqual([500, 1500, 3000]);
});

test.each(['Completed', 'COMPLETED', 'completed'])(
	'an order whose first answer is %s is returned as it is, without a look-up',
	async (status) => {
		const done = { ...PROCESSING, status };
		const { order, askedAtMs } = await waitOnJestClock(doneFrom(0), 3, done);
		expect(order).toBe(done);
		expect(askedAtMs).toEqual([]);
	},
);

test.each(['Failure', 'FAILED', 'cancelled', 'Canceled', 'Rejected'])(
	'an order the query shows %s is an error with its failure reason',
	async (status) => {
		const { order, error, askedAtMs } = await waitOnJestClock(
			() => [{ ...PROCESSING, status, failureReason: 'Card issuer declined' }],
			60,
		);
		expect(order).toBeUndefined();
		expect(error?.message).toBe('Cardepass order O-1 failed: Card issuer declined');
		expect(error?.details).toEqual({
			errorCode: 'ORDER_FAILED',
			errorMessage: 'Card issuer declined',
		});
		expect(askedAtMs).toEqual([500]);
	},
);

test.each([
	['no failure reason', {}],
	['a null failure reason', { failureReason: null }],
	['an empty failure reason', { failureReason: '' }],
])('a failed order with %s says no reason was given', async (_case, reason) => {
	const failed = { ...PROCESSING, status: 'Failed', ...reason };
	const { error, askedAtMs } = await waitOnJestClock(doneFrom(0), 60, failed);
	expect(error?.message).toBe('Cardepass order O-1 failed: no reason given');
	expect(error?.details.errorMessage).toBe('no reason given');
	expect(askedAtMs).toEqual([]);
});

test.each([
	['no Order No', {}],
	['an empty Order No', { orderNo: '' }],
	['a null Order No', { orderNo: null }],
])(
	'an answer with %s is looked up by its Customer Order No, and named by it',
	async (_case, number) => {
		const first = { customerOrderNo: 'C-1', status: 'Processing', ...number };
		const { error, asked } = await waitOnJestClock(() => [{ ...first }], 1, first);
		expect(asked.map((look) => look.qs)).toEqual([
			{ OrderType: 'CardTopUp', CustomerOrderNo: 'C-1' },
			{ OrderType: 'CardTopUp', CustomerOrderNo: 'C-1' },
		]);
		expect(error?.message).toBe(
			'The Cardepass order with Customer Order No C-1 was still Processing after 1 s',
		);
		expect(error?.details.errorMessage).toBe(
			'Check it later with Order → Get (Customer Order No C-1). Do not send the order again with a new number: it may still complete.',
		);
	},
);

test('an order the query does not find yet keeps its last known status, and is looked at again', async () => {
	const { order, askedAtMs } = await waitOnJestClock(
		(atMs) => (atMs < 1500 ? NOT_FOUND : doneFrom(0)(atMs)),
		60,
	);
	expect(order).toEqual({ ...PROCESSING, status: 'Completed' });
	expect(askedAtMs).toEqual([500, 1500]);
});

test('an order with no status at the limit is named "in progress"', async () => {
	const first = { orderNo: 'O-1', customerOrderNo: 'C-1' };
	const { error } = await waitOnJestClock(() => [first], 1, first);
	expect(error?.message).toBe('Cardepass order O-1 was still in progress after 1 s');
});

test.each([
	['Failed', true],
	['CANCELED', true],
	['Processing', false],
	['Completed', false],
	['', false],
	[undefined, false],
	[null, false],
])('isFailedStatus(%p) is %p', (status, failed) => {
	expect(isFailedStatus(status)).toBe(failed);
});
