'use strict';

// The credential's "Allowed HTTP Request Domains" inside real n8n: for each
// setting, a run (Product → Get Many), the Product dropdown (POST
// /rest/dynamic-node-parameters/options) and the credential test (POST
// /rest/credentials/test), each counted at the simulator. A setting that
// refuses the simulator's host (127.0.0.1) must leave the simulator without a
// single request, token request included; an allowed host works as before.

const assert = require('node:assert/strict');
const { startSimulator, simulatorCredential } = require('../simulator-access');
const { cardepass, chain, NODE_TYPE, CREDENTIAL_TYPE } = require('../workflow-builder');
const { assertSucceeded, cleanItems } = require('../run-data');

const DOMAIN_REFUSAL =
	/^Domain not allowed: This credential is restricted from accessing 127\.0\.0\.1:\d+\. Only the following domains are allowed: /;
const EMPTY_LIST_REFUSAL = /^No allowed domains specified/;

const CASES = [
	{ key: 'All', setting: { allowedHttpRequestDomains: 'all' }, refusal: null },
	{
		key: 'Host',
		label: 'Specific Domains listing 127.0.0.1',
		setting: { allowedHttpRequestDomains: 'domains', allowedDomains: 'example.com, 127.0.0.1' },
		refusal: null,
	},
	{
		key: 'Wild',
		label: 'Specific Domains "*.0.0.1" (a wildcard that matches)',
		setting: { allowedHttpRequestDomains: 'domains', allowedDomains: '*.0.0.1' },
		refusal: null,
	},
	{
		key: 'Refused',
		label: 'Specific Domains "example.com"',
		setting: { allowedHttpRequestDomains: 'domains', allowedDomains: 'example.com' },
		refusal: DOMAIN_REFUSAL,
	},
	{
		key: 'WildNo',
		label: 'Specific Domains "*.example.com" (a wildcard that does not match)',
		setting: { allowedHttpRequestDomains: 'domains', allowedDomains: '*.example.com' },
		refusal: DOMAIN_REFUSAL,
	},
	{
		key: 'Empty',
		label: 'Specific Domains with an empty list',
		setting: { allowedHttpRequestDomains: 'domains', allowedDomains: '' },
		refusal: EMPTY_LIST_REFUSAL,
	},
	{ key: 'None', setting: { allowedHttpRequestDomains: 'none' }, refusal: null },
];

const labelOf = (c) => c.label ?? c.key;

