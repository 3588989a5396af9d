/**
 * Secrets never leak. The client secret, every access token, full card numbers and CVVs must not reach an
 * error message or description, a log line, an item, or anything else n8n keeps of a run (the execution
 * data it saves): many successful and failing runs are made, and everything they left is searched,
 * including what JSON.stringify skips (an Error's message, stack and cause). The one place card data may
 * appear is Card → Get with "Reveal Card Number and CVV" on.
 */
import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import type { NodeSettings, RunResult } from '../helpers/engine';
import { capturedLogs, CardepassEngine, loggedMeta } from '../helpers/engine';
import { shareBalanceCardCreate } from '../helpers/orderParameters';
import type { Simulator } from '../helpers/simulatedCardepass';
import { REVISIONS } from '../helpers/simulatedCardepass';
import { seed, startSimulator } from '../simulator';

const CLIENT_ID = 'cdp-client-n8n-secrets';
const CLIENT_SECRET = 'S3cr3t-Cardepass-q7Zx9W2kLm4P';
const WRONG_SECRET = 'Wr0ng-S3cr3t-Cardepass-8HdT3vYc';
const CARDS = seed.SEED_CARD_IDS;
const TOP_UP_PATH = '/v1/orders/standard/topup';

interface Secret {
	label: string;
	value: string;
}

interface Collected {
	text: string;
	/** Values of fields named like a CVV, wherever they sit. */
	cvvFields: Array<{ path: string; value: string }>;
	/** Paths of fields named Authorization. */
	authorizationFields: string[];
	truncated: boolean;
}

const MAX_NODES = 200_000;

/**
 * Every string in a value, keys included, walking what JSON.stringify leaves out too: an Error's message,
 * stack and cause, non-enumerable and symbol-keyed properties, Maps, Sets and Buffers. Circular references
 * are followed once.
 */
function collect(root: unknown): Collected {
	const parts: string[] = [];
	const cvvFields: Collected['cvvFields'] = [];
	const authorizationFields: string[] = [];
	const seen = new WeakSet<object>();
	let nodes = 0;
	let truncated = false;
	const visit = (value: unknown, path: string): void => {
		if (typeof value === 'string') return void parts.push(value);
		if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
			return void parts.push(String(value));
		if (typeof value !== 'object' || value === null) return;
		if (seen.has(value)) return;
		seen.add(value);
		if (++nodes > MAX_NODES) {
			truncated = true;
			return;
		}
		if (value instanceof Uint8Array) return void parts.push(Buffer.from(value).toString('utf8'));
		if (value instanceof Map) {
			for (const [key, entry] of value) {
				visit(key, `${path}.<key>`);
				visit(entry, `${path}.${String(key)}`);
			}
			return;
		}
		if (value instanceof Set) {
			for (const entry of value) visit(entry, `${path}.<entry>`);
			return;
		}
		const keys: Array<string | symbol> = [
			...Object.getOwnPropertyNames(value),
			...Object.getOwnPropertySymbols(value),
		];
		for (const key of keys) {
			const name = String(key);
			parts.push(name);
			let child: unknown;
			try {
				child = (value as Record<string | symbol, unknown>)[key];
			} catch {
				continue;
			}
			const childPath = `${path}.${name}`;
			if (/cvv|cvc/i.test(name) && (typeof child === 'string' || typeof child === 'number'))
				cvvFields.push({ path: childPath, value: String(child) });
			if (/^authorization$/i.test(name) && child !== undefined && child !== null)
				authorizationFields.push(childPath);
			visit(child, childPath);
		}
	};
	visit(root, '$');
	return { text: parts.join('\n'), cvvFields, authorizationFields, truncated };
}

/** JSON of a value with circular references replaced, as n8n would save it. */
function safeStringify(value: unknown): string {
	const seen = new WeakSet<object>();
	return (
		JSON.stringify(value, (_key, v: unknown) => {
			if (typeof v === 'bigint') return String(v);
			if (typeof v === 'object' && v !== null) {
				if (seen.has(v)) return '[circular]';
				seen.add(v);
			}
			return v;
		}) ?? ''
	);
}

