/**
 * The one way a request reaches Cardepass (shared/sender.ts): temporary failures sent again a set number of
 * times with growing waits, decisive answers never, a refused host never sent at all. The engine tests
 * (faults, retries-default, allowed-domains) run it through n8n; these pin its counts and waits on jest's clock.
 */
import { CardepassApiFailure } from '../../dist/nodes/Cardepass/shared/envelope';
import { createSender, DEFAULT_RETRIES } from '../../dist/nodes/Cardepass/shared/sender';
import { settleOnJestClock } from '../helpers/jestClock';

const OK = { hasError: false, responseId: 'R-1', data: { orderNo: 'O-1' } };
const failure = (httpCode: string, errorCode?: string) =>
	new CardepassApiFailure(`HTTP ${httpCode}`, { httpCode, errorCode });

let credentials = 0;

/** A sender whose transport answers from `answers` in turn (an Error is thrown), counting its calls. */
function senderAnswering(answers: unknown[], retries: number, refusal?: Error) {
	const calls: unknown[] = [];
	const send = createSender({
		slot: {
			credential: `sender-test-${++credentials}`,
			server: 'cardepass',
			caller: 'unit',
			limit: 1,
			overloaded: () => false,
		},
		needsToken: async () => false,
		retries,
		refusal,
		transport: async (overrides) => {
			calls.push(overrides);
			const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
			if (answer instanceof Error) throw answer;
			return answer;
		},
	});
	return { send, calls };
}

beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

test('two repeats by default', () => {
	expect(DEFAULT_RETRIES).toBe(2);
});

test("an answer's data, and with its envelope the responseId", async () => {
	const { send } = senderAnswering([OK], 0);
	expect(await send({ url: '/v1/x' })).toEqual({ orderNo: 'O-1' });
	expect(await send.withEnvelope()).toEqual({ data: { orderNo: 'O-1' }, responseId: 'R-1' });
});

test('the overrides reach the transport, and an empty set when none are given', async () => {
	const { send, calls } = senderAnswering([OK], 0);
	await send({ url: '/v1/a', qs: { page: 2 } });
	await send();
	await send.withEnvelope();
	expect(calls).toEqual([{ url: '/v1/a', qs: { page: 2 } }, {}, {}]);
});

test.each([
	['429', failure('429')],
	['500', failure('500')],
	['503', failure('503')],
	['a dropped connection', new CardepassApiFailure('reset', { errorCode: 'ECONNRESET' })],
	['an unreadable answer', new CardepassApiFailure('bad', { errorCode: 'INVALID_RESPONSE' })],
])('%s is sent again after 1 s, then 2 s, and succeeds', async (_case, temporary) => {
	const { send, calls } = senderAnswering([temporary, temporary, OK], 2);
	const result = await settleOnJestClock(send());
	expect(result.value).toEqual({ orderNo: 'O-1' });
	expect(calls).toHaveLength(3);
	expect(result.waitedMs).toBeGreaterThanOrEqual(3000);
	expect(result.waitedMs).toBeLessThan(3200);
});

test('after the last repeat, the temporary failure is what the item gets', async () => {
	const temporary = failure('503');
	const { send, calls } = senderAnswering([temporary], 2);
	const result = await settleOnJestClock(send());
	expect(result.error).toBe(temporary);
	expect(calls).toHaveLength(3);
});

test('waits grow 1, 2, 4, 8 s and stay at 8 s', async () => {
	const temporary = failure('500');
	const { send, calls } = senderAnswering([temporary], 5);
	const result = await settleOnJestClock(send());
	expect(calls).toHaveLength(6);
	// 1 + 2 + 4 + 8 + 8 seconds between the six attempts.
	expect(result.waitedMs).toBeGreaterThanOrEqual(23_000);
	expect(result.waitedMs).toBeLessThan(23_200);
});

test('no repeats when retries is 0', async () => {
	const { send, calls } = senderAnswering([failure('429'), OK], 0);
	const result = await settleOnJestClock(send());
	expect(result.error).toEqual(expect.objectContaining({ message: 'HTTP 429' }));
	expect(calls).toHaveLength(1);
});

test.each([
	['a 400', failure('400')],
	['a 404', failure('404')],
	['DUPLICATE_ORDER on a 500', failure('500', 'DUPLICATE_ORDER')],
	['ORDER_NOT_FOUND on a 503', failure('503', 'ORDER_NOT_FOUND')],
	["an error that is not Cardepass's", new Error('bug')],
])('%s is never sent again', async (_case, decisive) => {
	const { send, calls } = senderAnswering([decisive, OK], 3);
	const result = await settleOnJestClock(send());
	expect(result.error).toBe(decisive);
	expect(calls).toHaveLength(1);
});

test('an envelope with hasError is a failure with its code, not data', async () => {
	const { send } = senderAnswering(
		[{ hasError: true, errorCode: '400', errorMessage: '订单号重复', responseId: 'R-9' }],
		2,
	);
	const result = await settleOnJestClock(send());
	expect(result.error).toEqual(
		expect.objectContaining({
			details: expect.objectContaining({
				errorCode: '400',
				errorMessage: '订单号重复',
				responseId: 'R-9',
			}),
		}),
	);
});

test('a refused host: the refusal, and the transport never called', async () => {
	const refusal = new Error('Domain not allowed');
	const { send, calls } = senderAnswering([OK], 2, refusal);
	await expect(send()).rejects.toBe(refusal);
	await expect(send.withEnvelope()).rejects.toBe(refusal);
	expect(calls).toEqual([]);
});
