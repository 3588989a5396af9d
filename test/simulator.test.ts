import axios, { AxiosInstance, AxiosResponse } from 'axios';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSimulator, seed, FEES, LIMITS } from './simulator';

type Sim = Awaited<ReturnType<typeof startSimulator>>;
type Options = Parameters<typeof startSimulator>[0];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const IDS = seed.SEED_CARD_IDS;
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const CREDENTIALS =
	'grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret&scope=openapi';

let sims: Sim[] = [];

async function start(options: Options = {}): Promise<Sim> {
	const sim = await startSimulator(options);
	sims.push(sim);
	return sim;
}

afterEach(async () => {
	jest.useRealTimers();
	await Promise.all(sims.map((s) => s.close()));
	sims = [];
});

function raw(sim: Sim): AxiosInstance {
	return axios.create({ baseURL: sim.baseUrl, validateStatus: () => true });
}

async function fetchToken(sim: Sim): Promise<string> {
	const res = await raw(sim).post('/connect/token', CREDENTIALS, { headers: FORM });
	expect(res.status).toBe(200);
	return res.data.access_token;
}

async function api(sim: Sim): Promise<AxiosInstance> {
	const token = await fetchToken(sim);
	return axios.create({
		baseURL: sim.baseUrl,
		validateStatus: () => true,
		headers: { Authorization: `Bearer ${token}` },
	});
}

function expectEnvelope(res: AxiosResponse, status: number, errorCode: string | null) {
	expect(res.status).toBe(status);
	expect(res.data.responseId).toMatch(UUID);
	expect(res.data.hasError).toBe(errorCode !== null);
	expect(res.data.errorCode).toBe(errorCode);
	expect(typeof res.data.errorMessage).toBe('string');
	expect(Object.keys(res.data).sort()).toEqual([
		'data',
		'errorCode',
		'errorMessage',
		'hasError',
		'responseId',
	]);
}

