'use strict';

// Retry of a failed execution from the Executions list, in real n8n, through
// POST /rest/executions/:id/retry, with the original workflow and with the
// currently saved one. Every scenario fails an execution that had already
// placed orders, then retries it and counts the orders at the simulator: an
// order made by the failed execution must come back (earlierOrder: true),
// never be paid again.
//
// The failed executions run as `n8n execute` processes before the server
// starts; the server then retries them: the first attempt and its retry share
// nothing but what n8n stored in its database.

const assert = require('node:assert/strict');
const { startSimulator, seed, simulatorCredential } = require('../simulator-access');
const { cardepass, codeItems, chain } = require('../workflow-builder');
const {
	executionsOf,
	readExecution,
	retryExecution,
	outputOf,
	editSavedWorkflow,
} = require('../executions-api');

const TOP_UP_PATH = '/v1/orders/standard/topup';
const LOW_BALANCE = 30; // 10 + 1 fee and 11 + 1 fee fit, 500 does not
const FUNDS_ADDED = 100000;
const GENERATED_NUMBER = /^N8N[0-9A-F]{21}$/;
const SAVED_CAP = 15; // the saved workflow tops up at most this much

const sortedNumbers = (list) => list.map((x) => x.customerOrderNo).sort();
const earlierFlags = (items) => items.map((item) => item.earlierOrder === true);

function topUpNode(credential, customerOrderNo, options = {}) {
	const parameters = {
		resource: 'card',
		operation: 'topUp',
		cardId: seed.SEED_CARD_IDS.standardUsd,
		topUpAmount: '={{ $json.amount }}',
		options,
	};
	if (customerOrderNo) parameters.customerOrderNo = customerOrderNo;
	return cardepass('Top Up', parameters, credential);
}

function topUpWorkflow(id, name, credential, rows, customerOrderNo, options) {
	return chain(id, name, [
		codeItems('Rows', JSON.stringify(rows)),
		topUpNode(credential, customerOrderNo, options),
	]);
}

/** The saved workflow after an edit made between the failure and the Retry: the amount is capped. */
function capAmounts(workflow) {
	const nodes = workflow.nodes.map((node) =>
		node.name === 'Top Up'
			? {
					...node,
					parameters: {
						...node.parameters,
						topUpAmount: `={{ Math.min($json.amount, ${SAVED_CAP}) }}`,
					},
				}
			: node,
	);
	return { ...workflow, nodes };
}

