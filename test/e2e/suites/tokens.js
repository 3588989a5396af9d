'use strict';

// The OAuth2 token inside real n8n, where it is kept in the credential between
// executions (each `n8n execute` is a new process): fetched once, reused,
// renewed after the provider revoked it; and a 50-item run on a fresh
// credential that fetches one token and keeps to 5 requests in flight.

const assert = require('node:assert/strict');
const { startSimulator, seed, simulatorCredential } = require('../simulator-access');
const { cardepass, codeItems, chain } = require('../workflow-builder');
const { assertSucceeded, cleanItems } = require('../run-data');

const ITEMS = 50;
// The node's default Max Concurrent Requests, as built.
const {
	DEFAULT_MAX_CONCURRENT_REQUESTS: MAX_IN_FLIGHT,
} = require('../../../dist/nodes/Cardepass/shared/limiter');

function tokensSuite() {
	let sim;
	let fiftySim;

	/** Executes and counts the token requests the run made. */
	async function counted(inst, simulator, id) {
		const before = simulator.tokenRequests();
		const result = await inst.execute(id);
		return { result, tokenRequests: simulator.tokenRequests() - before };
	}

	return {
		name: 'tokens',

		async prepare() {
			sim = await startSimulator({ revision: '1.0' });
			// Latency keeps requests in flight long enough for the concurrency cap to show.
			fiftySim = await startSimulator({ revision: '1.0', latencyMs: 40 });
			const credential = simulatorCredential('cdpToken', 'Cardepass token life', sim);
			const fresh = simulatorCredential('cdpFifty', 'Cardepass 50 items', fiftySim);
			const rows = `Array.from({ length: ${ITEMS} }, (_, i) => ({ ref: 'E2E-FIFTY-' + (i + 1) }))`;
			return {
				credentials: [credential, fresh],
				workflows: [
					chain('e2eToken', 'E2E token life', [
						cardepass(
							'Products',
							{ resource: 'product', operation: 'getAll', returnAll: true },
							credential,
						),
					]),
					chain('e2eFifty', 'E2E 50 top-ups', [
						codeItems('Rows', rows),
						cardepass(
							'Top Up',
							{
								resource: 'card',
								operation: 'topUp',
								cardId: seed.SEED_CARD_IDS.standardUsd,
								topUpAmount: 1,
								customerOrderNo: '={{ $json.ref }}',
							},
							fresh,
						),
					]),
				],
			};
		},

		async run({ inst, t }) {
			const first = await t.setup('execute the token workflow (1st)', () =>
				counted(inst, sim, 'e2eToken'),
			);
			await t.test(
				'token: the first execution fetches a token (1 token request)',
				() => {
					assertSucceeded(first.result);
					assert.equal(cleanItems(first.result, 'Products').length, 2);
					assert.equal(first.tokenRequests, 1);
				},
				first,
			);

			const second = await t.setup('execute the token workflow (2nd)', () =>
				counted(inst, sim, 'e2eToken'),
			);
			await t.test(
				'token: the second execution reuses the stored token (0 token requests)',
				() => {
					assertSucceeded(second.result);
					assert.equal(second.tokenRequests, 0);
				},
				second,
			);

			const unauthorisedBefore = sim.requests.filter((request) => request.status === 401).length;
			sim.revokeTokens();
			const renewed = await t.setup('execute the token workflow after sim.revokeTokens()', () =>
				counted(inst, sim, 'e2eToken'),
			);
			await t.test(
				'token: after the provider revoked it, the next execution renews once (1 token request) and succeeds',
				() => {
					assertSucceeded(renewed.result);
					assert.equal(cleanItems(renewed.result, 'Products').length, 2);
					assert.equal(renewed.tokenRequests, 1);
					const unauthorised =
						sim.requests.filter((request) => request.status === 401).length - unauthorisedBefore;
					assert.equal(unauthorised, 1, 'the revoked token was refused once (HTTP 401)');
				},
				renewed,
			);

			fiftySim.resetMetrics();
			const fifty = await t.setup(`execute ${ITEMS} top-ups on a fresh credential`, () =>
				counted(inst, fiftySim, 'e2eFifty'),
			);
			if (fifty) {
				t.note(
					`${ITEMS}-item top-up on a fresh credential: ${fifty.tokenRequests} token request(s), ` +
						`at most ${fiftySim.maxConcurrent} request(s) in flight, ${fifty.result.ms} ms`,
				);
			}
			await t.test(
				`${ITEMS}-item top-up: every item topped up once`,
				() => {
					assertSucceeded(fifty.result);
					assert.equal(cleanItems(fifty.result, 'Top Up').length, ITEMS);
					assert.equal(fiftySim.getOrders({ orderType: 'CardTopUp' }).length, ITEMS);
				},
				fifty,
			);
			await t.test(
				`${ITEMS}-item top-up on a fresh credential: 1 token request`,
				() => {
					assert.equal(fifty.tokenRequests, 1);
				},
				fifty,
			);
			await t.test(
				`${ITEMS}-item top-up: at most ${MAX_IN_FLIGHT} requests in flight at the simulator`,
				() => {
					assert.ok(
						fiftySim.maxConcurrent <= MAX_IN_FLIGHT,
						`maxConcurrent was ${fiftySim.maxConcurrent}`,
					);
				},
				fifty,
			);
		},

		async close() {
			await sim?.close();
			await fiftySim?.close();
		},
	};
}

module.exports = { tokensSuite };