function fingerprint(token: string): string {
	return createHash('sha256').update(token).digest('hex').slice(0, 6);
}

/** What a card number could look like when written out: plain, grouped by 4 with spaces or dashes. */
function cardNumberForms(number: string): string[] {
	const groups = number.match(/.{1,4}/g) ?? [];
	return [number, groups.join(' '), groups.join('-')];
}

/** Names of the secrets found in a value. */
function leaksIn(value: unknown, secrets: Secret[], cvvs: Set<string>): string[] {
	const { text, cvvFields, authorizationFields, truncated } = collect(value);
	const json = safeStringify(value);
	const found = new Set<string>();
	for (const secret of secrets) {
		if (text.includes(secret.value) || json.includes(secret.value)) found.add(secret.label);
	}
	if (/Bearer\s+[A-Za-z0-9\-._~+/]{8,}/.test(text)) found.add('a Bearer Authorization header');
	for (const path of authorizationFields) found.add(`an Authorization header at ${path}`);
	for (const field of cvvFields) if (cvvs.has(field.value)) found.add(`a CVV at ${field.path}`);
	for (const match of `${text}\n${json}`.matchAll(/cvv\W{0,6}(\d{3,4})\b/gi))
		if (cvvs.has(match[1])) found.add(`a CVV in "${match[0]}"`);
	if (truncated)
		found.add(
			`too large to search (more than ${MAX_NODES} objects): it holds something like a socket or request`,
		);
	return [...found].sort();
}