function retrySuite() {
	/** @type {Record<string, { sim: any, workflowId: string, label: string }>} */
	const scenarios = {};

	async function scenario(key, workflowId, label, simOptions, credentialId, workflowFor) {
		const sim = await startSimulator(simOptions);
		const credential = simulatorCredential(credentialId, `Cardepass retry ${key}`, sim);
		scenarios[key] = { sim, workflowId, label };
		return { credential, workflow: workflowFor(credential) };
	}

	const orders = (key) => scenarios[key].sim.getOrders({ orderType: 'CardTopUp' });

	return {
		name: 'retry',

		async prepare() {
			const threeTopUps = [{ amount: 10 }, { amount: 11 }, { amount: 500 }];
			const parts = [
				await scenario(
					'original',
					'e2eRetryOrig',
					'auto numbers, Retry with the original workflow',
					{ revision: '1.0' },
					'cdpRetryOrig',
					(c) => topUpWorkflow('e2eRetryOrig', 'E2E retry, original workflow', c, threeTopUps),
				),
				await scenario(
					'saved',
					'e2eRetrySaved',
					'auto numbers, Retry with the saved workflow',
					{ revision: '1.0' },
					'cdpRetrySaved',
					(c) => topUpWorkflow('e2eRetrySaved', 'E2E retry, saved workflow', c, threeTopUps),
				),
				await scenario(
					'data',
					'e2eRetryData',
					'numbers from the data, repeats refused with HTTP 400',
					{ revision: '1.4', duplicateOrderStatus: 400 },
					'cdpRetryData',
					(c) =>
						topUpWorkflow(
							'e2eRetryData',
							'E2E retry, numbers from the data',
							c,
							threeTopUps.map((row, i) => ({ ...row, invoiceId: `E2E-INV-${i + 1}` })),
							'={{ $json.invoiceId }}',
						),
				),
				await scenario(
					'generic',
					'e2eRetryGeneric',
					'numbers from the data, repeats refused with the generic HTTP 400 and a Chinese message',
					{ revision: '1.4', duplicateRefusal: 'generic' },
					'cdpRetryGeneric',
					(c) =>
						topUpWorkflow(
							'e2eRetryGeneric',
							'E2E retry, generic refusal',
							c,
							threeTopUps.map((row, i) => ({ ...row, invoiceId: `E2E-GEN-${i + 1}` })),
							'={{ $json.invoiceId }}',
						),
				),
				await scenario(
					'lost',
					'e2eRetryLost',
					'auto number, answer lost, retries run out',
					{ revision: '1.0' },
					'cdpRetryLost',
					(c) =>
						topUpWorkflow(
							'e2eRetryLost',
							'E2E retry, answer lost',
							c,
							[{ amount: 25 }],
							undefined,
							{ retries: 1 },
						),
				),
			];
			return {
				credentials: parts.map((p) => p.credential),
				workflows: parts.map((p) => p.workflow),
			};
		},

		async run({ inst, t }) {
			// 1. The failed executions, each in an `n8n execute` process of its own.
			const failed = {};
			const firstOrders = {};
			for (const key of ['original', 'saved', 'data', 'generic']) {
				const { sim, workflowId, label } = scenarios[key];
				sim.state.accounts.USD = LOW_BALANCE;
				failed[key] = await t.setup(
					`${label}: execute 3 top-ups (10, 11, 500) with USD ${LOW_BALANCE} in the account`,
					() => inst.execute(workflowId),
				);
				firstOrders[key] = orders(key);
				await t.test(
					`${label}: the execution fails for lack of funds after 2 orders were made`,
					() => {
						assert.equal(failed[key].ok, false, 'the execution failed');
						assert.equal(failed[key].error?.node, 'Top Up');
						assert.match(
							`${failed[key].error.message} ${failed[key].error.description ?? ''}`,
							/balance/i,
						);
						assert.deepEqual(
							firstOrders[key].map((o) => o.topUpAmount).sort((a, b) => a - b),
							[10, 11],
						);
					},
					failed[key],
				);
				sim.state.accounts.USD = FUNDS_ADDED;
			}
			const lostFault = scenarios.lost.sim.inject({
				match: { path: TOP_UP_PATH },
				kind: 'dropAfterCommit',
				times: 2,
			});
			failed.lost = await t.setup(
				`${scenarios.lost.label}: execute 1 top-up, both answers lost (Retries on Temporary Errors = 1)`,
				() => inst.execute(scenarios.lost.workflowId),
			);
			firstOrders.lost = orders('lost');
			await t.test(
				`${scenarios.lost.label}: the execution fails with no answer after 1 order was made`,
				() => {
					assert.equal(lostFault.hits, 2, 'both requests lost their answer');
					assert.equal(failed.lost.ok, false, 'the execution failed');
					assert.match(
						failed.lost.error?.message ?? '',
						/connection to Cardepass failed before an answer arrived/i,
					);
					assert.equal(firstOrders.lost.length, 1);
				},
				failed.lost,
			);

			// 2. The server, and Retry of each stored failed execution.
			const server = await t.setup('n8n start and owner session', async () => {
				await inst.start();
				await inst.ownerSession();
				return true;
			});
			try {
				const stored = {};
				for (const key of Object.keys(scenarios)) {
					stored[key] = await t.setup(
						`${scenarios[key].label}: find the failed execution in the Executions list`,
						async () => {
							const list = await executionsOf(inst, scenarios[key].workflowId);
							assert.equal(
								list.length,
								1,
								`executions of ${scenarios[key].workflowId}: ${JSON.stringify(list)}`,
							);
							assert.equal(list[0].status, 'error');
							return await readExecution(inst, list[0].id);
						},
					);
				}
				await t.test(
					`${scenarios.lost.label}: the stored error says retrying this execution is safe`,
					() => {
						assert.match(
							stored.lost.run.resultData.error?.description ?? '',
							/Retrying this execution is safe/,
						);
					},
					server,
					stored.lost,
				);

				const savedEdit = await t.setup(
					`${scenarios.saved.label}: save the workflow with the amount capped at ${SAVED_CAP}`,
					() => editSavedWorkflow(inst, scenarios.saved.workflowId, capAmounts),
				);

				const retried = {};
				for (const key of Object.keys(scenarios)) {
					const loadWorkflow = key === 'saved';
					retried[key] = await t.setup(
						`${scenarios[key].label}: Retry (loadWorkflow: ${loadWorkflow})`,
						async () => {
							const answer = await retryExecution(inst, stored[key].id, { loadWorkflow });
							return await readExecution(inst, answer.id);
						},
					);
					if (retried[key]) {
						const shown = outputOf(retried[key], 'Top Up').map(
							(item) => `${item.customerOrderNo}${item.earlierOrder ? ' (earlierOrder)' : ''}`,
						);
						t.note(
							`${key}: execution ${stored[key].id} retried as ${retried[key].id} (${retried[key].status}): ${shown.join(', ') || 'no output'}; ${orders(key).length} order(s) at the simulator`,
						);
					}
				}

				for (const key of Object.keys(scenarios)) {
					const { label } = scenarios[key];
					await t.test(
						`${label}: the Retry is a new execution (mode retry, retryOf the failed one) that succeeds`,
						() => {
							assert.notEqual(retried[key].id, stored[key].id);
							assert.equal(retried[key].mode, 'retry');
							assert.equal(String(retried[key].retryOf), String(stored[key].id));
							assert.equal(
								retried[key].status,
								'success',
								JSON.stringify(retried[key].run.resultData.error ?? null),
							);
						},
						server,
						stored[key],
						retried[key],
					);
				}

				await t.test(
					`${scenarios.original.label}: 3 orders in all; the 2 earlier come back earlierOrder: true, the third is made`,
					() => {
						const all = orders('original');
						const items = outputOf(retried.original, 'Top Up');
						assert.equal(all.length, 3);
						assert.deepEqual(
							all.map((o) => o.topUpAmount).sort((a, b) => a - b),
							[10, 11, 500],
						);
						assert.deepEqual(earlierFlags(items), [true, true, false]);
						assert.deepEqual(sortedNumbers(items.slice(0, 2)), sortedNumbers(firstOrders.original));
						assert.deepEqual(sortedNumbers(items), sortedNumbers(all));
						for (const item of items) assert.match(item.customerOrderNo, GENERATED_NUMBER);
					},
					server,
					retried.original,
				);

				await t.test(
					`${scenarios.saved.label} (amount since capped at ${SAVED_CAP}): 3 orders in all; the 2 earlier come back, the third is made for ${SAVED_CAP}`,
					() => {
						const all = orders('saved');
						const items = outputOf(retried.saved, 'Top Up');
						assert.equal(all.length, 3);
						assert.deepEqual(
							all.map((o) => o.topUpAmount).sort((a, b) => a - b),
							[10, 11, SAVED_CAP],
						);
						assert.deepEqual(earlierFlags(items), [true, true, false]);
						assert.deepEqual(sortedNumbers(items.slice(0, 2)), sortedNumbers(firstOrders.saved));
						assert.deepEqual(sortedNumbers(items), sortedNumbers(all));
					},
					server,
					savedEdit,
					retried.saved,
				);

				await t.test(
					`${scenarios.data.label}: 3 orders in all; the 2 earlier come back earlierOrder: true, the third is made`,
					() => {
						const all = orders('data');
						const items = outputOf(retried.data, 'Top Up');
						assert.equal(all.length, 3);
						assert.deepEqual(sortedNumbers(all), ['E2E-INV-1', 'E2E-INV-2', 'E2E-INV-3']);
						assert.deepEqual(earlierFlags(items), [true, true, false]);
						assert.deepEqual(
							items.map((item) => item.customerOrderNo),
							['E2E-INV-1', 'E2E-INV-2', 'E2E-INV-3'],
						);
						const refused = scenarios.data.sim
							.apiRequests({ path: TOP_UP_PATH })
							.filter((request) => request.status === 400);
						assert.equal(refused.length, 2, 'the two repeats were refused with HTTP 400');
					},
					server,
					retried.data,
				);

				await t.test(
					`${scenarios.generic.label}: 3 orders in all, one per item; the 2 earlier come back earlierOrder: true`,
					() => {
						const all = orders('generic');
						const items = outputOf(retried.generic, 'Top Up');
						assert.deepEqual(sortedNumbers(all), ['E2E-GEN-1', 'E2E-GEN-2', 'E2E-GEN-3']);
						assert.deepEqual(earlierFlags(items), [true, true, false]);
						assert.deepEqual(
							items.map((item) => [item.customerOrderNo, item.amount]),
							[
								['E2E-GEN-1', 10],
								['E2E-GEN-2', 11],
								['E2E-GEN-3', 500],
							],
						);
						const refused = scenarios.generic.sim
							.apiRequests({ path: TOP_UP_PATH })
							.filter((request) => request.status === 400);
						assert.equal(refused.length, 2, 'the two repeats were refused with HTTP 400');
					},
					server,
					retried.generic,
				);

				await t.test(
					`${scenarios.lost.label}: 1 order in all; the Retry returns it with earlierOrder: true`,
					() => {
						const all = orders('lost');
						const items = outputOf(retried.lost, 'Top Up');
						assert.equal(all.length, 1);
						assert.equal(items.length, 1);
						assert.equal(items[0].earlierOrder, true);
						assert.equal(items[0].customerOrderNo, all[0].customerOrderNo);
						assert.match(items[0].customerOrderNo, GENERATED_NUMBER);
					},
					server,
					retried.lost,
				);
			} finally {
				await inst.stop();
			}
		},

		async close() {
			for (const { sim } of Object.values(scenarios)) await sim.close();
		},
	};
}

module.exports = { retrySuite };
