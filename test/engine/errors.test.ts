import { apiCalls, REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

// Retries off, so a 5xx reaches the user at once (retries have their own tests).
const TOP_UP = {
	resource: 'card',
	operation: 'topUp',
	cardId: 'CARD123456',
	topUpAmount: 20,
	options: { retries: 0 },
};
const TOP_UP_PATH = '/v1/orders/standard/topup';
const RESPONSE_ID = /Response ID: [0-9a-f-]{36}/;

const CASES = [
	{
		title: 'hasError on HTTP 200',
		fault: {
			kind: 'businessError',
			errorCode: 'INSUFFICIENT_BALANCE',
			errorMessage: 'Account balance is not enough',
		},
		message: 'Account balance is not enough',
		code: 'INSUFFICIENT_BALANCE',
		http: undefined,
	},
	{
		title: 'HTTP 400 with an envelope',
		fault: {
			kind: 'status',
			status: 400,
			body: {
				responseId: '11111111-2222-3333-4444-555555555555',
				hasError: true,
				errorCode: 'INVALID_PARAMETER',
				errorMessage: 'topUpAmount is invalid',
				data: null,
			},
		},
		message: 'topUpAmount is invalid',
		code: 'INVALID_PARAMETER',
		http: '400',
	},
	{
		title: 'HTTP 403',
		fault: { kind: 'status', status: 403 },
		message: /insufficient permissions/,
		code: '403',
		http: '403',
	},
	{
		title: 'HTTP 404',
		fault: { kind: 'status', status: 404 },
		message: /does not exist/,
		code: '404',
		http: '404',
	},
	{
		title: 'HTTP 500',
		fault: { kind: 'status', status: 500 },
		message: /server error \(HTTP 500\)/,
		code: '500',
		http: '500',
	},
] as const;

describe.each(REVISIONS)('Errors against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision });

	describe.each(CASES)('$title', ({ fault, message, code, http }) => {
		test("fails the execution with the provider's message, error code and response ID", async () => {
			box.sim.inject({ match: { path: TOP_UP_PATH }, ...fault });
			const { error, items } = await box.engine.run({ ...TOP_UP, customerOrderNo: 'ERR-1' });
			expect(items).toEqual([]);
			expect(error?.message).toEqual(
				typeof message === 'string' ? message : expect.stringMatching(message),
			);
			expect(error?.description).toContain(`Error code: ${code}`);
			expect(error?.description).toMatch(RESPONSE_ID);
			if (http) expect(error?.description).toContain(`HTTP status: ${http}`);
			expect(box.sim.getOrders({ customerOrderNo: 'ERR-1' })).toHaveLength(0);
		});

		test('with Continue On Fail the failed item carries the error and the others go on', async () => {
			box.sim.inject({ match: { path: TOP_UP_PATH }, ...fault });
			const { error, items, rawItems } = await box.engine.run(
				{ ...TOP_UP, customerOrderNo: '={{ $json.ref }}' },
				[{ ref: 'COF-1' }, { ref: 'COF-2' }, { ref: 'COF-3' }],
				{ onError: 'continueRegularOutput' },
			);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(3);
			// Each output item is linked to its input item, the failed one too ($('Cardepass').item works).
			expect(rawItems.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			const failed = items.filter((item) => item.error);
			expect(failed).toHaveLength(1);
			expect(failed[0].error).toEqual(
				expect.objectContaining({
					message: typeof message === 'string' ? message : expect.stringMatching(message),
					errorCode: code,
					responseId: expect.stringMatching(/^[0-9a-f-]{36}$/),
				}),
			);
			expect(items.filter((item) => item.status === 'Completed')).toHaveLength(2);
		});

		test('with the error output the failed item goes there and the others to the main output', async () => {
			box.sim.inject({ match: { path: TOP_UP_PATH }, ...fault });
			const { error, items, errorItems } = await box.engine.run(
				{ ...TOP_UP, customerOrderNo: '={{ $json.ref }}' },
				[{ ref: 'EO-1' }, { ref: 'EO-2' }],
				{ onError: 'continueErrorOutput' },
			);
			expect(error).toBeUndefined();
			expect(items).toEqual([expect.objectContaining({ status: 'Completed' })]);
			expect(errorItems).toEqual([
				{
					ref: expect.stringMatching(/^EO-/),
					error: expect.objectContaining({ errorCode: code, responseId: expect.any(String) }),
				},
			]);
		});
	});

	test('HTTP 401: n8n renews the token once, repeats the request, and it succeeds', async () => {
		await box.engine.run({ resource: 'account', operation: 'getBalances' });
		expect(box.sim.tokenRequests()).toBe(1);
		box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'revokeTokens' });
		const { error, items } = await box.engine.run({ ...TOP_UP, customerOrderNo: 'RENEW-1' });
		expect(error).toBeUndefined();
		expect(items).toEqual([
			expect.objectContaining({ customerOrderNo: 'RENEW-1', status: 'Completed' }),
		]);
		expect(box.sim.tokenRequests()).toBe(2);
		expect(apiCalls(box.sim).filter((call) => call.path === TOP_UP_PATH)).toHaveLength(2);
		expect(box.sim.getOrders({ customerOrderNo: 'RENEW-1' })).toHaveLength(1);
	});

	test('HTTP 401 on every try: the error says to check the credential', async () => {
		box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'status', status: 401, times: Infinity });
		const { error } = await box.engine.run({ ...TOP_UP, customerOrderNo: 'RENEW-2' });
		expect(error?.message).toMatch(/access token is missing, invalid or expired/);
		expect(error?.description).toMatch(
			/HTTP status: 401.*Client ID, Client Secret and Environment/,
		);
	});

	test.each([401, 403])(
		'an order refused with HTTP %i is reported as it came: the token or the permission was refused, not the order, so its number is not looked up',
		async (status) => {
			box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'status', status, times: Infinity });
			const { error } = await box.engine.run({ ...TOP_UP, customerOrderNo: `ACCESS-${status}` });
			expect(error?.description).toContain(`HTTP status: ${status}`);
			expect(
				apiCalls(box.sim).filter(
					(call) => call.path.startsWith('/v1/orders/standard') && call.method === 'GET',
				),
			).toEqual([]);
		},
	);

	test('an order refused with HTTP 400 is looked up by its number before the refusal is reported', async () => {
		box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'status', status: 400 });
		const { error } = await box.engine.run({ ...TOP_UP, customerOrderNo: 'LOOKED-UP-1' });
		expect(error?.description).toContain('HTTP status: 400');
		expect(
			apiCalls(box.sim).filter(
				(call) => call.path === '/v1/orders/standard' && call.method === 'GET',
			),
		).toHaveLength(1);
	});

	test('a failed order with a generated number says a new run is not safe; one with a number from the data says retrying is', async () => {
		box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'status', status: 500, times: 2 });
		const generated = await box.engine.run({ ...TOP_UP });
		expect(generated.error?.description).toContain(
			'Running the workflow anew is not: it generates new numbers',
		);
		const fromData = await box.engine.run({ ...TOP_UP, customerOrderNo: 'ADVICE-1' });
		expect(fromData.error?.description).toContain(
			'Retrying is safe: the order is sent with the same Customer Order No',
		);
	});

	test('a wrong client secret fails with the token error, not a generic one', async () => {
		box.engine.setCredential({ clientSecret: 'wrong-secret' });
		const { error } = await box.engine.run({ resource: 'account', operation: 'getBalances' });
		expect(error?.message).toMatch(
			/^Cardepass did not issue an access token: Client authentication failed/,
		);
		expect(error?.description).toMatch(
			/Error code: invalid_client.*Client ID, Client Secret and Environment/,
		);
		expect(JSON.stringify(error)).not.toContain('wrong-secret');
	});
});