function luhnValid(number: string): boolean {
	let sum = 0;
	for (let i = 0; i < number.length; i++) {
		let d = Number(number[number.length - 1 - i]);
		if (i % 2 === 1) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return sum % 10 === 0;
}

describe('token endpoint', () => {
	test('client credentials in the form answer a standard OAuth2 token response', async () => {
		const sim = await start();
		const res = await raw(sim).post('/connect/token', CREDENTIALS, { headers: FORM });
		expect(res.status).toBe(200);
		expect(res.headers['cache-control']).toBe('no-store');
		expect(Object.keys(res.data).sort()).toEqual([
			'access_token',
			'expires_in',
			'scope',
			'token_type',
		]);
		expect(res.data).toMatchObject({ expires_in: 3600, token_type: 'Bearer', scope: 'openapi' });
		expect(res.data.access_token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
		expect(sim.tokenRequests()).toBe(1);
	});

	test('client credentials in an HTTP Basic header are accepted too', async () => {
		const sim = await start({ tokenTtlSeconds: 120 });
		const basic = Buffer.from('sandbox-client:sandbox-secret').toString('base64');
		const res = await raw(sim).post(
			'/connect/token',
			'grant_type=client_credentials&scope=openapi',
			{
				headers: { ...FORM, Authorization: `Basic ${basic}` },
			},
		);
		expect(res.status).toBe(200);
		expect(res.data.expires_in).toBe(120);
	});

	test('wrong secret and unknown client answer 401 invalid_client', async () => {
		const sim = await start();
		const wrong = await raw(sim).post(
			'/connect/token',
			CREDENTIALS.replace('sandbox-secret', 'nope'),
			{ headers: FORM },
		);
		expect(wrong.status).toBe(401);
		expect(wrong.data.error).toBe('invalid_client');
		expect(typeof wrong.data.error_description).toBe('string');
		const unknown = await raw(sim).post(
			'/connect/token',
			CREDENTIALS.replace('sandbox-client', 'someone'),
			{ headers: FORM },
		);
		expect(unknown.status).toBe(401);
		expect(unknown.data.error).toBe('invalid_client');
		const wrongBasic = await raw(sim).post(
			'/connect/token',
			'grant_type=client_credentials&scope=openapi',
			{
				headers: {
					...FORM,
					Authorization: `Basic ${Buffer.from('sandbox-client:bad').toString('base64')}`,
				},
			},
		);
		expect(wrongBasic.status).toBe(401);
		expect(wrongBasic.data.error).toBe('invalid_client');
	});

	test('missing or wrong scope answers 400 invalid_scope; another grant answers unsupported_grant_type', async () => {
		const sim = await start();
		const noScope = await raw(sim).post(
			'/connect/token',
			CREDENTIALS.replace('&scope=openapi', ''),
			{ headers: FORM },
		);
		expect(noScope.status).toBe(400);
		expect(noScope.data.error).toBe('invalid_scope');
		const badScope = await raw(sim).post(
			'/connect/token',
			CREDENTIALS.replace('scope=openapi', 'scope=admin'),
			{ headers: FORM },
		);
		expect(badScope.status).toBe(400);
		expect(badScope.data.error).toBe('invalid_scope');
		const grant = await raw(sim).post(
			'/connect/token',
			CREDENTIALS.replace('client_credentials', 'password'),
			{ headers: FORM },
		);
		expect(grant.status).toBe(400);
		expect(grant.data.error).toBe('unsupported_grant_type');
	});

	test('accepts form-encoded bodies only', async () => {
		const sim = await start();
		const res = await raw(sim).post('/connect/token', {
			grant_type: 'client_credentials',
			client_id: 'sandbox-client',
			client_secret: 'sandbox-secret',
			scope: 'openapi',
		});
		expect(res.status).toBe(400);
		expect(res.data.error).toBe('invalid_request');
		expect(res.data.access_token).toBeUndefined();
	});

	test('a new token does not revoke older ones; request records hold no secret and no token', async () => {
		const sim = await start();
		const first = await fetchToken(sim);
		const second = await fetchToken(sim);
		expect(first).not.toBe(second);
		for (const token of [first, second]) {
			const res = await raw(sim).get('/v1/ping', { headers: { Authorization: `Bearer ${token}` } });
			expect(res.status).toBe(200);
		}
		const dump = JSON.stringify(sim.requests);
		expect(dump).not.toContain('sandbox-secret');
		expect(dump).not.toContain(first);
		expect(dump).not.toContain(second);
		const pings = sim.apiRequests({ method: 'GET', path: '/v1/ping' });
		expect(pings).toHaveLength(2);
		expect(pings[0].tokenFingerprint).toMatch(/^[0-9a-f]{6}$/);
		expect(pings[0].tokenFingerprint).not.toBe(pings[1].tokenFingerprint);
		expect(sim.requests[0].body.client_secret).toBe('[REDACTED]');
	});
});

describe('authentication of /v1 calls', () => {
	test('no token, a malformed header and an unknown token answer 401 envelopes', async () => {
		const sim = await start();
		const none = await raw(sim).get('/v1/ping');
		expectEnvelope(none, 401, '401');
		expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
		expectEnvelope(
			await raw(sim).get('/v1/accounts', { headers: { Authorization: 'Token abc' } }),
			401,
			'401',
		);
		expectEnvelope(
			await raw(sim).get('/v1/accounts', { headers: { Authorization: 'Bearer made-up' } }),
			401,
			'401',
		);
	});

	test('revokeTokens() makes every issued token answer 401; a new token works', async () => {
		const sim = await start();
		const client = await api(sim);
		expect((await client.get('/v1/ping')).status).toBe(200);
		sim.revokeTokens();
		expectEnvelope(await client.get('/v1/ping'), 401, '401');
		const fresh = await api(sim);
		expect((await fresh.get('/v1/ping')).status).toBe(200);
	});

	test('a token expires after tokenTtlSeconds on the simulator clock', async () => {
		const sim = await start({ tokenTtlSeconds: 60 });
		const client = await api(sim);
		sim.advanceClock(59_000);
		expect((await client.get('/v1/ping')).status).toBe(200);
		sim.advanceClock(1_000);
		const res = await client.get('/v1/ping');
		expectEnvelope(res, 401, '401');
		expect(res.data.errorMessage).toMatch(/expired/);
	});

	test('an injected clock drives expiry too', async () => {
		let now = Date.UTC(2025, 5, 1);
		const sim = await start({ tokenTtlSeconds: 10, now: () => now });
		const client = await api(sim);
		now += 9_999;
		expect((await client.get('/v1/ping')).status).toBe(200);
		now += 1;
		expect((await client.get('/v1/ping')).status).toBe(401);
	});

	test('unknown paths 404, outside /openapi 404, wrong method 405', async () => {
		const sim = await start();
		const client = await api(sim);
		expectEnvelope(await client.get('/v1/nothing'), 404, '404');
		expect(
			(await axios.get(`http://127.0.0.1:${sim.port}/v1/ping`, { validateStatus: () => true }))
				.status,
		).toBe(404);
		const wrong = await client.post('/v1/ping', {});
		expectEnvelope(wrong, 405, '405');
		expect(wrong.headers.allow).toBe('GET');
	});
});

describe('envelope, ping, products, cards, accounts', () => {
	test('every answer carries a fresh responseId; ping says Success', async () => {
		const sim = await start();
		const client = await api(sim);
		const a = await client.get('/v1/ping');
		const b = await client.get('/v1/ping');
		expectEnvelope(a, 200, null);
		expect(a.data.errorMessage).toBe('Success');
		expect(a.data.responseId).not.toBe(b.data.responseId);
	});

	test('products: v1.0 fields only; v1.4 adds cardBinConfigs', async () => {
		const sim = await start();
		const client = await api(sim);
		const v10 = await client.get('/v1/products');
		expectEnvelope(v10, 200, null);
		expect(v10.data.data.map((p: any) => p.productCode)).toEqual(['PROD001', 'PROD002']);
		expect(Object.keys(v10.data.data[0]).sort()).toEqual([
			'cardCurrency',
			'cardModels',
			'description',
			'productCode',
			'productName',
		]);
		sim.setRevision('1.4');
		const v14 = await client.get('/v1/products');
		const configs = v14.data.data[0].cardBinConfigs;
		expect(configs).toHaveLength(4);
		expect(configs[0]).toMatchObject({
			cardModel: 'Standard',
			currency: 'USD',
			cardBin: '504232',
			minTopUpAmount: 10,
		});
		expect(configs[0].permissions).toMatchObject({
			allowTopUpCard: true,
			allowWithdraw: true,
			allowUpdateLimit: false,
		});
		expect(v14.data.data[1].cardBinConfigs[0].permissions.allowWithdraw).toBe(false);
	});

	test('a card answers its full data; unknown cards answer CARD_NOT_FOUND', async () => {
		const sim = await start();
		const client = await api(sim);
		const res = await client.get(`/v1/cards/${IDS.standardUsd}`);
		expectEnvelope(res, 200, null);
		const card = res.data.data;
		expect(card).toMatchObject({
			cardId: 'CARD123456',
			cardModel: 'Standard',
			status: 'Active',
			balanceAmount: 1250.5,
			cardCurrency: 'USD',
			maxAuthAmount: null,
		});
		expect(card.cardNumber).toMatch(/^\d{16}$/);
		expect(luhnValid(card.cardNumber)).toBe(true);
		expect(card.cvv).toMatch(/^\d{3}$/);
		expect(card.expirationMMYY).toMatch(/^\d{2}\/\d{2}$/);
		expect(card.permissions).toBeUndefined();

		const share = (await client.get(`/v1/cards/${IDS.shareUsd}`)).data.data;
		expect(share).toMatchObject({
			maxAuthAmount: 500,
			usedCreditAmount: 1200,
			maxCreditAmount: 10000,
			balanceAmount: 8800,
		});
		expect((await client.get(`/v1/cards/${IDS.standardCancelled}`)).data.data.status).toBe(
			'Cancel',
		);

		expectEnvelope(await client.get('/v1/cards/CARD000000'), 200, 'CARD_NOT_FOUND');
		sim.setRevision('1.4');
		expect(
			(await client.get(`/v1/cards/${IDS.standardUsd}`)).data.data.permissions.allowWithdraw,
		).toBe(true);
	});

	test('cardNotFoundStatus: 404 answers unknown cards with HTTP 404', async () => {
		const sim = await start({ cardNotFoundStatus: 404 });
		expectEnvelope(await (await api(sim)).get('/v1/cards/NOPE'), 404, 'CARD_NOT_FOUND');
	});

	test('accounts answer the balance per currency', async () => {
		const sim = await start();
		const res = await (await api(sim)).get('/v1/accounts');
		expect(res.data.data).toEqual([
			{ currency: 'USD', amount: seed.ACCOUNTS.USD },
			{ currency: 'EUR', amount: seed.ACCOUNTS.EUR },
		]);
	});
});

describe('standard orders', () => {
	test('apply issues a card, debits amount + issue fee, writes logs', async () => {
		const sim = await start();
		const client = await api(sim);
		const res = await client.post('/v1/orders/standard/apply', {
			productCode: 'PROD001',
			cardCurrency: 'USD',
			topUpAmount: 100,
			cardAlias: 'Ads',
			customerOrderNo: 'APPLY-1',
		});
		expectEnvelope(res, 200, null);
		const data = res.data.data;
		expect(data).toMatchObject({
			totalTopUpAmount: 100,
			totalFee: FEES.cardIssue,
			totalPayAmount: 105,
			totalOpened: 1,
			status: 'Completed',
			orderType: 'ApplyCard',
			customerOrderNo: 'APPLY-1',
		});
		expect(data.orderLines[0].feeItems).toEqual([
			{ feeCode: 'CARD_ISSUE', feeName: '开卡费', feeAmount: 5 },
		]);
		expect(data.cardInfos).toHaveLength(1);
		const info = data.cardInfos[0];
		expect(info.maskCardNumber).toMatch(/^504232\*{3}\d{4}$/);
		expect(sim.getBalance('USD')).toBe(seed.ACCOUNTS.USD - 105);
		const card = sim.getCard(info.cardId)!;
		expect(card).toMatchObject({
			status: 'Active',
			balanceAmount: 100,
			alias: 'Ads',
			productCode: 'PROD001',
		});
		expect(info.maskCardNumber.slice(-4)).toBe(card.cardNumber.slice(-4));
		expect(sim.state.orders).toHaveLength(1);
		expect(
			sim.state.accountLogs.map((l: any) => [
				l.accountTransType,
				l.transAmount,
				l.availableBalance,
			]),
		).toEqual([['CardOpen', -105, seed.ACCOUNTS.USD - 105]]);
		expect(
			sim.state.cardLogs.map((l: any) => [
				l.cardAccountLogType,
				l.transAmount.amount,
				l.cardInfo.cardId,
			]),
		).toEqual([['CardOpen', 100, info.cardId]]);
	});

	test('v1.4 apply answers v1.4 fee items', async () => {
		const sim = await start({ revision: '1.4' });
		const res = await (
			await api(sim)
		).post('/v1/orders/standard/apply', {
			productCode: 'PROD002',
			cardCurrency: 'USD',
			topUpAmount: 50,
		});
		expect(res.data.data.orderLines[0].feeItems).toEqual([
			{ feeType: 'OpenCardFee', amount: 5, currency: 'USD' },
		]);
		expect(res.data.data.cardInfos[0].maskCardNumber).toMatch(/^428813\*{3}\d{4}$/);
	});

	test('top-up takes amount + 1% fee (min 1) from the account and adds the amount to the card', async () => {
		const sim = await start();
		const client = await api(sim);
		const big = await client.post('/v1/orders/standard/topup', {
			cardId: IDS.standardUsd,
			topUpAmount: 200,
		});
		expectEnvelope(big, 200, null);
		expect(big.data.data).toMatchObject({
			totalTopUpAmount: 200,
			totalFee: 2,
			totalPayAmount: 202,
			orderType: 'TopUpCard',
			status: 'Completed',
			orderLines: [],
		});
		const small = await client.post('/v1/orders/standard/topup', {
			cardId: IDS.standardUsd,
			topUpAmount: '10',
		});
		expect(small.data.data).toMatchObject({
			totalTopUpAmount: 10,
			totalFee: 1,
			totalPayAmount: 11,
		});
		expect(sim.getCard(IDS.standardUsd)!.balanceAmount).toBe(1460.5);
		expect(sim.getBalance('USD')).toBe(seed.ACCOUNTS.USD - 213);
	});

	test('block, unblock and their status rules', async () => {
		const sim = await start();
		const client = await api(sim);
		const block = await client.post('/v1/orders/standard/block', { cardId: IDS.standardUsd });
		expect(block.data.data).toMatchObject({
			isBlocked: true,
			status: 'Completed',
			orderType: 'CardBlock',
			failureReason: '',
		});
		expect(block.data.data.cardInfo.cardId).toBe(IDS.standardUsd);
		expect(sim.getCard(IDS.standardUsd)!.status).toBe('Blocked');
		const topUp = await client.post('/v1/orders/standard/topup', {
			cardId: IDS.standardUsd,
			topUpAmount: 20,
		});
		expectEnvelope(topUp, 200, 'CARD_STATUS_INVALID');
		expectEnvelope(
			await client.post('/v1/orders/standard/block', { cardId: IDS.standardUsd }),
			200,
			'CARD_STATUS_INVALID',
		);
		const unblock = await client.post('/v1/orders/standard/unblock', { cardId: IDS.standardUsd });
		expect(unblock.data.data).toMatchObject({ status: 'Completed', orderType: 'CardUnblock' });
		expect(unblock.data.data.isBlocked).toBeUndefined();
		expect(sim.getCard(IDS.standardUsd)!.status).toBe('Active');
		expectEnvelope(
			await client.post('/v1/orders/standard/unblock', { cardId: IDS.standardUsd }),
			200,
			'CARD_STATUS_INVALID',
		);
		expect(sim.state.orders).toHaveLength(2);
	});

	test('withdraw: card pays amount + fee, the account receives the amount; without an amount the whole balance leaves', async () => {
		const sim = await start();
		const client = await api(sim);
		const part = await client.post('/v1/orders/standard/withdraw', {
			cardId: IDS.standardUsd,
			withdrawAmount: 50,
		});
		expect(part.data.data).toMatchObject({
			cardId: IDS.standardUsd,
			withdrawAmount: 50,
			withdrawFee: FEES.withdraw,
			totalAmount: 51,
			orderType: 'CardWithdraw',
		});
		expect(sim.getCard(IDS.standardUsd)!.balanceAmount).toBe(1199.5);
		expect(sim.getBalance('USD')).toBe(seed.ACCOUNTS.USD + 50);
		const all = await client.post('/v1/orders/standard/withdraw', { cardId: IDS.standardUsd });
		expect(all.data.data).toMatchObject({
			withdrawAmount: 1198.5,
			withdrawFee: 1,
			totalAmount: 1199.5,
		});
		expect(sim.getCard(IDS.standardUsd)!.balanceAmount).toBe(0);
		expect(sim.getBalance('USD')).toBe(seed.ACCOUNTS.USD + 50 + 1198.5);
		expectEnvelope(
			await client.post('/v1/orders/standard/withdraw', { cardId: IDS.standardUsd }),
			200,
			'INSUFFICIENT_BALANCE',
		);
		expectEnvelope(
			await client.post('/v1/orders/standard/withdraw', {
				cardId: IDS.standardEur,
				withdrawAmount: 300,
			}),
			200,
			'INSUFFICIENT_BALANCE',
		);
	});

	test('cancel returns the balance to the account and ends the card', async () => {
		const sim = await start();
		const client = await api(sim);
		const res = await client.post('/v1/orders/standard/cancel', {
			cardId: IDS.standardEur,
			customerOrderNo: 'CNL-1',
		});
		expect(res.data.data).toMatchObject({
			fee: FEES.cancel,
			settleAmount: 300,
			chargeMethodType: 'FixedValue',
			status: 'Completed',
			settleStatus: 'Completed',
			orderType: 'CardCancel',
		});
		expect(sim.getCard(IDS.standardEur)).toMatchObject({ status: 'Cancel', balanceAmount: 0 });
		expect(sim.getBalance('EUR')).toBe(seed.ACCOUNTS.EUR + 300);
		for (const [path, body] of [
			['/v1/orders/standard/topup', { cardId: IDS.standardEur, topUpAmount: 10 }],
			['/v1/orders/standard/unblock', { cardId: IDS.standardEur }],
			['/v1/orders/standard/cancel', { cardId: IDS.standardEur }],
			['/v1/orders/standard/withdraw', { cardId: IDS.standardEur }],
		] as const) {
			expectEnvelope(await client.post(path, body), 200, 'CARD_STATUS_INVALID');
		}
	});

	test('business errors: unknown card, wrong model, product, insufficient balance; nothing changes', async () => {
		const sim = await start();
		const client = await api(sim);
		expectEnvelope(
			await client.post('/v1/orders/standard/topup', { cardId: 'CARD000000', topUpAmount: 5 }),
			200,
			'CARD_NOT_FOUND',
		);
		const wrongModel = await client.post('/v1/orders/standard/topup', {
			cardId: IDS.shareUsd,
			topUpAmount: 5,
		});
		expectEnvelope(wrongModel, 200, 'CARD_STATUS_INVALID');
		expect(wrongModel.data.errorMessage).toMatch(/ShareBalance/);
		expectEnvelope(
			await client.post('/v1/orders/standard/apply', {
				productCode: 'PROD999',
				cardCurrency: 'USD',
				topUpAmount: 10,
			}),
			200,
			'PRODUCT_NOT_AVAILABLE',
		);
		expectEnvelope(
			await client.post('/v1/orders/standard/apply', {
				productCode: 'PROD002',
				cardCurrency: 'EUR',
				topUpAmount: 10,
			}),
			200,
			'PRODUCT_NOT_AVAILABLE',
		);
		expectEnvelope(
			await client.post('/v1/orders/sharebalance/apply', {
				productCode: 'PROD002',
				cardCurrency: 'USD',
				maxAuthAmount: 10,
			}),
			200,
			'PRODUCT_NOT_AVAILABLE',
		);
		const poor = await client.post('/v1/orders/standard/apply', {
			productCode: 'PROD001',
			cardCurrency: 'USD',
			topUpAmount: 99_996,
		});
		expectEnvelope(poor, 200, 'INSUFFICIENT_BALANCE');
		expect(poor.data.errorMessage).toContain('100001.00');
		expectEnvelope(
			await client.post('/v1/orders/standard/topup', {
				cardId: IDS.standardExpired,
				topUpAmount: 5,
			}),
			200,
			'CARD_STATUS_INVALID',
		);
		expect(sim.state.orders).toHaveLength(0);
		expect(sim.getBalance('USD')).toBe(seed.ACCOUNTS.USD);
		expect(sim.state.accountLogs).toHaveLength(0);
	});
});

describe('share-balance orders', () => {
	test('apply (v1.0: no total limit) charges the issue fee and issues a card with limits', async () => {
		const sim = await start();
		const client = await api(sim);
		const res = await client.post('/v1/orders/sharebalance/apply', {
			productCode: 'PROD001',
			cardCurrency: 'EUR',
			maxAuthAmount: 250.5,
		});
		expectEnvelope(res, 200, null);
		const data = res.data.data;
		expect(data).toMatchObject({
			quantity: 1,
			maxAuthAmount: 250.5,
			maxCreditAmount: null,
			totalAmount: 5,
			transFee: 5,
			openedQty: 1,
			status: 'Completed',
			orderType: 'ApplyCard',
		});
		const card = sim.getCard(data.cardInfos[0].cardId)!;
		expect(card).toMatchObject({
			cardModel: 'ShareBalance',
			maxAuthAmount: 250.5,
			maxCreditAmount: null,
			usedCreditAmount: 0,
			cardCurrency: 'EUR',
		});
		expect(sim.getBalance('EUR')).toBe(seed.ACCOUNTS.EUR - 5);
		expect(card.balanceAmount).toBe(seed.ACCOUNTS.EUR - 5);
	});

	test('v1.4 apply answers masked cardInfos and requires a whole maxCreditAmount >= 1', async () => {
		const sim = await start({ revision: '1.4' });
		const client = await api(sim);
		const missing = await client.post('/v1/orders/sharebalance/apply', {
			productCode: 'PROD001',
			cardCurrency: 'USD',
			maxAuthAmount: 100,
		});
		expectEnvelope(missing, 400, 'INVALID_PARAMETER');
		expect(missing.data.errorMessage).toMatch(/^maxCreditAmount is required/);
		const fraction = await client.post('/v1/orders/sharebalance/apply', {
			productCode: 'PROD001',
			cardCurrency: 'USD',
			maxAuthAmount: 100,
			maxCreditAmount: 1000.5,
		});
		expect(fraction.data.errorMessage).toMatch(/^maxCreditAmount must be a whole number/);
		const ok = await client.post('/v1/orders/sharebalance/apply', {
			productCode: 'PROD001',
			cardCurrency: 'USD',
			maxAuthAmount: 100,
			maxCreditAmount: 1000,
		});
		const info = ok.data.data.cardInfos[0];
		expect(info).toMatchObject({ cvv: '***', status: 'Active' });
		expect(info.cardNumber).toMatch(/^5\*{11}\d{4}$/);
		expect(sim.getCard(info.cardId)!.maxCreditAmount).toBe(1000);
	});

	test('creditLimit changes limits; below the used credit is LIMIT_EXCEEDED', async () => {
		const sim = await start();
		const client = await api(sim);
		const res = await client.post('/v1/orders/sharebalance/creditLimit', {
			cardId: IDS.shareUsd,
			maxAuthAmount: 800,
			maxCreditAmount: 5000,
			customerOrderNo: 'LMT-1',
		});
		expect(res.data.data).toMatchObject({
			cardId: IDS.shareUsd,
			maxAuthAmount: 800,
			maxCreditAmount: 5000,
			orderType: 'ModifyCreditLimit',
			status: 'Completed',
		});
		expect(sim.getCard(IDS.shareUsd)).toMatchObject({ maxAuthAmount: 800, maxCreditAmount: 5000 });
		const below = await client.post('/v1/orders/sharebalance/creditLimit', {
			cardId: IDS.shareUsd,
			maxAuthAmount: 100,
			maxCreditAmount: 1000,
		});
		expectEnvelope(below, 200, 'LIMIT_EXCEEDED');
		expect(sim.getCard(IDS.shareUsd)!.maxCreditAmount).toBe(5000);
		const unlimited = await client.post('/v1/orders/sharebalance/creditLimit', {
			cardId: IDS.shareUsd,
			maxAuthAmount: 100,
			maxCreditAmount: null,
		});
		expect(unlimited.data.data.maxCreditAmount).toBeNull();
		expect(sim.getCard(IDS.shareUsd)!.maxCreditAmount).toBeNull();
		expectEnvelope(
			await client.post('/v1/orders/sharebalance/creditLimit', {
				cardId: IDS.standardUsd,
				maxAuthAmount: 100,
			}),
			200,
			'CARD_STATUS_INVALID',
		);
	});

	test('block, unblock, cancel change the card status; cancel moves no money', async () => {
		const sim = await start();
		const client = await api(sim);
		expect(
			(await client.post('/v1/orders/sharebalance/block', { cardId: IDS.shareEur })).data.data,
		).toMatchObject({ isBlocked: true, orderType: 'CardBlock' });
		expect(sim.getCard(IDS.shareEur)!.status).toBe('Blocked');
		expect(
			(await client.post('/v1/orders/sharebalance/unblock', { cardId: IDS.shareEur })).data.data
				.orderType,
		).toBe('CardUnblock');
		expect(sim.getCard(IDS.shareEur)!.status).toBe('Active');
		const cancel = await client.post('/v1/orders/sharebalance/cancel', { cardId: IDS.shareEur });
		expect(cancel.data.data).toMatchObject({
			fee: 0,
			orderType: 'CardCancel',
			status: 'Completed',
			settleStatus: 'Completed',
		});
		expect(cancel.data.data.settleAmount).toBeUndefined();
		expect(sim.getCard(IDS.shareEur)).toMatchObject({ status: 'Cancel', balanceAmount: 0 });
		expect(sim.getBalance('EUR')).toBe(seed.ACCOUNTS.EUR);
		expectEnvelope(
			await client.post('/v1/orders/sharebalance/unblock', { cardId: IDS.shareCancelled }),
			200,
			'CARD_STATUS_INVALID',
		);
		expectEnvelope(
			await client.post('/v1/orders/sharebalance/block', { cardId: IDS.standardUsd }),
			200,
			'CARD_STATUS_INVALID',
		);
	});
});

describe('customerOrderNo and validation', () => {
	test('a repeated customerOrderNo is DUPLICATE_ORDER across endpoints and models; nothing changes', async () => {
		const sim = await start();
		const client = await api(sim);
		expectEnvelope(
			await client.post('/v1/orders/standard/topup', {
				cardId: IDS.standardUsd,
				topUpAmount: 100,
				customerOrderNo: 'DUP-1',
			}),
			200,
			null,
		);
		const before = {
			usd: sim.getBalance('USD'),
			card: sim.getCard(IDS.standardUsd)!.balanceAmount,
			orders: sim.state.orders.length,
			logs: sim.state.accountLogs.length,
		};
		const again = await client.post('/v1/orders/standard/topup', {
			cardId: IDS.standardUsd,
			topUpAmount: 100,
			customerOrderNo: 'DUP-1',
		});
		expectEnvelope(again, 200, 'DUPLICATE_ORDER');
		expect(again.data.errorMessage).toContain('DUP-1');
		expectEnvelope(
			await client.post('/v1/orders/sharebalance/block', {
				cardId: IDS.shareUsd,
				customerOrderNo: 'DUP-1',
			}),
			200,
			'DUPLICATE_ORDER',
		);
		expectEnvelope(
			await client.post('/v1/orders/standard/apply', {
				productCode: 'PROD001',
				cardCurrency: 'USD',
				topUpAmount: 10,
				customerOrderNo: 'DUP-1',
			}),
			200,
			'DUPLICATE_ORDER',
		);
		expect(sim.getCard(IDS.shareUsd)!.status).toBe('Active');
		expect({
			usd: sim.getBalance('USD'),
			card: sim.getCard(IDS.standardUsd)!.balanceAmount,
			orders: sim.state.orders.length,
			logs: sim.state.accountLogs.length,
		}).toEqual(before);
		// a refused order does not use up its number
		expectEnvelope(
			await client.post('/v1/orders/standard/topup', {
				cardId: IDS.standardBlocked,
				topUpAmount: 5,
				customerOrderNo: 'FRESH',
			}),
			200,
			'CARD_STATUS_INVALID',
		);
		expectEnvelope(
			await client.post('/v1/orders/standard/topup', {
				cardId: IDS.standardUsd,
				topUpAmount: 5,
				customerOrderNo: 'FRESH',
			}),
			200,
			null,
		);
	});

	test.each([
		[{ topUpAmount: 10 }, /^cardId is required/],
		[{ cardId: 123, topUpAmount: 10 }, /^cardId must be a string/],
		[{ cardId: IDS.standardUsd }, /^topUpAmount is required/],
		[{ cardId: IDS.standardUsd, topUpAmount: 'ten' }, /^topUpAmount must be a number/],
		[{ cardId: IDS.standardUsd, topUpAmount: true }, /^topUpAmount must be a number/],
		[
			{ cardId: IDS.standardUsd, topUpAmount: 10.005 },
			/^topUpAmount must have at most 2 decimal places/,
		],
		[{ cardId: IDS.standardUsd, topUpAmount: 0.99 }, /^topUpAmount must be at least 1/],
		[{ cardId: IDS.standardUsd, topUpAmount: -5 }, /^topUpAmount must be at least 1/],
		[
			{ cardId: IDS.standardUsd, topUpAmount: 10, customerOrderNo: 'X'.repeat(33) },
			/^customerOrderNo must be at most 32 characters/,
		],
		[
			{ cardId: IDS.standardUsd, topUpAmount: 10, customerOrderNo: 42 },
			/^customerOrderNo must be a string/,
		],
	])('top-up body %j is refused with a message naming the field', async (body, message) => {
		const sim = await start();
		const res = await (await api(sim)).post('/v1/orders/standard/topup', body);
		expectEnvelope(res, 400, 'INVALID_PARAMETER');
		expect(res.data.errorMessage).toMatch(message);
		expect(sim.state.orders).toHaveLength(0);
	});

	test('customerOrderNo of exactly 32 characters and numeric-string amounts with 2 decimals are accepted', async () => {
		const sim = await start();
		const res = await (
			await api(sim)
		).post('/v1/orders/standard/topup', {
			cardId: IDS.standardUsd,
			topUpAmount: '12.34',
			customerOrderNo: 'Y'.repeat(LIMITS.customerOrderNoMaxLength),
		});
		expectEnvelope(res, 200, null);
		expect(res.data.data.totalTopUpAmount).toBe(12.34);
	});

	test('apply validates currency format; bodies must be JSON objects', async () => {
		const sim = await start();
		const client = await api(sim);
		const lower = await client.post('/v1/orders/standard/apply', {
			productCode: 'PROD001',
			cardCurrency: 'usd',
			topUpAmount: 10,
		});
		expect(lower.data.errorMessage).toMatch(/^cardCurrency must be a 3-letter/);
		const form = await client.post('/v1/orders/standard/block', 'cardId=CARD123456', {
			headers: FORM,
		});
		expectEnvelope(form, 415, '415');
		const broken = await client.post('/v1/orders/standard/block', '{"cardId":', {
			headers: { 'Content-Type': 'application/json' },
			transformRequest: [(data: unknown) => data],
		});
		expectEnvelope(broken, 400, 'INVALID_PARAMETER');
		expect(broken.data.errorMessage).toMatch(/^body is not valid JSON/);
		const array = await client.post('/v1/orders/standard/block', [IDS.standardUsd]);
		expect(array.data.errorMessage).toBe('body must be a JSON object');
		expect(sim.state.orders).toHaveLength(0);
	});

	test('share-balance limits: v1.0 needs maxAuthAmount > 0 and not above maxCreditAmount', async () => {
		const sim = await start();
		const client = await api(sim);
		const noAuth = await client.post('/v1/orders/sharebalance/apply', {
			productCode: 'PROD001',
			cardCurrency: 'USD',
		});
		expect(noAuth.data.errorMessage).toMatch(/^maxAuthAmount is required/);
		const zero = await client.post('/v1/orders/sharebalance/apply', {
			productCode: 'PROD001',
			cardCurrency: 'USD',
			maxAuthAmount: 0,
		});
		expect(zero.data.errorMessage).toMatch(/^maxAuthAmount must be greater than 0/);
		const above = await client.post('/v1/orders/sharebalance/apply', {
			productCode: 'PROD001',
			cardCurrency: 'USD',
			maxAuthAmount: 500,
			maxCreditAmount: 100,
		});
		expect(above.status).toBe(400);
		expect(above.data.errorMessage).toMatch(/^maxAuthAmount must not exceed maxCreditAmount/);
	});
});

describe('order query', () => {
	test('by orderNo or customerOrderNo; type, model and number must all match (v1.0 ORDER_NOT_FOUND)', async () => {
		const sim = await start();
		const client = await api(sim);
		const placed = await client.post('/v1/orders/standard/topup', {
			cardId: IDS.standardUsd,
			topUpAmount: 100,
			customerOrderNo: 'Q-1',
		});
		const orderNo = placed.data.data.orderNo;
		const byNo = await client.get('/v1/orders/standard', { params: { OrderNo: orderNo } });
		expectEnvelope(byNo, 200, null);
		expect(byNo.data.data).toMatchObject({
			orderNo,
			orderType: 'CardTopUp',
			topUpAmount: 100,
			fee: 1,
			totalAmount: 101,
			status: 'Completed',
			customerOrderNo: 'Q-1',
		});
		// Exactly the fields of the v1.4 example, no more.
		expect(Object.keys(byNo.data.data).sort()).toEqual(
			[
				'orderNo',
				'cardInfo',
				'topUpAmount',
				'fee',
				'totalAmount',
				'status',
				'orderType',
				'createdOn',
				'modifiedOn',
				'completedOn',
				'customerOrderNo',
			].sort(),
		);
		expect(byNo.data.data.cardInfo).toEqual({
			cardId: IDS.standardUsd,
			cardAlias: expect.anything(),
			maskedCardNumber: expect.stringMatching(/^\*{4}\d{4}$/),
		});
		const byCustomer = await client.get('/v1/orders/standard', {
			params: { OrderType: 'CardTopUp', CustomerOrderNo: 'Q-1' },
		});
		expect(byCustomer.data.data.orderNo).toBe(orderNo);
		expectEnvelope(
			await client.get('/v1/orders/standard', {
				params: { OrderType: 'CardBlock', OrderNo: orderNo },
			}),
			200,
			'ORDER_NOT_FOUND',
		);
		expectEnvelope(
			await client.get('/v1/orders/sharebalance', { params: { CustomerOrderNo: 'Q-1' } }),
			200,
			'ORDER_NOT_FOUND',
		);
		expectEnvelope(
			await client.get('/v1/orders/standard', { params: { OrderNo: 'ORD0' } }),
			200,
			'ORDER_NOT_FOUND',
		);
		const badType = await client.get('/v1/orders/standard', {
			params: { OrderType: 'CreditLimit', OrderNo: orderNo },
		});
		expectEnvelope(badType, 400, 'INVALID_PARAMETER');
		expect(badType.data.errorMessage).toMatch(/^OrderType must be one of ApplyCard, CardTopUp/);
		const neither = await client.get('/v1/orders/standard', { params: { OrderType: 'CardTopUp' } });
		expectEnvelope(neither, 400, 'INVALID_PARAMETER');
	});

	test('v1.4 requires orderType and answers data null for an unknown order', async () => {
		const sim = await start({ revision: '1.4' });
		const client = await api(sim);
		const placed = await client.post('/v1/orders/sharebalance/block', {
			cardId: IDS.shareUsd,
			customerOrderNo: 'Q-2',
		});
		expect(placed.data.data.failureReason).toBeNull();
		const missing = await client.get('/v1/orders/sharebalance', {
			params: { customerOrderNo: 'Q-2' },
		});
		expectEnvelope(missing, 400, 'INVALID_PARAMETER');
		expect(missing.data.errorMessage).toMatch(/^orderType is required/);
		const found = await client.get('/v1/orders/sharebalance', {
			params: { orderType: 'CardBlock', customerOrderNo: 'Q-2' },
		});
		expect(found.data.data).toMatchObject({
			orderType: 'CardBlock',
			status: 'Completed',
			customerOrderNo: 'Q-2',
			failureReason: null,
		});
		// The v1.4 example shows no card ID: the card number, masked and in full, and the card's status.
		expect(found.data.data.cardInfo).toEqual({
			cardNo: expect.stringMatching(/^\d{16}$/),
			cardStatus: 'Blocked',
			maskedCardNo: expect.stringMatching(/^\d{6}\*{6}\d{4}$/),
		});
		expect(found.data.data).not.toHaveProperty('maxCreditAmount');
		const none = await client.get('/v1/orders/sharebalance', {
			params: { orderType: 'CardUnblock', customerOrderNo: 'Q-2' },
		});
		expectEnvelope(none, 200, null);
		expect(none.data.data).toBeNull();
	});

	test('orderCompletion afterMs: Processing first, Completed later; the card appears on completion', async () => {
		// The completion timer runs on jest's clock, so the order is still processing however slow the machine.
		jest.useFakeTimers({
			doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'Date', 'hrtime', 'performance'],
		});
		const sim = await start({ orderCompletion: { afterMs: 150 } });
		const client = await api(sim);
		const placed = await client.post('/v1/orders/standard/apply', {
			productCode: 'PROD001',
			cardCurrency: 'USD',
			topUpAmount: 20,
			customerOrderNo: 'ASYNC-1',
		});
		expect(placed.data.data).toMatchObject({
			status: 'Processing',
			totalOpened: 0,
			cardInfos: [],
			completedOn: null,
		});
		expect(sim.getBalance('USD')).toBe(seed.ACCOUNTS.USD - 25);
		const early = await client.get('/v1/orders/standard', {
			params: { OrderType: 'ApplyCard', CustomerOrderNo: 'ASYNC-1' },
		});
		expect(early.data.data.status).toBe('Processing');
		jest.advanceTimersByTime(149);
		const stillEarly = await client.get('/v1/orders/standard', {
			params: { OrderType: 'ApplyCard', CustomerOrderNo: 'ASYNC-1' },
		});
		expect(stillEarly.data.data.status).toBe('Processing');
		jest.advanceTimersByTime(1);
		jest.useRealTimers();
		const late = await client.get('/v1/orders/standard', {
			params: { OrderType: 'ApplyCard', CustomerOrderNo: 'ASYNC-1' },
		});
		expect(late.data.data).toMatchObject({ status: 'Completed', totalOpened: 1 });
		expect(late.data.data).not.toHaveProperty('cardInfos');
		expect(
			sim.getCard(sim.getOrders({ customerOrderNo: 'ASYNC-1' })[0].cardId!)!.balanceAmount,
		).toBe(20);
	});

	test('a pending block locks the card against other status changes (ORDER_STATUS_INVALID)', async () => {
		// Long enough to be still pending on any machine; close() clears the timer.
		const sim = await start({ orderCompletion: { afterMs: 60_000 } });
		const client = await api(sim);
		expect(
			(await client.post('/v1/orders/standard/block', { cardId: IDS.standardUsd })).data.data
				.isBlocked,
		).toBe(false);
		expectEnvelope(
			await client.post('/v1/orders/standard/cancel', { cardId: IDS.standardUsd }),
			200,
			'ORDER_STATUS_INVALID',
		);
	});

	test('failNextOrder: the order is accepted, ends Failed with the reason, and the money comes back', async () => {
		const sim = await start();
		const client = await api(sim);
		const handle = sim.failNextOrder({
			reason: 'Card issuer declined',
			match: { orderType: 'CardTopUp' },
		});
		const block = await client.post('/v1/orders/standard/block', { cardId: IDS.standardEur });
		expect(block.data.data.status).toBe('Completed');
		const res = await client.post('/v1/orders/standard/topup', {
			cardId: IDS.standardUsd,
			topUpAmount: 100,
			customerOrderNo: 'FAIL-1',
		});
		expectEnvelope(res, 200, null);
		expect(res.data.data.status).toBe('Failed');
		// The top-up examples show no failureReason: a documented server does not say why.
		expect(res.data.data).not.toHaveProperty('failureReason');
		expect(handle.hits).toBe(1);
		expect(sim.getBalance('USD')).toBe(seed.ACCOUNTS.USD);
		expect(sim.getCard(IDS.standardUsd)!.balanceAmount).toBe(1250.5);
		const query = await client.get('/v1/orders/standard', {
			params: { CustomerOrderNo: 'FAIL-1' },
		});
		expect(query.data.data.status).toBe('Failed');
		expect(query.data.data).not.toHaveProperty('failureReason');
		expect(sim.getOrders({ status: 'Failed' })).toHaveLength(1);
		expect(sim.state.accountLogs.map((l: any) => l.accountTransType)).toEqual([
			'CardTopUp',
			'OrderRefund',
		]);
		// the number is used up even though the order failed
		expectEnvelope(
			await client.post('/v1/orders/standard/topup', {
				cardId: IDS.standardUsd,
				topUpAmount: 100,
				customerOrderNo: 'FAIL-1',
			}),
			200,
			'DUPLICATE_ORDER',
		);
	});

	test("orderViews 'extended': the fields the examples do not show are added", async () => {
		const sim = await start({ revision: '1.4', orderViews: 'extended' });
		const client = await api(sim);
		sim.failNextOrder({ reason: 'Card issuer declined', match: { orderType: 'CardTopUp' } });
		const failed = await client.post('/v1/orders/standard/topup', {
			cardId: IDS.standardUsd,
			topUpAmount: 100,
			customerOrderNo: 'X-1',
		});
		expect(failed.data.data.failureReason).toBe('Card issuer declined');
		const query = await client.get('/v1/orders/standard', {
			params: { orderType: 'CardTopUp', customerOrderNo: 'X-1' },
		});
		expect(query.data.data.failureReason).toBe('Card issuer declined');
		await client.post('/v1/orders/sharebalance/creditLimit', {
			cardId: IDS.shareUsd,
			maxAuthAmount: 100,
			maxCreditAmount: 5000,
			customerOrderNo: 'X-2',
		});
		const limit = await client.get('/v1/orders/sharebalance', {
			params: { orderType: 'CreditLimit', customerOrderNo: 'X-2' },
		});
		expect(limit.data.data).toMatchObject({
			maxAuthAmount: 100,
			maxCreditAmount: 5000,
			cardInfo: expect.objectContaining({ cardId: IDS.shareUsd }),
		});
	});

	test('duplicateOrderStatus and orderNotFoundStatus: the envelope on an error status', async () => {
		const sim = await start({ duplicateOrderStatus: 409, orderNotFoundStatus: 404 });
		const client = await api(sim);
		await client.post('/v1/orders/standard/topup', {
			cardId: IDS.standardUsd,
			topUpAmount: 10,
			customerOrderNo: 'S-1',
		});
		expectEnvelope(
			await client.post('/v1/orders/standard/topup', {
				cardId: IDS.standardUsd,
				topUpAmount: 10,
				customerOrderNo: 'S-1',
			}),
			409,
			'DUPLICATE_ORDER',
		);
		expectEnvelope(
			await client.get('/v1/orders/standard', { params: { OrderNo: 'ORD0' } }),
			404,
			'ORDER_NOT_FOUND',
		);
		await expect(start({ duplicateOrderStatus: 500 as never })).rejects.toThrow(
			/duplicateOrderStatus must be one of 200, 400, 409/,
		);
	});

	test("duplicateRefusal 'generic': a repeat gets HTTP 400 with the generic code and a Chinese message, nothing changes", async () => {
		const sim = await start({ duplicateRefusal: 'generic' });
		const client = await api(sim);
		const order = { cardId: IDS.standardUsd, topUpAmount: 10, customerOrderNo: 'G-1' };
		await client.post('/v1/orders/standard/topup', order);
		const balance = sim.getBalance('USD');
		const repeat = await client.post('/v1/orders/standard/topup', order);
		expectEnvelope(repeat, 400, '400');
		expect(repeat.data.errorMessage).toBe('订单号重复');
		expect(sim.getOrders({ customerOrderNo: 'G-1' })).toHaveLength(1);
		expect(sim.getBalance('USD')).toBe(balance);
		await expect(start({ duplicateRefusal: 'DUPLICATE' as never })).rejects.toThrow(
			/duplicateRefusal must be one of "DUPLICATE_ORDER", "generic"/,
		);
	});

	test.each([
		['documented', undefined],
		['extended', expect.any(String)],
	] as const)(
		'v1.4 share-balance cancel with orderViews %s: the fields only the field table lists come only on request',
		async (orderViews, source) => {
			const sim = await start({ revision: '1.4', orderViews });
			const client = await api(sim);
			const cancel = await client.post('/v1/orders/sharebalance/cancel', { cardId: IDS.shareEur });
			expect(cancel.data.data.cancelCardSource).toEqual(source);
			expect('feePricingStandard' in cancel.data.data).toBe(orderViews === 'extended');
		},
	);
});

describe('fund logs pagination', () => {
	async function logsSim(revision: '1.0' | '1.4', n: number) {
		const sim = await start({ revision });
		const range = sim.addAccountLogs(n);
		const cardRange = sim.addCardLogs(IDS.standardUsd, n);
		return { sim, client: await api(sim), range, cardRange };
	}

	test.each([0, 1, 100, 101, 250])(
		'v1.0: %i records through PageNumber/PageSize and Limit/Offset',
		async (n) => {
			const { client, cardRange } = await logsSim('1.0', n);
			const pageSize = 100;
			const pages = Math.ceil(n / pageSize);
			const seen: string[] = [];
			for (let page = 1; page <= Math.max(pages, 1); page++) {
				const res = await client.get('/v1/accounts/cardAccountLogs', {
					params: { CardId: IDS.standardUsd, PageNumber: page, PageSize: pageSize },
				});
				expectEnvelope(res, 200, null);
				expect(res.data.data).toMatchObject({
					totalRecords: n,
					totalPages: pages,
					pageNumber: page,
					pageSize,
				});
				expect(res.data.data.data).toHaveLength(
					Math.min(pageSize, Math.max(0, n - (page - 1) * pageSize)),
				);
				seen.push(...res.data.data.data.map((r: any) => r.accountLogId));
			}
			expect(new Set(seen).size).toBe(n);
			const times = (
				await client.get('/v1/accounts/cardAccountLogs', {
					params: {
						CardId: IDS.standardUsd,
						PageSize: 100,
						TransactionDateFrom: cardRange.from,
						TransactionDateTo: cardRange.to,
					},
				})
			).data.data;
			expect(times.totalRecords).toBe(n);
			const transTimes = times.data.map((r: any) => r.transTime);
			expect(transTimes).toEqual([...transTimes].sort().reverse());

			const seenAccount: string[] = [];
			for (let offset = 0; offset < Math.max(n, 1); offset += pageSize) {
				const res = await client.get('/v1/accounts/accountLogs', {
					params: { Limit: pageSize, Offset: offset },
				});
				expect(res.data.data).toMatchObject({
					totalRecords: n,
					totalPages: pages,
					pageNumber: offset / pageSize + 1,
					pageSize,
				});
				seenAccount.push(...res.data.data.data.map((r: any) => r.id));
			}
			expect(new Set(seenAccount).size).toBe(n);
		},
	);

	test.each([0, 1, 100, 101, 250])('v1.4: %i records through pageIndex/pageSize', async (n) => {
		const { client } = await logsSim('1.4', n);
		const pages = Math.ceil(n / 100);
		for (const endpoint of ['/v1/accounts/cardAccountLogs', '/v1/accounts/accountLogs']) {
			const seen: string[] = [];
			for (let pageIndex = 1; pageIndex <= Math.max(pages, 1); pageIndex++) {
				const res = await client.get(endpoint, {
					params: { pageIndex, pageSize: 100, cardId: IDS.standardUsd },
				});
				expectEnvelope(res, 200, null);
				expect(Object.keys(res.data.data).sort()).toEqual([
					'items',
					'pageIndex',
					'pageSize',
					'totalCount',
					'totalPages',
				]);
				expect(res.data.data).toMatchObject({
					pageIndex,
					pageSize: 100,
					totalCount: n,
					totalPages: pages,
				});
				seen.push(...res.data.data.items.map((r: any) => r.accountLogId || r.id));
			}
			expect(new Set(seen).size).toBe(n);
		}
	});

	test('defaults to page 1 of 10; page size above 100 is refused', async () => {
		const { sim, client } = await logsSim('1.0', 25);
		const first = await client.get('/v1/accounts/accountLogs');
		expect(first.data.data).toMatchObject({
			pageNumber: 1,
			pageSize: 10,
			totalRecords: 25,
			totalPages: 3,
		});
		expect(first.data.data.data).toHaveLength(10);
		const tooBig = await client.get('/v1/accounts/cardAccountLogs', { params: { PageSize: 101 } });
		expectEnvelope(tooBig, 400, 'INVALID_PARAMETER');
		expect(tooBig.data.errorMessage).toMatch(/^PageSize must be at most 100/);
		expect(
			(await client.get('/v1/accounts/accountLogs', { params: { Limit: 101 } })).data.errorMessage,
		).toMatch(/^Limit must be at most 100/);
		expect(
			(await client.get('/v1/accounts/accountLogs', { params: { Offset: -1 } })).data.errorMessage,
		).toMatch(/^Offset must be at least 0/);
		sim.setRevision('1.4');
		expect(
			(await client.get('/v1/accounts/accountLogs', { params: { pageSize: 101 } })).data
				.errorMessage,
		).toMatch(/^pageSize must be at most 100/);
		expect(
			(await client.get('/v1/accounts/accountLogs', { params: { pageIndex: 0 } })).data
				.errorMessage,
		).toMatch(/^pageIndex must be at least 1/);
	});

	test("the other revision's parameter names are ignored; names match without regard to case", async () => {
		const { sim, client } = await logsSim('1.0', 30);
		// PageSize is a v1.0 name too (names match without case); pageIndex is not, so page 1 comes back
		const v14Names = await client.get('/v1/accounts/cardAccountLogs', {
			params: { pageIndex: 3, pageSize: 5 },
		});
		expect(v14Names.data.data).toMatchObject({ pageNumber: 1, pageSize: 5, totalRecords: 30 });
		const v14OnOffset = await client.get('/v1/accounts/accountLogs', {
			params: { pageIndex: 3, pageSize: 5 },
		});
		expect(v14OnOffset.data.data).toMatchObject({ pageNumber: 1, pageSize: 10, totalRecords: 30 });
		expect(v14OnOffset.data.data.data).toHaveLength(10);
		const lower = await client.get('/v1/accounts/cardAccountLogs', {
			params: { pagenumber: 3, PAGESIZE: 5, cardid: IDS.standardUsd },
		});
		expect(lower.data.data).toMatchObject({ pageNumber: 3, pageSize: 5, totalRecords: 30 });
		const otherCard = await client.get('/v1/accounts/cardAccountLogs', {
			params: { CARDID: IDS.standardEur },
		});
		expect(otherCard.data.data.totalRecords).toBe(0);
		sim.setRevision('1.4');
		const v10Names = await client.get('/v1/accounts/accountLogs', {
			params: { Limit: 5, Offset: 10, PageNumber: 2 },
		});
		expect(v10Names.data.data).toMatchObject({ pageIndex: 1, pageSize: 10, totalCount: 30 });
		expect(v10Names.data.data.items).toHaveLength(10);
		const mixed = await client.get('/v1/accounts/accountLogs', {
			params: { PageIndex: 2, PAGESIZE: 7 },
		});
		expect(mixed.data.data).toMatchObject({ pageIndex: 2, pageSize: 7, totalPages: 5 });
	});

	test('date filters: range, unparsable and reversed ranges', async () => {
		const { client, range } = await logsSim('1.0', 12);
		const within = await client.get('/v1/accounts/accountLogs', {
			params: { TransactionDateFrom: range.from, TransactionDateTo: range.from },
		});
		expect(within.data.data.totalRecords).toBe(1);
		const outside = await client.get('/v1/accounts/accountLogs', {
			params: { TransactionDateFrom: '2030-01-01T00:00:00Z' },
		});
		expect(outside.data.data).toMatchObject({ totalRecords: 0, totalPages: 0, data: [] });
		const bad = await client.get('/v1/accounts/accountLogs', {
			params: { TransactionDateFrom: 'yesterday' },
		});
		expectEnvelope(bad, 400, 'INVALID_PARAMETER');
		expect(bad.data.errorMessage).toMatch(/^TransactionDateFrom must be an ISO 8601 date-time/);
		const feb30 = await client.get('/v1/accounts/accountLogs', {
			params: { TransactionDateTo: '2025-02-30' },
		});
		expect(feb30.data.errorMessage).toMatch(/^TransactionDateTo is not a valid date-time/);
		const reversed = await client.get('/v1/accounts/cardAccountLogs', {
			params: { TransactionDateFrom: range.to, TransactionDateTo: range.from },
		});
		expect(reversed.data.errorMessage).toMatch(
			/^TransactionDateFrom must not be later than TransactionDateTo/,
		);
	});

	test('seed option generates history on top of logs written by orders', async () => {
		const sim = await start({ seed: { accountLogs: 7, cardLogs: 6 } });
		const client = await api(sim);
		await client.post('/v1/orders/standard/topup', { cardId: IDS.standardUsd, topUpAmount: 10 });
		const accountLogs = (await client.get('/v1/accounts/accountLogs')).data.data;
		expect(accountLogs.totalRecords).toBe(8);
		expect(accountLogs.data[0].accountTransType).toBe('CardTopUp');
		expect((await client.get('/v1/accounts/cardAccountLogs')).data.data.totalRecords).toBe(7);
	});
});

describe('v1.4 transactions', () => {
	test('absent in v1.0', async () => {
		const sim = await start();
		expectEnvelope(
			await (
				await api(sim)
			).get('/v1/transactions', {
				params: { transactionDateFrom: '2024-01-01', transactionDateTo: '2026-01-01' },
			}),
			404,
			'404',
		);
	});

	test('cursor pages end with "None"; filters by card and status', async () => {
		const sim = await start({ revision: '1.4' });
		const client = await api(sim);
		const range = sim.addTransactions(IDS.standardUsd, 45);
		sim.addTransactions(IDS.standardEur, 10);
		const ids: string[] = [];
		const sizes: number[] = [];
		let cursor: string | undefined;
		for (let guard = 0; guard < 10; guard++) {
			const res = await client.get('/v1/transactions', {
				params: {
					cardId: IDS.standardUsd,
					transactionDateFrom: range.from,
					transactionDateTo: range.to,
					pageSize: 20,
					pageCursor: cursor,
				},
			});
			expectEnvelope(res, 200, null);
			expect(res.data.data.pageSize).toBe(20);
			sizes.push(res.data.data.data.length);
			ids.push(...res.data.data.data.map((t: any) => t.id));
			cursor = res.data.data.pageCursor;
			if (cursor === 'None') break;
		}
		expect(sizes).toEqual([20, 20, 5]);
		expect(new Set(ids).size).toBe(45);
		const settled = await client.get('/v1/transactions', {
			params: {
				cardId: IDS.standardUsd,
				transactionDateFrom: range.from,
				transactionDateTo: range.to,
				transactionStatus: 'AuthFailure',
				pageSize: 100,
			},
		});
		expect(settled.data.data.data.length).toBeGreaterThan(0);
		expect(
			settled.data.data.data.every((t: any) => t.status === 'AuthFailure' && t.failureReason),
		).toBe(true);
		const all = await client.get('/v1/transactions', {
			params: {
				transactionDateFrom: '2000-01-01T00:00:00Z',
				transactionDateTo: '2030-01-01T00:00:00Z',
				pageSize: 100,
			},
		});
		expect(all.data.data.data).toHaveLength(55);
		expect(all.data.data.pageCursor).toBe('None');
		const types = new Set(all.data.data.data.map((t: any) => t.transactionType));
		expect([...types].sort()).toEqual(['Consume', 'ConsumeRefund', 'TransFee']);
	});

	test('refuses missing dates, large pages, foreign and "None" cursors', async () => {
		const sim = await start({ revision: '1.4' });
		const client = await api(sim);
		const range = sim.addTransactions(IDS.shareUsd, 30);
		const noDates = await client.get('/v1/transactions', { params: { cardId: IDS.shareUsd } });
		expectEnvelope(noDates, 400, 'INVALID_PARAMETER');
		expect(noDates.data.errorMessage).toMatch(/^transactionDateFrom is required/);
		const base = { transactionDateFrom: range.from, transactionDateTo: range.to };
		expect(
			(await client.get('/v1/transactions', { params: { ...base, pageSize: 101 } })).data
				.errorMessage,
		).toMatch(/^pageSize must be at most 100/);
		expect(
			(await client.get('/v1/transactions', { params: { ...base, pageCursor: 'None' } })).status,
		).toBe(400);
		expect(
			(await client.get('/v1/transactions', { params: { ...base, pageCursor: 'garbage' } })).data
				.errorMessage,
		).toMatch(/^pageCursor/);
		const first = await client.get('/v1/transactions', { params: { ...base, pageSize: 10 } });
		const foreign = await client.get('/v1/transactions', {
			params: { ...base, transactionStatus: 'Settled', pageCursor: first.data.data.pageCursor },
		});
		expect(foreign.data.errorMessage).toMatch(/^pageCursor belongs to a query with other filters/);
		expect(
			(await client.get('/v1/transactions', { params: { ...base, transactionStatus: 'Done' } }))
				.data.errorMessage,
		).toMatch(/^transactionStatus must be one of/);
	});
});

describe('v1.4 product rules', () => {
	test('minimum top-up, integer-only amounts and withdraw permission apply in 1.4 only', async () => {
		const sim = await start({ revision: '1.4' });
		const client = await api(sim);
		const small = await client.post('/v1/orders/standard/topup', {
			cardId: IDS.standardUsd,
			topUpAmount: 5,
		});
		expectEnvelope(small, 400, 'INVALID_PARAMETER');
		expect(small.data.errorMessage).toMatch(/^topUpAmount must be at least 10 .*minTopUpAmount/);
		const fraction = await client.post('/v1/orders/standard/topup', {
			cardId: IDS.standardEur,
			topUpAmount: 10.5,
		});
		expect(fraction.data.errorMessage).toMatch(/^topUpAmount must be a whole number .*IntegerOnly/);
		const withdraw = await client.post('/v1/orders/standard/withdraw', {
			cardId: IDS.standardNoWithdraw,
			withdrawAmount: 10,
		});
		expectEnvelope(withdraw, 200, 'PRODUCT_NOT_AVAILABLE');
		expect(withdraw.data.errorMessage).toMatch(/allowWithdraw/);
		const openBelow = await client.post('/v1/orders/standard/apply', {
			productCode: 'PROD001',
			cardCurrency: 'USD',
			topUpAmount: 9.99,
		});
		expect(openBelow.data.errorMessage).toMatch(
			/^topUpAmount must be at least 10 .*minPreTopUpAmount/,
		);
		const creditLimitFraction = await client.post('/v1/orders/sharebalance/creditLimit', {
			cardId: IDS.shareUsd,
			maxAuthAmount: 10.5,
			maxCreditAmount: 2000,
		});
		expect(creditLimitFraction.data.errorMessage).toMatch(/^maxAuthAmount must be a whole number/);
		expect(sim.state.orders).toHaveLength(0);

		sim.setRevision('1.0');
		for (const [path, body] of [
			['/v1/orders/standard/topup', { cardId: IDS.standardUsd, topUpAmount: 5 }],
			['/v1/orders/standard/topup', { cardId: IDS.standardEur, topUpAmount: 10.5 }],
			['/v1/orders/standard/withdraw', { cardId: IDS.standardNoWithdraw, withdrawAmount: 10 }],
		] as const) {
			expectEnvelope(await client.post(path, body), 200, null);
		}
		expect(sim.state.orders).toHaveLength(3);
	});
});

describe('fault injection', () => {
	test("'status' answers without processing; honours times, skip and Retry-After", async () => {
		const sim = await start();
		const client = await api(sim);
		const fault = sim.inject({
			kind: 'status',
			status: 503,
			retryAfter: 2,
			times: 2,
			skip: 1,
			match: { method: 'POST', path: '/v1/orders/standard/topup' },
		});
		const results = [];
		for (let i = 0; i < 4; i++)
			results.push(
				await client.post('/v1/orders/standard/topup', {
					cardId: IDS.standardUsd,
					topUpAmount: 10,
				}),
			);
		expect(results.map((r) => r.status)).toEqual([200, 503, 503, 200]);
		expectEnvelope(results[1], 503, '503');
		expect(results[1].headers['retry-after']).toBe('2');
		expect(fault.hits).toBe(2);
		expect(sim.state.orders).toHaveLength(2);
		expect(sim.apiRequests({ path: '/v1/orders/standard/topup' }).map((r) => r.status)).toEqual([
			200, 503, 503, 200,
		]);
	});

	test("'businessError' answers the code without processing; a RegExp path matches", async () => {
		const sim = await start();
		const client = await api(sim);
		sim.inject({
			kind: 'businessError',
			errorCode: 'INSUFFICIENT_BALANCE',
			match: { path: /^\/v1\/orders\// },
		});
		const res = await client.post('/v1/orders/standard/block', { cardId: IDS.standardUsd });
		expectEnvelope(res, 200, 'INSUFFICIENT_BALANCE');
		expect(sim.getCard(IDS.standardUsd)!.status).toBe('Active');
		sim.inject({
			kind: 'businessError',
			errorCode: 'CARD_NOT_FOUND',
			httpStatus: 404,
			errorMessage: 'gone',
		});
		const notFound = await client.get('/v1/ping');
		expectEnvelope(notFound, 404, 'CARD_NOT_FOUND');
		expect(notFound.data.errorMessage).toBe('gone');
	});

	test("'dropAfterCommit' processes the order but the client never sees an answer", async () => {
		const sim = await start();
		const client = await api(sim);
		sim.inject({ kind: 'dropAfterCommit', match: { path: '/v1/orders/standard/topup' } });
		await expect(
			client.post('/v1/orders/standard/topup', {
				cardId: IDS.standardUsd,
				topUpAmount: 100,
				customerOrderNo: 'DROP-1',
			}),
		).rejects.toThrow();
		expect(sim.getOrders({ customerOrderNo: 'DROP-1' })).toHaveLength(1);
		expect(sim.getCard(IDS.standardUsd)!.balanceAmount).toBe(1350.5);
		const record = sim.apiRequests({ path: '/v1/orders/standard/topup' })[0];
		expect(record).toMatchObject({ status: 0, fault: 'dropAfterCommit' });
		const retry = await client.post('/v1/orders/standard/topup', {
			cardId: IDS.standardUsd,
			topUpAmount: 100,
			customerOrderNo: 'DROP-1',
		});
		expectEnvelope(retry, 200, 'DUPLICATE_ORDER');
	});

	test("'dropBeforeCommit' drops the connection and processes nothing", async () => {
		const sim = await start();
		const client = await api(sim);
		sim.inject({ kind: 'dropBeforeCommit' });
		await expect(
			client.post('/v1/orders/standard/topup', { cardId: IDS.standardUsd, topUpAmount: 100 }),
		).rejects.toThrow();
		expect(sim.state.orders).toHaveLength(0);
		expect(sim.getBalance('USD')).toBe(seed.ACCOUNTS.USD);
	});

	test("'delay' answers late; a client time-out does not undo the order and close() stays quick", async () => {
		const sim = await start();
		const client = await api(sim);
		sim.inject({ kind: 'delay', ms: 5_000 });
		await expect(
			client.post('/v1/orders/standard/block', { cardId: IDS.standardUsd }, { timeout: 100 }),
		).rejects.toThrow(/timeout/);
		expect(sim.getCard(IDS.standardUsd)!.status).toBe('Blocked');
		sim.inject({ kind: 'delay', ms: 80 });
		const t0 = Date.now();
		expect((await client.get('/v1/ping')).status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(75);
		// close() does not wait for the 5 s answer still pending.
		const closing = sim.close().then(() => 'closed');
		const delayed = new Promise((resolve) => setTimeout(() => resolve('waited'), 4_000).unref());
		expect(await Promise.race([closing, delayed])).toBe('closed');
	});

	test("'malformedJson' and 'html' answer unparsable bodies", async () => {
		const sim = await start();
		const client = await api(sim);
		sim.inject({ kind: 'malformedJson' });
		const broken = await client.get('/v1/accounts', {
			responseType: 'text',
			transitional: { silentJSONParsing: true },
		});
		expect(broken.status).toBe(200);
		expect(broken.headers['content-type']).toMatch(/^application\/json/);
		expect(() => JSON.parse(broken.data)).toThrow();
		sim.inject({ kind: 'html' });
		const html = await client.get('/v1/accounts');
		expect(html.status).toBe(502);
		expect(html.headers['content-type']).toMatch(/^text\/html/);
		expect(String(html.data)).toContain('502 Bad Gateway');
	});

	test("'revokeTokens' and 'expireToken' make this request 401", async () => {
		const sim = await start();
		const a = await api(sim);
		const b = await api(sim);
		sim.inject({ kind: 'expireToken' });
		expectEnvelope(await a.get('/v1/ping'), 401, '401');
		expect((await b.get('/v1/ping')).status).toBe(200);
		sim.inject({ kind: 'revokeTokens' });
		expectEnvelope(await b.get('/v1/ping'), 401, '401');
		const c = await api(sim);
		expect((await c.get('/v1/ping')).status).toBe(200);
		expect((await a.get('/v1/ping')).status).toBe(401);
	});

	test('faults hit the token endpoint only when their match names its path; clearFaults() empties the queue', async () => {
		const sim = await start();
		const unnamed = sim.inject({ kind: 'status', status: 503 });
		const client = await api(sim);
		expect(unnamed.hits).toBe(0);
		expectEnvelope(await client.get('/v1/ping'), 503, '503');
		expect(unnamed.hits).toBe(1);
		sim.inject({ kind: 'status', status: 500, match: { path: '/connect/token' }, times: Infinity });
		const res = await raw(sim).post('/connect/token', CREDENTIALS, { headers: FORM });
		expectEnvelope(res, 500, '500');
		sim.clearFaults();
		expect((await raw(sim).post('/connect/token', CREDENTIALS, { headers: FORM })).status).toBe(
			200,
		);
		expect(sim.tokenRequests()).toBe(3);
	});

	test('probability draws from a seeded RNG: the same seed fires on the same requests', async () => {
		const pattern = async () => {
			const sim = await start();
			const client = await api(sim);
			sim.inject({
				kind: 'status',
				status: 500,
				probability: 0.5,
				seed: 7,
				times: Infinity,
				match: { path: '/v1/ping' },
			});
			const statuses = [];
			for (let i = 0; i < 12; i++) statuses.push((await client.get('/v1/ping')).status);
			return statuses;
		};
		const first = await pattern();
		expect(first).toEqual(await pattern());
		expect(first).toContain(500);
		expect(first).toContain(200);
	});

	test('unknown fault kinds are refused at inject()', async () => {
		const sim = await start();
		expect(() => sim.inject({ kind: 'explode' } as any)).toThrow(/unknown fault kind/);
	});
});

describe('concurrency, latency, rate limit, close', () => {
	// The latency runs on jest's clock: the requests stay open until the test moves it, however slow the machine.
	const fakeLatency = () =>
		jest.useFakeTimers({
			doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'Date', 'hrtime', 'performance'],
		});
	const turn = () => new Promise((resolve) => setImmediate(resolve));
	async function until(condition: () => boolean): Promise<void> {
		for (let turns = 0; !condition(); turns++) {
			if (turns > 10_000) throw new Error('the simulator never got there');
			await turn();
		}
	}

	test('maxConcurrent measures requests in flight (latency keeps them open)', async () => {
		const sim = await start({ latencyMs: 100 });
		const client = await api(sim);
		sim.resetMetrics();
		expect(sim.maxConcurrent).toBe(0);
		fakeLatency();
		let answered = 0;
		const pings = Array.from({ length: 5 }, () => client.get('/v1/ping').finally(() => answered++));
		for (const ping of pings) ping.catch(() => undefined);
		await until(() => sim.maxConcurrent === 5);
		jest.advanceTimersByTime(99);
		await turn();
		expect(answered).toBe(0);
		jest.advanceTimersByTime(1);
		expect((await Promise.all(pings)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
		jest.useRealTimers();
		sim.resetMetrics();
		await client.get('/v1/ping');
		expect(sim.maxConcurrent).toBe(1);
	});

	test('rateLimit answers 429 to requests beyond maxConcurrent', async () => {
		const sim = await start({ latencyMs: 100, rateLimit: { maxConcurrent: 2 } });
		const client = await api(sim);
		fakeLatency();
		const pings = Array.from({ length: 5 }, () => client.get('/v1/ping'));
		// A failed wait below fails the test, not the worker.
		for (const ping of pings) ping.catch(() => undefined);
		await until(() => sim.maxConcurrent === 5);
		jest.advanceTimersByTime(100);
		const results = await Promise.all(pings);
		jest.useRealTimers();
		const statuses = results.map((r) => r.status).sort();
		expect(statuses).toEqual([200, 200, 429, 429, 429]);
		const limited = results.find((r) => r.status === 429)!;
		expectEnvelope(limited, 429, '429');
		expect(limited.headers['retry-after']).toBe('1');
	});

	test('close() stops listening', async () => {
		const sim = await start();
		await sim.close();
		await expect(axios.get(`${sim.baseUrl}/v1/ping`)).rejects.toThrow(/ECONNREFUSED/);
	});

	test('request records keep method, path, raw query names and body', async () => {
		const sim = await start();
		const client = await api(sim);
		await client.get('/v1/accounts/cardAccountLogs?CardId=CARD123456&pageSize=5');
		await client.post('/v1/orders/standard/block', { cardId: IDS.standardUsd });
		const [logs, block] = sim.apiRequests();
		expect(logs).toMatchObject({
			method: 'GET',
			path: '/v1/accounts/cardAccountLogs',
			query: { CardId: 'CARD123456', pageSize: '5' },
			status: 200,
		});
		expect(block).toMatchObject({
			method: 'POST',
			path: '/v1/orders/standard/block',
			body: { cardId: IDS.standardUsd },
			status: 200,
		});
		expect(block.endedAt).toBeGreaterThanOrEqual(block.startedAt);
		sim.clearRequests();
		expect(sim.requests).toHaveLength(0);
	});
});

describe('endpoints fixture', () => {
	test('every endpoint of endpoints.json is routed in each revision it exists in', async () => {
		const fixture = JSON.parse(
			fs.readFileSync(path.join(__dirname, 'fixtures', 'endpoints.json'), 'utf8'),
		);
		const sim = await start();
		const client = await api(sim);
		for (const revision of ['1.0', '1.4'] as const) {
			sim.setRevision(revision);
			for (const endpoint of fixture.endpoints) {
				if (endpoint.id === 'token') continue;
				const url = endpoint.path.replace('{cardId}', IDS.standardUsd);
				const res = endpoint.method === 'GET' ? await client.get(url) : await client.post(url, {});
				if (!endpoint.revisions.includes(revision)) {
					expect([endpoint.id, revision, res.status]).toEqual([endpoint.id, revision, 404]);
					continue;
				}
				expect([endpoint.id, res.status]).not.toEqual([endpoint.id, 404]);
				expect([endpoint.id, res.status]).not.toEqual([endpoint.id, 405]);
				expect(res.data.responseId).toMatch(UUID);
			}
		}
	});
});