function domainsSuite() {
	const cases = CASES.map((c) => ({ ...c }));

	const loadProducts = (inst, credential) =>
		inst.rest('POST', '/rest/dynamic-node-parameters/options', {
			nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
			path: 'parameters.productCode',
			methodName: 'getProducts',
			currentNodeParameters: { resource: 'card', operation: 'create', cardModel: 'standard' },
			credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
		});

	const testCredential = (inst, { id, name, data }) =>
		inst.rest('POST', '/rest/credentials/test', {
			credentials: { id, name, type: CREDENTIAL_TYPE, data },
		});

	/** Runs `action` and gives what it returned with the requests the simulator received meanwhile. */
	async function counted(sim, action) {
		const before = sim.requests.length;
		const value = await action();
		const seen = sim.requests.slice(before);
		return {
			value,
			tokens: seen.filter((request) => request.path === '/connect/token').length,
			api: seen.filter((request) => request.path !== '/connect/token').map((r) => r.path),
		};
	}

	return {
		name: 'domains',

		async prepare() {
			const credentials = [];
			const workflows = [];
			for (const c of cases) {
				c.sim = await startSimulator({ revision: '1.0' });
				const base = simulatorCredential(`cdpDom${c.key}`, `Cardepass domains ${c.key}`, c.sim);
				c.credential = { ...base, data: { ...base.data, ...c.setting } };
				c.workflowId = `e2eDom${c.key}`;
				credentials.push(c.credential);
				workflows.push(
					chain(c.workflowId, `E2E allowed domains: ${labelOf(c)}`, [
						cardepass(
							'Products',
							{ resource: 'product', operation: 'getAll', returnAll: true },
							c.credential,
						),
					]),
				);
			}
			return { credentials, workflows };
		},

		async run({ inst, t }) {
			for (const c of cases) {
				const run = await t.setup(`domains: execute Product → Get Many (${labelOf(c)})`, () =>
					counted(c.sim, () => inst.execute(c.workflowId)),
				);
				if (c.refusal && run?.value?.error)
					t.note(`${labelOf(c)}: the run fails with ${JSON.stringify(run.value.error.message)}`);
				await t.test(
					c.refusal
						? `domains: ${labelOf(c)}: the run fails with the reason, and the simulator received nothing (no token request)`
						: `domains: ${labelOf(c)}: the run lists the products (1 token request, 1 product request)`,
					() => {
						if (c.refusal) {
							assert.equal(run.value.ok, false, 'the execution failed');
							assert.equal(run.value.error?.node, 'Products');
							assert.match(String(run.value.error?.message), c.refusal);
							assert.deepEqual({ tokens: run.tokens, api: run.api }, { tokens: 0, api: [] });
						} else {
							assertSucceeded(run.value);
							assert.equal(cleanItems(run.value, 'Products').length, 2);
							assert.deepEqual(
								{ tokens: run.tokens, api: run.api },
								{ tokens: 1, api: ['/v1/products'] },
							);
						}
					},
					run,
				);
			}

			const server = await t.setup('domains: n8n start and owner session', async () => {
				await inst.start();
				await inst.ownerSession();
				return true;
			});
			try {
				for (const c of cases) {
					const dropdown = await t.setup(`domains: load the Product dropdown (${labelOf(c)})`, () =>
						counted(c.sim, () => loadProducts(inst, c.credential)),
					);
					if (c.refusal && dropdown)
						t.note(
							`${labelOf(c)}: the dropdown answers HTTP ${dropdown.value.status} ${dropdown.value.text.slice(0, 300)}`,
						);
					await t.test(
						c.refusal
							? `domains: ${labelOf(c)}: the Product dropdown is refused with the reason, and the simulator received nothing`
							: `domains: ${labelOf(c)}: the Product dropdown lists the products (the stored token, 1 product request)`,
						() => {
							if (c.refusal) {
								assert.notEqual(dropdown.value.status, 200, dropdown.value.text);
								assert.match(
									dropdown.value.text,
									/Domain not allowed|No allowed domains specified/,
								);
								assert.deepEqual(
									{ tokens: dropdown.tokens, api: dropdown.api },
									{ tokens: 0, api: [] },
								);
							} else {
								assert.equal(dropdown.value.status, 200, dropdown.value.text);
								assert.deepEqual(
									dropdown.value.data.map((option) => option.value),
									['PROD001', 'PROD002'],
								);
								assert.deepEqual(
									{ tokens: dropdown.tokens, api: dropdown.api },
									{ tokens: 0, api: ['/v1/products'] },
								);
							}
						},
						server,
						dropdown,
					);
				}

				for (const c of cases) {
					const tested = await t.setup(`domains: credential test (${labelOf(c)})`, () =>
						counted(c.sim, () => testCredential(inst, c.credential)),
					);
					if (tested)
						t.note(
							`${labelOf(c)}: credential test answers ${JSON.stringify(tested.value.data)}; the simulator received ${tested.tokens} token and ${tested.api.length} API requests (${tested.api.join(', ') || 'none'})`,
						);
					// Save & test runs no code of the node: n8n takes the test's URL, built from the credential's Base
					// URL, as the credential's own and lets it through whatever the setting says, the token request
					// included. This pins n8n's behaviour down on each line (the README says so), so a change shows up.
					await t.test(
						c.refusal
							? `domains: ${labelOf(c)}: the credential test is not held to the setting by n8n: OK after a token request and a ping to the refused host`
							: `domains: ${labelOf(c)}: the credential test is OK after a ping`,
						() => {
							assert.equal(tested.value.status, 200, tested.value.text);
							assert.equal(tested.value.data?.status, 'OK', JSON.stringify(tested.value.data));
							assert.deepEqual(tested.api, ['/v1/ping']);
							if (c.refusal) assert.equal(tested.tokens, 1, 'one token request');
						},
						server,
						tested,
					);
				}
			} finally {
				await inst.stop();
			}
		},

		async close() {
			for (const c of cases) await c.sim?.close();
		},
	};
}

module.exports = { domainsSuite };
