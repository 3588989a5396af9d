/**
 * The credential's Allowed HTTP Request Domains (n8n's setting on every OAuth2 credential): a host they refuse
 * receives nothing from the node, not even the token request that carries the client secret.
 */
import { isDomainAllowed } from 'n8n-workflow';

import { domainRefusal, hostIsListed } from '../../dist/nodes/Cardepass/shared/allowedDomains';
import { seed } from '../simulator';
import { REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

const API_ROOT = 'https://api.cardepass.com/openapi';

describe('which hosts a restriction allows (n8n rules)', () => {
	test.each([
		['absent (an n8n without the setting)', {}],
		['All', { allowedHttpRequestDomains: 'all', allowedDomains: 'example.com' }],
		[
			'None: it blocks the HTTP Request node, not the credential’s own node',
			{ allowedHttpRequestDomains: 'none' },
		],
	])('%s: every host', (_name, restriction) => {
		expect(domainRefusal(restriction, API_ROOT)).toBeUndefined();
		expect(domainRefusal(restriction, 'http://127.0.0.1:4010/openapi')).toBeUndefined();
	});

	test.each([
		['api.cardepass.com', true],
		[' example.com , API.Cardepass.com. ', true],
		['*.cardepass.com', true],
		['cardepass.com', false],
		['*.api.cardepass.com', false],
		['example.com, *.example.com', false],
		['*.com', true],
	])('Specific Domains "%s" allows api.cardepass.com: %s', (allowedDomains, allowed) => {
		const refusal = domainRefusal(
			{ allowedHttpRequestDomains: 'domains', allowedDomains },
			API_ROOT,
		);
		expect(refusal === undefined).toBe(allowed);
		// The same answer as n8n's own rule, which the running n8n applies to its requests.
		expect(isDomainAllowed(API_ROOT, { allowedDomains })).toBe(allowed);
		if (refusal) {
			expect(refusal.message).toBe(
				`Domain not allowed: This credential is restricted from accessing api.cardepass.com. Only the following domains are allowed: ${allowedDomains.trim()}`,
			);
			expect(refusal.description).toContain('api.cardepass.com');
		}
	});

	test("the node's matching gives n8n's answer for every host and list", () => {
		const urls = [
			'https://api.cardepass.com/openapi',
			'http://127.0.0.1:4010/openapi',
			'https://API.Example.COM.:8443/x',
			'https://example.com',
			'https://sub.example.com',
			'https://badexample.com',
			'not a url',
		];
		const lists = [
			'example.com',
			'*.example.com',
			' Example.com. ,127.0.0.1',
			'*.',
			'*',
			',,',
			'*.0.0.1',
			'api.cardepass.com, *.cardepass.com',
		];
		for (const url of urls)
			for (const list of lists)
				expect([url, list, hostIsListed(url, list)]).toEqual([
					url,
					list,
					isDomainAllowed(url, { allowedDomains: list }),
				]);
	});

	test('the wildcard matches subdomains only, and the port plays no part', () => {
		const restriction = { allowedHttpRequestDomains: 'domains', allowedDomains: '*.example.com' };
		expect(domainRefusal(restriction, 'https://a.b.example.com:8443/openapi')).toBeUndefined();
		expect(domainRefusal(restriction, 'https://example.com/openapi')).toBeDefined();
		expect(domainRefusal(restriction, 'https://badexample.com/openapi')).toBeDefined();
	});

	test.each(['', '   ', undefined])(
		'Specific Domains with the list %j refuses every host',
		(list) => {
			const refusal = domainRefusal(
				{ allowedHttpRequestDomains: 'domains', allowedDomains: list },
				API_ROOT,
			);
			expect(refusal?.message).toBe(
				'No allowed domains specified. Configure allowed domains or change restriction setting.',
			);
			expect(refusal?.description).toContain('add api.cardepass.com to Allowed Domains');
		},
	);
});

const REFUSING = { allowedHttpRequestDomains: 'domains', allowedDomains: 'example.com' };

const SETTINGS = [
	{ name: 'absent', restriction: {}, allowed: true },
	{ name: 'All', restriction: { allowedHttpRequestDomains: 'all' }, allowed: true },
	{
		name: 'Specific Domains listing the host',
		restriction: { allowedHttpRequestDomains: 'domains', allowedDomains: 'example.com, 127.0.0.1' },
		allowed: true,
	},
	{
		name: 'Specific Domains with a wildcard that matches',
		restriction: { allowedHttpRequestDomains: 'domains', allowedDomains: '*.0.0.1' },
		allowed: true,
	},
	{ name: 'None', restriction: { allowedHttpRequestDomains: 'none' }, allowed: true },
	{ name: 'Specific Domains refusing the host', restriction: REFUSING, allowed: false },
	{
		name: 'Specific Domains with a wildcard that does not match',
		restriction: { allowedHttpRequestDomains: 'domains', allowedDomains: '*.example.com' },
		allowed: false,
	},
	{
		name: 'Specific Domains with an empty list',
		restriction: { allowedHttpRequestDomains: 'domains', allowedDomains: '' },
		allowed: false,
	},
];

const REFUSAL =
	/^(Domain not allowed: This credential is restricted from accessing 127\.0\.0\.1:\d+\. Only the following domains are allowed: |No allowed domains specified)/;

describe.each(REVISIONS)(
	'every request path follows the restriction, against API v%s',
	(revision) => {
		const box = useSimulatedCardepass({ revision });

		describe.each(SETTINGS)('$name', ({ restriction, allowed }) => {
			beforeEach(() => {
				box.engine.setCredential(restriction);
				box.engine.clearToken();
			});

			test('a run: Product → Get Many', async () => {
				const { items, error } = await box.engine.run({
					resource: 'product',
					operation: 'getAll',
					returnAll: true,
				});
				if (allowed) {
					expect(error).toBeUndefined();
					expect(items).toHaveLength(seed.PRODUCTS.length);
					expect(box.sim.tokenRequests()).toBe(1);
					return;
				}
				expect(error?.message).toMatch(REFUSAL);
				expect(error?.description).toMatch(/127\.0\.0\.1/);
				expect(box.sim.requests).toEqual([]);
			});

			test('the Product and Currency dropdowns', async () => {
				const products = box.engine.loadOptions('getProducts', { cardModel: 'standard' });
				const currencies = box.engine.loadOptions('getCurrencies', { productCode: 'PROD002' });
				if (allowed) {
					expect((await products).map((option) => option.value)).toEqual(['PROD001', 'PROD002']);
					expect((await currencies).map((option) => option.value)).toEqual(['USD']);
					return;
				}
				await expect(products).rejects.toThrow(REFUSAL);
				await expect(currencies).rejects.toThrow(REFUSAL);
				expect(box.sim.requests).toEqual([]);
			});

			test('Account → Check Connection', async () => {
				const { items, error } = await box.engine.run({
					resource: 'account',
					operation: 'checkConnection',
				});
				expect(error).toBeUndefined();
				if (allowed) {
					expect(items[0]).toMatchObject({ connected: true, error: null });
					return;
				}
				// Not connected, as output: a monitoring workflow branches on it like on any other failure.
				expect(items[0]).toMatchObject({
					connected: false,
					responseId: null,
					error: { message: expect.stringMatching(REFUSAL), errorCode: null, httpCode: null },
				});
				expect(box.sim.requests).toEqual([]);
			});
		});

		test('a refused top-up is no order: an error item per item, nothing sent, a secret nowhere', async () => {
			box.engine.setCredential(REFUSING);
			box.engine.clearToken();
			const cardId = seed.SEED_CARD_IDS.standardUsd;
			const before = box.sim.getCard(cardId)!.balanceAmount;
			const { items, error } = await box.engine.run(
				{ resource: 'card', operation: 'topUp', cardId, topUpAmount: 10, customerOrderNo: 'DOM-1' },
				[{}, {}],
				{ onError: 'continueRegularOutput' },
			);
			expect(error).toBeUndefined();
			expect(items).toEqual([
				{ error: expect.objectContaining({ message: expect.stringMatching(REFUSAL) }) },
				{ error: expect.objectContaining({ message: expect.stringMatching(REFUSAL) }) },
			]);
			expect(box.sim.requests).toEqual([]);
			expect(box.sim.getCard(cardId)!.balanceAmount).toBe(before);
			expect(JSON.stringify(items)).not.toContain('sandbox-secret');
		});

		test('a stored token is not sent to a refused host either', async () => {
			await box.engine.run({ resource: 'account', operation: 'checkConnection' });
			expect(box.engine.storedToken).toBeDefined();
			const sent = box.sim.requests.length;
			box.engine.setCredential(REFUSING);
			const { error } = await box.engine.run({ resource: 'account', operation: 'getBalances' });
			expect(error?.message).toMatch(REFUSAL);
			expect(box.sim.requests).toHaveLength(sent);
		});
	},
);