describe.each(REVISIONS)('Secrets stay secret against API v%s', (revision) => {
	let sim: Simulator;
	let engine: CardepassEngine;
	/** Every access token n8n stored, in the order they came. */
	const tokens: string[] = [];
	const runs: Array<{ scenario: string; result: RunResult; revealed?: boolean }> = [];
	let orderCounter = 0;
	const nextOrderNo = () => `SEC-${revision}-${++orderCounter}`;

	const noteToken = (token: string | undefined) => {
		if (token && !tokens.includes(token)) tokens.push(token);
	};

	function secrets(): Secret[] {
		const list: Secret[] = [
			{ label: 'the client secret', value: CLIENT_SECRET },
			{
				label: 'the client secret (in a Basic header)',
				value: Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64'),
			},
			{ label: 'the wrong client secret', value: WRONG_SECRET },
			{
				label: 'the wrong client secret (in a Basic header)',
				value: Buffer.from(`${CLIENT_ID}:${WRONG_SECRET}`).toString('base64'),
			},
		];
		tokens.forEach((token, index) =>
			list.push({ label: `access token #${index + 1}`, value: token }),
		);
		for (const card of sim.state.cards.values() as Iterable<{
			cardId: string;
			cardNumber: string;
		}>) {
			for (const form of cardNumberForms(card.cardNumber))
				list.push({ label: `the card number of ${card.cardId}`, value: form });
		}
		return list;
	}

	function cvvs(): Set<string> {
		return new Set(
			[...(sim.state.cards.values() as Iterable<{ cvv: string }>)].map((card) => card.cvv),
		);
	}

	/** Leaks in each part of a run, by part. */
	function leaksOf(result: RunResult) {
		const known = secrets();
		const cvvSet = cvvs();
		return {
			items: leaksIn(result.items, known, cvvSet),
			errorItems: leaksIn(result.errorItems, known, cvvSet),
			error: leaksIn(result.error, known, cvvSet),
			run: leaksIn(result.run, known, cvvSet),
		};
	}

	const CLEAN = { items: [], errorItems: [], error: [], run: [] };

	async function scenario(
		name: string,
		parameters: INodeParameters,
		input: IDataObject[] = [{}],
		settings: NodeSettings = {},
	) {
		const result = await engine.run(parameters, input, settings);
		noteToken(engine.storedToken);
		runs.push({ scenario: name, result });
		expect(leaksOf(result)).toEqual(CLEAN);
		return result;
	}

	/** No repeats, so a fault's answer is what the node reports (and the runs stay fast). */
	const NO_RETRIES = { retries: 0 };

	const topUp = (extra: INodeParameters = {}): INodeParameters => ({
		resource: 'card',
		operation: 'topUp',
		cardId: CARDS.standardUsd,
		topUpAmount: 20,
		customerOrderNo: nextOrderNo(),
		options: NO_RETRIES,
		...extra,
	});

	beforeAll(async () => {
		sim = await startSimulator({
			port: 0,
			revision,
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			seed: { accountLogs: 5, cardLogs: 12, transactions: revision === '1.4' ? 5 : 0 },
		});
		engine = await CardepassEngine.create({
			baseUrl: sim.baseUrl,
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
		});
		// Note every token n8n stores, even one replaced within the same run.
		const store = engine.credentials;
		const write = store.updateCredentialsOauthTokenData.bind(store);
		store.updateCredentialsOauthTokenData = async (
			details,
			type,
			data: ICredentialDataDecryptedObject,
		) => {
			noteToken(
				(data.oauthTokenData as IDataObject | undefined)?.access_token as string | undefined,
			);
			return await write(details, type, data);
		};
	});

	afterAll(async () => {
		await sim.close();
	});

	describe('successful runs', () => {
		test('Account → Get Balances', async () => {
			const { items, error } = await scenario('get balances', {
				resource: 'account',
				operation: 'getBalances',
			});
			expect(error).toBeUndefined();
			expect(items.length).toBeGreaterThan(0);
			expect(tokens).toHaveLength(1);
		});

		test('Card → Get of every seeded card outputs masked numbers and a hidden CVV', async () => {
			const ids = Object.values(CARDS) as string[];
			const { items, error } = await scenario(
				'card get masked',
				{ resource: 'card', operation: 'get', cardId: '={{ $json.id }}' },
				ids.map((id) => ({ id })),
			);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(ids.length);
			for (const item of items) {
				const full = sim.getCard(item.cardId as string)!;
				expect(item.cardNumber).toBe(
					`${full.cardNumber.slice(0, 6)}******${full.cardNumber.slice(-4)}`,
				);
				expect(item.cvv).toBe('***');
			}
		});

		test('Card → Get with Reveal on outputs the full number and CVV, and only in the items', async () => {
			const full = sim.getCard(CARDS.standardEur)!;
			const result = await engine.run({
				resource: 'card',
				operation: 'get',
				cardId: CARDS.standardEur,
				revealCardData: true,
			});
			noteToken(engine.storedToken);
			runs.push({ scenario: 'card get revealed', result, revealed: true });
			expect(result.items).toEqual([
				expect.objectContaining({ cardNumber: full.cardNumber, cvv: full.cvv }),
			]);
			// The search finds them there, so it would find them anywhere else.
			const { items, error, errorItems } = leaksOf(result);
			expect(items).toEqual(
				expect.arrayContaining(
					[`the card number of ${CARDS.standardEur}`, '$.0.cvv'].map((label) =>
						expect.stringContaining(label),
					),
				),
			);
			expect({ error, errorItems }).toEqual({ error: [], errorItems: [] });
			expect(capturedLogs.some((line) => line.includes(full.cardNumber))).toBe(false);
		});

		test('Card → Create (Standard and Share Balance), then every order operation', async () => {
			const created = await scenario('create standard', {
				resource: 'card',
				operation: 'create',
				cardModel: 'standard',
				productCode: 'PROD001',
				cardCurrency: 'USD',
				topUpAmount: 50,
				customerOrderNo: nextOrderNo(),
			});
			expect(created.error).toBeUndefined();
			const shareNo = nextOrderNo();
			const share = await scenario('create share balance', shareBalanceCardCreate(shareNo));
			expect(share.error).toBeUndefined();
			expect(sim.state.cards.size).toBe(Object.keys(CARDS).length + 2);

			const operations: INodeParameters[] = [
				topUp(),
				{
					resource: 'card',
					operation: 'withdraw',
					cardId: CARDS.standardUsd,
					withdrawAmount: 5,
					customerOrderNo: nextOrderNo(),
				},
				{
					resource: 'card',
					operation: 'updateLimits',
					cardId: CARDS.shareUsd,
					maxAuthAmount: 300,
					totalLimit: 'limited',
					maxCreditAmount: 9000,
					customerOrderNo: nextOrderNo(),
				},
				{
					resource: 'card',
					operation: 'block',
					cardModel: 'sharebalance',
					cardId: CARDS.shareUsd,
					customerOrderNo: nextOrderNo(),
				},
				{
					resource: 'card',
					operation: 'unblock',
					cardModel: 'sharebalance',
					cardId: CARDS.shareUsd,
					customerOrderNo: nextOrderNo(),
				},
				{
					resource: 'card',
					operation: 'cancel',
					cardModel: 'standard',
					cardId: CARDS.standardExpired,
					customerOrderNo: nextOrderNo(),
				},
			];
			for (const parameters of operations) {
				const { error, items } = await scenario(`card ${String(parameters.operation)}`, parameters);
				expect(error).toBeUndefined();
				expect(items).toEqual([
					expect.objectContaining({ customerOrderNo: parameters.customerOrderNo }),
				]);
			}

			const order = await scenario('order get share balance', {
				resource: 'order',
				operation: 'get',
				cardModel: 'sharebalance',
				orderType: 'ApplyCard',
				lookUpBy: 'customerOrderNo',
				customerOrderNo: shareNo,
			});
			expect(order.items).toEqual([
				expect.objectContaining({ customerOrderNo: shareNo, status: 'Completed' }),
			]);
		});

		test('a share-balance order sent again under its Customer Order No returns the earlier order', async () => {
			const parameters = {
				resource: 'card',
				operation: 'block',
				cardModel: 'sharebalance',
				cardId: CARDS.shareEur,
				customerOrderNo: nextOrderNo(),
			};
			await scenario('share block', parameters);
			const again = await scenario('share block again', parameters);
			expect(again.error).toBeUndefined();
			expect(again.items).toEqual([
				expect.objectContaining({
					customerOrderNo: parameters.customerOrderNo,
					earlierOrder: true,
				}),
			]);
		});

		test('Order → Get, fund logs, card fund logs, products and transactions', async () => {
			const lists: INodeParameters[] = [
				{
					resource: 'order',
					operation: 'get',
					cardModel: 'standard',
					orderType: 'CardTopUp',
					lookUpBy: 'customerOrderNo',
					customerOrderNo: `SEC-${revision}-3`,
				},
				{ resource: 'account', operation: 'getFundLogs', returnAll: true },
				{ resource: 'account', operation: 'getCardFundLogs', returnAll: true },
				{ resource: 'product', operation: 'getAll', returnAll: true },
			];
			if (revision === '1.4') {
				lists.push({
					resource: 'transaction',
					operation: 'getAll',
					transactionDateFrom: '2000-01-01',
					transactionDateTo: '2100-01-01',
					returnAll: true,
				});
			}
			for (const parameters of lists) {
				const { error, items } = await scenario(
					`${String(parameters.resource)} ${String(parameters.operation)}`,
					parameters,
				);
				expect(error).toBeUndefined();
				expect(items.length).toBeGreaterThan(0);
			}
		});
	});

	describe('failed runs', () => {
		const FAULTS = [
			{
				title: 'hasError on HTTP 200',
				fault: { kind: 'businessError', errorCode: 'INSUFFICIENT_BALANCE' },
				message: /balance/i,
			},
			{ title: 'HTTP 400', fault: { kind: 'status', status: 400 }, message: /^Bad request/ },
			{
				title: 'HTTP 401 on every try',
				fault: { kind: 'status', status: 401, times: Infinity },
				message: /access token/,
			},
			{
				title: 'HTTP 403',
				fault: { kind: 'status', status: 403 },
				message: /insufficient permissions/,
			},
			{ title: 'HTTP 404', fault: { kind: 'status', status: 404 }, message: /does not exist/ },
			{
				title: 'HTTP 429',
				fault: { kind: 'status', status: 429, retryAfter: 3 },
				message: /HTTP 429/,
			},
			{ title: 'HTTP 500', fault: { kind: 'status', status: 500 }, message: /HTTP 500/ },
			{ title: 'HTTP 502', fault: { kind: 'status', status: 502 }, message: /HTTP 502/ },
			{ title: 'malformed JSON', fault: { kind: 'malformedJson' }, message: /not valid JSON/ },
			{
				title: 'an HTML error page',
				fault: { kind: 'html' },
				message: /HTTP 502|unexpected format/,
			},
			{
				title: 'a connection dropped before the order was made',
				fault: { kind: 'dropBeforeCommit' },
				message: /connection to Cardepass failed/,
			},
			{
				title: 'a connection dropped after the order was made',
				fault: { kind: 'dropAfterCommit' },
				message: /connection to Cardepass failed/,
			},
		] as const;

		test.each(FAULTS)(
			'Top Up fails with $title: the error says so and holds no secret',
			async ({ fault, message }) => {
				const handle = sim.inject({ match: { path: TOP_UP_PATH }, ...fault });
				const { error, items } = await scenario(`top up: ${fault.kind}`, topUp());
				handle.cancel();
				expect(items).toEqual([]);
				expect(error?.message).toMatch(message);
			},
		);

		test.each(FAULTS)(
			'Card → Get fails with $title under Continue On Fail: the item error holds no secret',
			async ({ fault, message }) => {
				const handle = sim.inject({ match: { path: `/v1/cards/${CARDS.standardUsd}` }, ...fault });
				const { error, items } = await scenario(
					`card get: ${fault.kind}`,
					{ resource: 'card', operation: 'get', cardId: '={{ $json.id }}', options: NO_RETRIES },
					[{ id: CARDS.standardUsd }, { id: CARDS.shareUsd }],
					{ onError: 'continueRegularOutput' },
				);
				handle.cancel();
				expect(error).toBeUndefined();
				expect(items).toEqual([
					{ error: expect.objectContaining({ message: expect.stringMatching(message) }) },
					expect.objectContaining({ cardId: CARDS.shareUsd, cvv: '***' }),
				]);
			},
		);

		test('orders the card or product does not allow: the refusal names no card number or CVV', async () => {
			const shareTopUp = await scenario(
				'top up of a share-balance card',
				topUp({ cardId: CARDS.shareUsd }),
			);
			expect(shareTopUp.items).toEqual([]);
			expect(shareTopUp.error?.message).toEqual(expect.any(String));
			const cancelled = await scenario('block of a cancelled card', {
				resource: 'card',
				operation: 'block',
				cardModel: 'standard',
				cardId: CARDS.standardCancelled,
				customerOrderNo: nextOrderNo(),
				options: NO_RETRIES,
			});
			expect(cancelled.error?.message).toEqual(expect.any(String));
			const small = await scenario('top up below the product minimum', topUp({ topUpAmount: 5 }));
			// Only API v1.4 publishes a minimum top-up (10 for this product).
			if (revision === '1.4') expect(small.error?.message).toMatch(/10/);
			else expect(small.error).toBeUndefined();
		});

		test('HTTP 500 with the error output: the error item holds no secret', async () => {
			const handle = sim.inject({ match: { path: TOP_UP_PATH }, kind: 'status', status: 500 });
			const { errorItems } = await scenario(
				'top up 500 error output',
				topUp({ customerOrderNo: '={{ $json.ref }}' }),
				[{ ref: nextOrderNo() }],
				{
					onError: 'continueErrorOutput',
				},
			);
			handle.cancel();
			expect(errorItems).toEqual([
				expect.objectContaining({
					error: expect.objectContaining({ message: expect.stringMatching(/HTTP 500/) }),
				}),
			]);
		});

		test('HTTP 500 once, then the node sends the order again and it succeeds', async () => {
			const handle = sim.inject({ match: { path: TOP_UP_PATH }, kind: 'status', status: 500 });
			const { error, items } = await scenario('top up retried after 500', topUp({ options: {} }));
			expect(handle.hits).toBe(1);
			expect(error).toBeUndefined();
			expect(items).toEqual([expect.objectContaining({ status: 'Completed' })]);
		});

		test('the tokens are revoked: n8n fetches a new one and the run succeeds', async () => {
			const before = tokens.length;
			sim.inject({ match: { path: TOP_UP_PATH }, kind: 'revokeTokens' });
			const { error, items } = await scenario('revoked token', topUp());
			expect(error).toBeUndefined();
			expect(items).toEqual([expect.objectContaining({ status: 'Completed' })]);
			expect(tokens.length).toBe(before + 1);
		});

		test('a wrong client secret: the token error names neither secret', async () => {
			engine.setCredential({ clientSecret: WRONG_SECRET });
			engine.clearToken();
			try {
				const { error } = await scenario('wrong client secret', {
					resource: 'account',
					operation: 'getBalances',
				});
				expect(error?.message).toMatch(
					/did not issue an access token: Client authentication failed/,
				);
			} finally {
				engine.setCredential({ clientSecret: CLIENT_SECRET });
			}
		});

		test.each([
			['HTTP 500', { kind: 'status', status: 500 }],
			['an HTML page', { kind: 'html' }],
			['malformed JSON', { kind: 'malformedJson' }],
			['a dropped connection', { kind: 'dropBeforeCommit' }],
		] as const)(
			'the token endpoint answers %s: the error holds no secret',
			async (_title, fault) => {
				engine.clearToken();
				const handle = sim.inject({ match: { path: '/connect/token' }, ...fault });
				const { error, items } = await scenario(`token endpoint: ${fault.kind}`, {
					resource: 'account',
					operation: 'getBalances',
					options: NO_RETRIES,
				});
				handle.cancel();
				expect(items).toEqual([]);
				expect(error?.message).toEqual(expect.any(String));
			},
		);
	});

	describe('everything kept, searched with every token issued', () => {
		test('the search finds a token, the client secret and a CVV hidden where JSON.stringify does not look', () => {
			const hidden = new Error('request failed', {
				cause: Object.assign(new Error(`sent with client_secret=${CLIENT_SECRET}`), {
					config: { headers: new Map([['Authorization', `Bearer ${tokens[0]}`]]) },
					card: { cvv: sim.getCard(CARDS.standardUsd)!.cvv },
				}),
			});
			expect(tokens.length).toBeGreaterThan(0);
			expect(leaksIn({ error: hidden }, secrets(), cvvs())).toEqual(
				expect.arrayContaining([
					'a Bearer Authorization header',
					'a CVV at $.error.cause.card.cvv',
					'access token #1',
					'the client secret',
				]),
			);
			expect(leaksIn({ error: new Error('request failed') }, secrets(), cvvs())).toEqual([]);
		});

		test('every token the simulator issued was noted, so the search looks for each of them', () => {
			const issued = new Set(
				sim.requests
					.map((r: { issuedTokenFingerprint?: string }) => r.issuedTokenFingerprint)
					.filter(Boolean),
			);
			expect(issued.size).toBeGreaterThanOrEqual(3);
			expect(new Set(tokens.map(fingerprint))).toEqual(issued);
		});

		test('no run holds a secret (the revealed Card → Get only in its items)', () => {
			const found = runs.map(({ scenario: name, result, revealed }) => {
				const leaks = leaksOf(result);
				return {
					scenario: name,
					...leaks,
					...(revealed
						? { items: [], run: leaks.run.filter((l) => !/card number of|CVV/.test(l)) }
						: {}),
				};
			});
			expect(runs.length).toBeGreaterThan(40);
			expect(found).toEqual(runs.map(({ scenario: name }) => ({ scenario: name, ...CLEAN })));
		});

		test('no run data holds an Authorization header', () => {
			for (const { result } of runs) {
				const text = collect(result.run).text;
				expect(text).not.toMatch(/Bearer /);
				expect(collect(result.run).authorizationFields).toEqual([]);
			}
		});

		test("nothing n8n's logger got holds a secret", () => {
			expect(capturedLogs.some((line) => line.includes('finished with error'))).toBe(true);
			expect(leaksIn([capturedLogs, loggedMeta], secrets(), cvvs())).toEqual([]);
			expect(capturedLogs.join('\n')).not.toMatch(/Bearer /);
		});
	});
});
