'use strict';

// The Cardepass Trigger in the running n8n (`n8n start`), with active
// workflows: the simulator sends signed CardPay notifications to their
// production URLs as the provider does. A signed one starts exactly one run; a
// tampered one and a replay start none; the answers are the provider's shapes.
// Also: the two trigger examples (a declined payment → message; an unexpected
// merchant → the card is blocked through the Cardepass node), the repeat still
// recognised after n8n restarts, and what the credential test says.
//
// "No run" is checked without sleeping: after the notification that must start
// nothing, one that must start a run is sent, and the count of executions is
// read once that run is there.

const assert = require('node:assert/strict');
const path = require('node:path');
const { startSimulator, seed, simulatorCredential } = require('../simulator-access');
const { waitForWebhook } = require('../webhook-ready');
const { prepareExample } = require('../example-workflows');
const { manualTrigger } = require('../workflow-builder');
const { webhooks } = require('../../simulator');

const SECRET = 'whsec-e2e-trigger-7Hq2';
const WEBHOOK_CREDENTIAL = {
	id: 'cdpWebhookE2e',
	name: 'Cardepass webhook (e2e)',
	type: 'cardepassWebhookApi',
	data: { webhookSecret: SECRET },
};
const EMPTY_CREDENTIAL = {
	id: 'cdpWebhookNone',
	name: 'Cardepass webhook (no secret)',
	type: 'cardepassWebhookApi',
	data: { webhookSecret: '' },
};
const TRIGGER_TYPE = 'n8n-nodes-cardepass.cardepassTrigger';
const ACCEPTED = { success: true, errorCode: '', errorMessage: '' };
const CARDS = seed.SEED_CARD_IDS;
// Generous: the machine may be busy, and 2.x starts its task runner on the first run.
const WAIT_MS = 90_000;

