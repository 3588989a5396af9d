'use strict';

// A business error (HTTP 200, hasError: true) inside real n8n: it fails the
// execution with the provider's message and the responseId; with "On Error:
// Continue" on the node the other items come out and the failed one carries
// { error: { message, errorCode, responseId, ... } }.

const assert = require('node:assert/strict');
const { startSimulator, seed, simulatorCredential } = require('../simulator-access');
const { cardepass, codeItems, chain } = require('../workflow-builder');
const { assertSucceeded } = require('../run-data');

const PROVIDER_MESSAGE = 'Account balance is not enough for this top-up (e2e)';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

function topUpWorkflow(id, prefix, credential, settings) {
	const rows = `[1, 2, 3].map((i) => ({ ref: '${prefix}-' + i }))`;
	return chain(id, `E2E business error (${prefix})`, [
		codeItems('Rows', rows),
		cardepass(
			'Top Up',
			{
				resource: 'card',
				operation: 'topUp',
				cardId: seed.SEED_CARD_IDS.standardUsd,
				topUpAmount: 10,
				customerOrderNo: '={{ $json.ref }}',
			},
			credential,
			settings,
		),
	]);
}

function errorsSuite() {
	let sim;
	const injectInsufficientBalance = () =>
		sim.inject({
			match: { path: '/v1/orders/standard/topup' },
			kind: 'businessError',
			errorCode: 'INSUFFICIENT_BALANCE',
			errorMessage: PROVIDER_MESSAGE,
		});

	return {
		name: 'errors',

		async prepare() {
			sim = await startSimulator({ revision: '1.0' });
			const credential = simulatorCredential('cdpErrors', 'Cardepass errors', sim);
			return {
				credentials: [credential],
				workflows: [
					topUpWorkflow('e2eErrStop', 'E2E-STOP', credential, {}),
					topUpWorkflow('e2eErrContinue', 'E2E-CONT', credential, {
						onError: 'continueRegularOutput',
					}),
				],
			};
		},

		async run({ inst, t }) {
			const stopFault = injectInsufficientBalance();
			const stopped = await t.setup(
				'execute 3 top-ups, the first answered INSUFFICIENT_BALANCE',
				() => inst.execute('e2eErrStop'),
			);
			if (stopped?.error)
				t.note(
					`execution error: message ${JSON.stringify(stopped.error.message)}, description ${JSON.stringify(stopped.error.description)}`,
				);

			await t.test(
				"business error (hasError): the execution fails in the Cardepass node with the provider's message",
				() => {
					assert.equal(stopFault.hits, 1, 'the fault fired once');
					assert.equal(stopped.ok, false, 'the execution failed');
					assert.equal(stopped.status, 'error');
					assert.equal(stopped.error?.node, 'Top Up');
					assert.match(
						stopped.error.message,
						new RegExp(PROVIDER_MESSAGE.replace(/[()]/g, '\\$&')),
					);
				},
				stopped,
			);

			await t.test(
				"business error (hasError): errorCode and the responseId are in the execution's error",
				() => {
					const text = `${stopped.error.message}\n${stopped.error.description ?? ''}`;
					assert.match(text, /INSUFFICIENT_BALANCE/);
					assert.match(text, new RegExp(`Response ID: ${UUID.source}`, 'i'));
				},
				stopped,
			);

			const continueFault = injectInsufficientBalance();
			const continued = await t.setup(
				'execute 3 top-ups with On Error: Continue, one answered INSUFFICIENT_BALANCE',
				() => inst.execute('e2eErrContinue'),
			);
			const items = continued?.nodeItems('Top Up') ?? [];
			const failed = items.filter((item) => item.error);
			if (failed.length) t.note(`failed item: ${JSON.stringify(failed[0])}`);

			await t.test(
				'On Error: Continue: the execution succeeds and the 2 other items are topped up',
				() => {
					assertSucceeded(continued);
					assert.equal(continueFault.hits, 1, 'the fault fired once');
					assert.equal(items.length, 3, 'one output item per input item');
					assert.equal(failed.length, 1, 'one failed item');
					const done = items.filter((item) => !item.error);
					assert.equal(done.length, 2);
					for (const order of done)
						assert.equal(sim.getOrders({ customerOrderNo: order.customerOrderNo }).length, 1);
					assert.equal(
						sim
							.getOrders({ orderType: 'CardTopUp' })
							.filter((order) => order.customerOrderNo.startsWith('E2E-CONT')).length,
						2,
					);
				},
				continued,
			);

			await t.test(
				'On Error: Continue: the failed item is { error: { message, errorCode, responseId, ... } }',
				() => {
					assert.equal(failed.length, 1, 'one failed item');
					const [{ error, ...rest }] = failed;
					assert.deepEqual(rest, {}, 'nothing but error on the item');
					assert.match(error.message, new RegExp(PROVIDER_MESSAGE.replace(/[()]/g, '\\$&')));
					assert.equal(error.errorCode, 'INSUFFICIENT_BALANCE');
					assert.match(error.responseId, new RegExp(`^${UUID.source}$`, 'i'));
					assert.ok(
						String(error.description).includes(error.responseId),
						'the description names the responseId',
					);
				},
				continued,
			);
		},

		async close() {
			await sim?.close();
		},
	};
}

module.exports = { errorsSuite };