const WORKFLOWS = {
	plain: { id: 'e2eTrigPlain', webhookId: 'e2e-cardepass-trigger-plain' },
	alert: { id: 'e2eTrigAlert', file: 'declined-payment-alert.json' },
	freeze: { id: 'e2eTrigFreeze', file: 'freeze-card-on-unexpected-merchant.json' },
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Trigger → No Operation: every notification that passes starts one run. */
function plainWorkflow() {
	const trigger = {
		id: 'e2e-trigger-plain',
		name: 'Cardepass Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: WORKFLOWS.plain.webhookId,
		parameters: { events: ['CardPay'], options: {} },
		credentials: {
			cardepassWebhookApi: { id: WEBHOOK_CREDENTIAL.id, name: WEBHOOK_CREDENTIAL.name },
		},
	};
	const done = {
		id: 'e2e-trigger-done',
		name: 'Received',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [220, 0],
		parameters: {},
	};
	return {
		id: WORKFLOWS.plain.id,
		name: 'e2e: Cardepass Trigger',
		nodes: [trigger, done],
		connections: {
			'Cardepass Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** An example as users import it, the credentials swapped for the suite's. */
function exampleWorkflow({ id, file }, credential) {
	const workflow = prepareExample(file, { id, credential });
	for (const node of workflow.nodes) {
		if (node.type === TRIGGER_TYPE)
			node.credentials = {
				cardepassWebhookApi: { id: WEBHOOK_CREDENTIAL.id, name: WEBHOOK_CREDENTIAL.name },
			};
	}
	// prepareExample adds a Manual Trigger only beside a Schedule Trigger; none is wanted here.
	workflow.nodes = workflow.nodes.filter((node) => node.type !== manualTrigger().type);
	return workflow;
}

function productionUrl(inst, workflow) {
	const trigger = workflow.nodes.find((node) => node.type === TRIGGER_TYPE);
	return `${inst.url}/webhook/${trigger.webhookId}/webhook`;
}

function triggerSuite() {
	let sim;
	let workflows;

	/** n8n 1.x activates with update:workflow, 2.x publishes; both take effect when n8n starts. */
	async function activate(inst, id) {
		const args =
			inst.line === '1.x'
				? ['update:workflow', `--id=${id}`, '--active=true']
				: ['publish:workflow', `--id=${id}`];
		const result = await inst.cli(args);
		if (result.code !== 0)
			throw new Error(
				`n8n ${args.join(' ')} exited with ${result.code}: ${result.stdout.slice(-500)}`,
			);
	}

	async function executions(inst, workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const response = await inst.rest('GET', `/rest/executions?filter=${filter}&limit=100`);
		assert.equal(response.status, 200, response.text.slice(0, 300));
		const list = response.data?.results ?? response.data;
		return list.filter((execution) => String(execution.workflowId) === workflowId);
	}

	/** Waits until the workflow has `count` finished executions and returns them. */
	async function waitForExecutions(inst, workflowId, count) {
		const started = Date.now();
		for (;;) {
			const list = await executions(inst, workflowId);
			const finished = list.filter(
				(execution) => !['running', 'new', 'waiting'].includes(execution.status),
			);
			if (finished.length >= count) return finished;
			if (Date.now() - started > WAIT_MS)
				throw new Error(
					`${workflowId}: ${finished.length} finished execution(s) after ${WAIT_MS / 1000} s, expected ${count}`,
				);
			await sleep(250);
		}
	}

	/** An execution's data (n8n keeps it flatted). */
	async function executionData(inst, executionId) {
		const response = await inst.rest('GET', `/rest/executions/${executionId}`);
		assert.equal(response.status, 200, response.text.slice(0, 300));
		const flatted = require(path.join(inst.install.dir, 'node_modules', 'flatted'));
		const raw = response.data.data;
		return typeof raw === 'string' ? flatted.parse(raw) : raw;
	}

	/** The error messages of failed executions, for assertion messages. */
	async function errorsOf(inst, list) {
		const failed = list.filter((execution) => execution.status !== 'success');
		const data = await Promise.all(failed.map((execution) => executionData(inst, execution.id)));
		return data
			.map((d) => `${d.resultData.error?.message} ${d.resultData.error?.description ?? ''}`)
			.join('; ');
	}

	/** The items a node output in an execution. */
	async function nodeItems(inst, executionId, nodeName) {
		const data = await executionData(inst, executionId);
		const runs = data.resultData.runData[nodeName] ?? [];
		return runs.flatMap((run) => (run.data?.main?.[0] ?? []).map((item) => item.json));
	}

	const send = (notification, variant, url) => sim.sendNotification(notification, { variant, url });
	const answerOf = (delivery) => delivery.attempts[0];
	const cardPay = (cardId, spec = {}, envelope = {}) => ({
		...envelope,
		data: webhooks.cardPayData(sim.getCard(cardId), spec),
	});

	return {
		name: 'trigger',

		async prepare() {
			sim = await startSimulator({ revision: '1.0', webhook: { secret: SECRET } });
			const account = simulatorCredential('cdpTrigAccount', 'Cardepass sandbox (trigger)', sim);
			workflows = {
				plain: plainWorkflow(),
				alert: exampleWorkflow(WORKFLOWS.alert, account),
				freeze: exampleWorkflow(WORKFLOWS.freeze, account),
			};
			return {
				credentials: [WEBHOOK_CREDENTIAL, EMPTY_CREDENTIAL, account],
				workflows: Object.values(workflows),
			};
		},

		async run({ inst, t }) {
			const server = await t.setup(
				'activate the trigger workflows, n8n start, owner setup',
				async () => {
					for (const { id } of Object.values(WORKFLOWS)) await activate(inst, id);
					await inst.start();
					await inst.ownerSession();
					// n8n 2.x listens on an activated workflow's webhooks a moment after it started.
					for (const workflow of Object.values(workflows)) {
						const trigger = workflow.nodes.find((node) => node.type === TRIGGER_TYPE);
						if (trigger) await waitForWebhook(inst, `${trigger.webhookId}/webhook`);
					}
					return true;
				},
			);
			try {
				const url = server && productionUrl(inst, workflows.plain);
				const first = cardPay(CARDS.standardUsd, {
					status: 'AuthSuccess',
					merchantName: 'E2E FIRST SHOP',
				});
				const signed = await t.setup('a signed notification to the production URL', () =>
					send(first, 'signed', url),
				);
				const firstRuns =
					signed &&
					(await t.setup('its run', () => waitForExecutions(inst, WORKFLOWS.plain.id, 1)));
				await t.test(
					'signed CardPay on the production URL of the active workflow: answered success, one run',
					async () => {
						assert.equal(answerOf(signed).status, 200);
						assert.deepEqual(answerOf(signed).answer, ACCEPTED);
						assert.equal(firstRuns.length, 1);
						assert.equal(firstRuns[0].status, 'success');
						assert.equal(firstRuns[0].mode, 'webhook');
					},
					signed,
					firstRuns,
				);
				await t.test(
					"the run's item: eventId, eventType, cardId and the data fields; no signature",
					async () => {
						const [item] = await nodeItems(inst, firstRuns[0].id, 'Cardepass Trigger');
						assert.equal(item.eventId, signed.id);
						assert.equal(item.eventType, 'CardPay');
						assert.equal(item.cardId, CARDS.standardUsd);
						assert.equal(item.merchantName, 'E2E FIRST SHOP');
						assert.equal(item.status, 'AuthSuccess');
						assert.deepEqual(item.transAmount, first.data.transAmount);
						assert.match(item.cardInfo.maskCardNumber, /^\d{6}\*{6}\d{4}$/);
						assert.equal(item.signature, undefined);
					},
					firstRuns,
				);

				const refused = {};
				for (const variant of ['tampered', 'badlySigned', 'unsigned', 'reformatted']) {
					refused[variant] = await t.setup(`a ${variant} notification`, () =>
						send(cardPay(CARDS.standardUsd), variant, url),
					);
				}
				const notJsonAsJson = await t.setup(
					'a body that is not JSON, sent as application/json',
					() => webhooks.postNotification(url, 'not json'),
				);
				const notJsonAsText = await t.setup(
					'a body that is not JSON, sent as text/plain',
					async () => {
						const response = await fetch(url, {
							method: 'POST',
							headers: { 'content-type': 'text/plain' },
							body: 'not json',
						});
						return { status: response.status, text: await response.text() };
					},
				);
				if (notJsonAsJson)
					t.note(
						`not JSON as application/json: n8n answers HTTP ${notJsonAsJson.status} ${notJsonAsJson.text.slice(0, 200)}`,
					);
				const replay =
					signed && (await t.setup('the signed notification sent again', () => sim.resend(signed)));
				const unknown = await t.setup('an unknown event type', () =>
					send(cardPay(CARDS.standardUsd, {}, { type: 'CardExploded' }), 'signed', url),
				);
				const sentinel = await t.setup('a fresh signed notification after them', () =>
					send(cardPay(CARDS.standardUsd), 'signed', url),
				);
				const afterSentinel =
					sentinel &&
					(await t.setup('its run', () => waitForExecutions(inst, WORKFLOWS.plain.id, 2)));
				for (const [variant, delivery] of Object.entries(refused)) {
					await t.test(
						`${variant} notification: answered INVALID_SIGNATURE (HTTP 200, success false)`,
						() => {
							assert.equal(answerOf(delivery).status, 200);
							assert.equal(answerOf(delivery).answer?.success, false, answerOf(delivery).text);
							assert.equal(answerOf(delivery).answer?.errorCode, 'INVALID_SIGNATURE');
							assert.equal(typeof answerOf(delivery).answer?.errorMessage, 'string');
						},
						delivery,
					);
				}
				await t.test(
					'a body that is not JSON: not a success answer (the provider sends it again)',
					() => {
						assert.notEqual(notJsonAsJson.answer?.success, true, notJsonAsJson.text);
						assert.equal(notJsonAsText.status, 200);
						assert.equal(JSON.parse(notJsonAsText.text).errorCode, 'INVALID_SIGNATURE');
					},
					notJsonAsJson,
					notJsonAsText,
				);
				await t.test(
					'replayed notification: answered success',
					() => assert.deepEqual(answerOf(replay).answer, ACCEPTED),
					replay,
				);
				await t.test(
					'unknown event type: answered UNKNOWN_EVENT_TYPE',
					() => {
						assert.equal(answerOf(unknown).answer?.success, false);
						assert.equal(answerOf(unknown).answer?.errorCode, 'UNKNOWN_EVENT_TYPE');
					},
					unknown,
				);
				await t.test(
					'tampered, badly signed, unsigned, re-spaced, non-JSON, replayed and unknown-type notifications started no run',
					async () => {
						await sleep(500);
						const list = await executions(inst, WORKFLOWS.plain.id);
						assert.equal(list.length, 2, `executions: ${list.map((e) => e.id).join(', ')}`);
					},
					afterSentinel,
				);

				// The declined-payment example: only AuthFailure passes; its message names the merchant.
				const alertUrl = server && productionUrl(inst, workflows.alert);
				const approved = await t.setup('declined-payment-alert: an approved payment', () =>
					send(cardPay(CARDS.standardEur, { status: 'AuthSuccess' }), 'signed', alertUrl),
				);
				const declined = await t.setup('declined-payment-alert: a declined payment', () =>
					send(
						cardPay(CARDS.standardEur, {
							status: 'AuthFailure',
							merchantName: 'E2E DECLINING SHOP',
							amount: 12.34,
						}),
						'phpSignature',
						alertUrl,
					),
				);
				const alertRuns =
					declined &&
					(await t.setup('its run', () => waitForExecutions(inst, WORKFLOWS.alert.id, 1)));
				await t.test(
					'declined-payment-alert.json: only the declined payment runs, and its message names card, merchant, amount and reason',
					async () => {
						assert.deepEqual(answerOf(approved).answer, ACCEPTED);
						assert.deepEqual(answerOf(declined).answer, ACCEPTED);
						await sleep(500);
						assert.equal((await executions(inst, WORKFLOWS.alert.id)).length, 1);
						const [message] = await nodeItems(inst, alertRuns[0].id, 'Send the message');
						assert.match(
							message.message,
							/declined at E2E DECLINING SHOP: 12\.34 EUR\. Reason: Insufficient available balance/,
						);
						assert.match(message.message, /\d{6}\*{6}\d{4}/);
						assert.equal(message.cardId, CARDS.standardEur);
					},
					approved,
					declined,
					alertRuns,
				);

				// The freeze example: a payment at an unexpected merchant blocks the card through the Cardepass node.
				if (server) sim.configureWebhook({ url: productionUrl(inst, workflows.freeze) });
				const expected = await t.setup('freeze example: a payment at AMAZON.COM', () =>
					sim.cardPayment(CARDS.standardEur, { merchantName: 'AMAZON.COM' }),
				);
				const unexpected = await t.setup(
					'freeze example: a payment at an unexpected merchant',
					() => sim.cardPayment(CARDS.standardUsd, { merchantName: 'E2E ODD MERCHANT' }),
				);
				const freezeRuns =
					unexpected &&
					(await t.setup('both runs', () => waitForExecutions(inst, WORKFLOWS.freeze.id, 2)));
				await t.test(
					'freeze-card-on-unexpected-merchant.json: the card used at the unexpected merchant is Blocked, the other stays Active',
					async () => {
						assert.deepEqual(answerOf(expected.delivery).answer, ACCEPTED);
						assert.deepEqual(answerOf(unexpected.delivery).answer, ACCEPTED);
						assert.ok(
							freezeRuns.every((run) => run.status === 'success'),
							await errorsOf(inst, freezeRuns),
						);
						assert.equal(sim.getCard(CARDS.standardUsd).status, 'Blocked');
						assert.equal(sim.getCard(CARDS.standardEur).status, 'Active');
						assert.equal(sim.getOrders({ orderType: 'CardBlock' }).length, 1);
					},
					expected,
					unexpected,
					freezeRuns,
				);

				const credentialTest = (credential) =>
					inst.rest('POST', '/rest/credentials/test', { credentials: credential });
				const withSecret = await t.setup('credential test of the webhook secret', () =>
					credentialTest(WEBHOOK_CREDENTIAL),
				);
				const withoutSecret = await t.setup('credential test without a secret', () =>
					credentialTest(EMPTY_CREDENTIAL),
				);
				if (withSecret) t.note(`webhook credential test: ${JSON.stringify(withSecret.data)}`);
				if (withoutSecret)
					t.note(`webhook credential test without a secret: ${JSON.stringify(withoutSecret.data)}`);
				await t.test(
					'credential test: OK, saying the secret cannot be checked until Cardepass sends a notification',
					() => {
						assert.equal(withSecret.status, 200, withSecret.text);
						assert.equal(withSecret.data?.status, 'OK');
						assert.match(
							withSecret.data?.message,
							/cannot be checked until Cardepass sends a notification/,
						);
					},
					withSecret,
				);
				await t.test(
					'credential test without a secret: Error, every notification would be refused',
					() => {
						assert.equal(withoutSecret.data?.status, 'Error');
						assert.match(withoutSecret.data?.message, /No webhook secret/);
					},
					withoutSecret,
				);

				const restarted = await t.setup('restart n8n', async () => {
					await inst.stop();
					await inst.start();
					await inst.login();
					return true;
				});
				const replayAfterRestart =
					restarted &&
					(await t.setup('the first notification sent again after the restart', () =>
						sim.resend(signed),
					));
				const sentinelAfterRestart =
					restarted &&
					(await t.setup('a fresh one after it', () =>
						send(cardPay(CARDS.standardUsd), 'signed', productionUrl(inst, workflows.plain)),
					));
				const afterRestart =
					sentinelAfterRestart &&
					(await t.setup('its run', () => waitForExecutions(inst, WORKFLOWS.plain.id, 3)));
				await t.test(
					'after an n8n restart the earlier notification is still recognised: answered success, no run',
					async () => {
						assert.deepEqual(answerOf(replayAfterRestart).answer, ACCEPTED);
						assert.deepEqual(answerOf(sentinelAfterRestart).answer, ACCEPTED);
						await sleep(500);
						assert.equal((await executions(inst, WORKFLOWS.plain.id)).length, 3);
					},
					replayAfterRestart,
					afterRestart,
				);

				await t.test(
					"n8n's log holds no webhook secret and nothing of a refused body",
					() => {
						const log = inst.logs();
						assert.ok(!log.includes(SECRET), 'the secret is in the log');
						for (const delivery of Object.values(refused))
							assert.ok(
								!log.includes(delivery.id),
								`refused notification ${delivery.id} is in the log`,
							);
					},
					server,
				);
			} finally {
				await inst.stop();
			}
		},

		async close() {
			await sim?.close();
		},
	};
}

module.exports = { triggerSuite };
