/**
 * The Cardepass Trigger's webhook() in n8n-core, over real HTTP, with notifications encoded by the
 * simulator as the provider sends them: what it answers, and which notifications start a run with
 * which item.
 */
import type { ICredentialType, IDataObject } from 'n8n-workflow';

import { capturedLogs } from '../helpers/engine';
import { seed } from '../simulator';
import { cardPayData, encodeNotification } from '../simulator/webhooks';
import type { Answer } from './harness';
import { TriggerHarness, loadTrigger } from './harness';

const SECRET = 'whsec-n8n-trigger-Q4x8';
const CARD = seed.CARDS.find(
	(card: { cardId: string }) => card.cardId === seed.SEED_CARD_IDS.standardUsd,
)!;
const ACCEPTED = { success: true, errorCode: '', errorMessage: '' };

const notification = (spec: IDataObject = {}, envelope: IDataObject = {}) => ({
	...envelope,
	data: cardPayData(CARD, spec),
});
const encode = (n: ReturnType<typeof notification>, variant = 'signed', secret = SECRET) =>
	encodeNotification(n, { secret, variant });

function expectRefused(answer: Answer, errorCode: string) {
	expect(answer.status).toBe(200);
	expect(answer.contentType).toMatch(/^application\/json/);
	expect(answer.body).toEqual({ success: false, errorCode, errorMessage: expect.any(String) });
	expect(answer.body.errorMessage.length).toBeGreaterThan(0);
}

function expectAccepted(answer: Answer) {
	expect(answer.status).toBe(200);
	expect(answer.contentType).toMatch(/^application\/json/);
	expect(answer.body).toEqual(ACCEPTED);
}

let harness: TriggerHarness | undefined;
async function start(options: ConstructorParameters<typeof TriggerHarness>[0] = {}) {
	harness = await TriggerHarness.start({ credential: { webhookSecret: SECRET }, ...options });
	return harness;
}
afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

describe('a signed CardPay notification', () => {
	it('is answered success at once and starts one run with one item', async () => {
		const trigger = await start();
		const sent = notification(
			{ status: 'AuthFailure', merchantName: 'UNEXPECTED SHOP', amount: 42.5 },
			{ id: 'evt-0001', createdTime: '2026-01-02T03:04:05Z' },
		);
		const answer = await trigger.post(encode(sent).body);
		expectAccepted(answer);
		expect(trigger.runs).toHaveLength(1);
		const [item] = trigger.runs[0].items;
		expect(item).toEqual({
			eventId: 'evt-0001',
			eventType: 'CardPay',
			createdTime: '2026-01-02T03:04:05Z',
			version: '1.0',
			...sent.data,
			cardId: CARD.cardId,
		});
		expect(item).toMatchObject({
			status: 'AuthFailure',
			merchantName: 'UNEXPECTED SHOP',
			transAmount: { amount: 42.5, currency: 'USD' },
			failureReason: 'Insufficient available balance',
		});
		expect(item).not.toHaveProperty('signature');
		expect((item.cardInfo as IDataObject).maskCardNumber).toBe(
			`${CARD.cardNumber.slice(0, 6)}******${CARD.cardNumber.slice(-4)}`,
		);
		expect(JSON.stringify(trigger.runs[0].items)).not.toContain(CARD.cardNumber);
		expect(trigger.runs[0].run.status).toBe('success');
		// The provider's answer is written before the workflow starts, so a slow workflow cannot delay it.
		expect(trigger.events).toEqual(['run started after the answer']);
	});

	it("the document's sample body (indented, Chinese text), signed over its data text as it stands", async () => {
		const trigger = await start();
		const docData = `{
    "id": "66f8a1e4-1234-5678-9abc-123456789012",
    "authTime": "2023-05-20T08:30:45Z",
    "settleTime": "2023-05-20T08:35:12Z",
    "transAmount": { "currency": "USD", "amount": 29.99 },
    "authAmount": { "currency": "USD", "amount": 29.99 },
    "settledAmount": { "currency": "USD", "amount": 29.99 },
    "cardInfo": {
      "id": "6805b2caa94783c5566f9397",
      "productCode": "0BN03HNK",
      "productName": "通用测试2卡",
      "cardCurrency": "USD",
      "maskCardNumber": "436797******2419",
      "cardModel": "Standard"
    },
    "cardAlias": "测试卡01",
    "authCode": "123456",
    "merchantName": "AMAZON.COM",
    "merchantCountryCode": "US",
    "merchantCity": "Seattle",
    "merchantState": "WA",
    "merchantZipCode": "98101",
    "merchantDesc": "AMAZON.COM AMZN.COM/BILL WA",
    "status": "AuthSuccess",
    "fundsDirection": "Expenditure",
    "transactionType": "Consume",
    "failureReason": null,
    "failureReasonCn": null,
    "note": "消费交易"
  }`;
		const { sign } = await import('../simulator/webhooks');
		const envelope = {
			id: '1234567890abcdef1234567890abcdef',
			type: 'CardPay',
			createdTime: '2023-05-20T08:30:45Z',
			version: '1.0',
		};
		const body = `{\n  "id": "${envelope.id}",\n  "type": "CardPay",\n  "createdTime": "2023-05-20T08:30:45Z",\n  "data": ${docData},\n  "version": "1.0",\n  "signature": "${sign(envelope, docData, SECRET)}"\n}`;
		expectAccepted(await trigger.post(body));
		expect(trigger.runs).toHaveLength(1);
		expect(trigger.runs[0].items[0]).toMatchObject({
			eventId: envelope.id,
			cardId: '6805b2caa94783c5566f9397',
			cardAlias: '测试卡01',
			status: 'AuthSuccess',
			failureReason: null,
			cardInfo: { maskCardNumber: '436797******2419' },
		});
	});

	it.each(['prettyPrinted', 'phpEscapedBody', 'phpSignature'])(
		'is accepted when sent %s',
		async (variant) => {
			const trigger = await start();
			const sent = notification();
			expectAccepted(await trigger.post(encode(sent, variant).body));
			expect(trigger.runs).toHaveLength(1);
			expect(trigger.runs[0].items[0]).toMatchObject({
				merchantDesc: sent.data.merchantDesc,
				cardAlias: sent.data.cardAlias,
				note: sent.data.note,
			});
		},
	);

	it('a full card number or CVV, should one ever arrive, is masked in the item', async () => {
		const trigger = await start();
		const sent = notification();
		const cardInfo: IDataObject = {
			...sent.data.cardInfo,
			cardNumber: CARD.cardNumber,
			cvv: '123',
		};
		expectAccepted(
			await trigger.post(
				encode({ ...sent, data: { ...sent.data, cardInfo } as typeof sent.data }).body,
			),
		);
		const item = trigger.runs[0].items[0];
		expect(item.cardInfo).toMatchObject({
			cardNumber: `${CARD.cardNumber.slice(0, 6)}******${CARD.cardNumber.slice(-4)}`,
			cvv: '***',
		});
		expect(JSON.stringify(item)).not.toContain(CARD.cardNumber);
	});

	it('is accepted on the test URL too (manual mode)', async () => {
		const trigger = await start({ mode: 'manual' });
		expectAccepted(await trigger.post(encode(notification()).body));
		expect(trigger.runs).toHaveLength(1);
	});
});

describe('refused notifications start nothing and ask the provider to send again', () => {
	it.each([
		['whitespace changed inside the data after signing', 'reformatted'],
		['signed with another secret', 'badlySigned'],
		['without a signature', 'unsigned'],
		['with the amount changed after signing', 'tampered'],
	])('%s: INVALID_SIGNATURE', async (_label, variant) => {
		const trigger = await start();
		expectRefused(await trigger.post(encode(notification(), variant).body), 'INVALID_SIGNATURE');
		expect(trigger.runs).toHaveLength(0);
	});

	it('a body that is not JSON, or not an object: INVALID_SIGNATURE', async () => {
		const trigger = await start();
		expectRefused(
			await trigger.post('id=1&type=CardPay', 'application/x-www-form-urlencoded'),
			'INVALID_SIGNATURE',
		);
		expectRefused(await trigger.post('{"id":"1","type":"CardPay",'), 'INVALID_SIGNATURE');
		expectRefused(await trigger.post('"CardPay"'), 'INVALID_SIGNATURE');
		expectRefused(await trigger.post(''), 'INVALID_SIGNATURE');
		expect(trigger.runs).toHaveLength(0);
	});

	it.each(['id', 'type', 'createdTime', 'data', 'version'])(
		'a notification without %s: INVALID_SIGNATURE',
		async (field) => {
			const trigger = await start();
			const full = JSON.parse(encode(notification()).body) as IDataObject;
			delete full[field];
			expectRefused(await trigger.post(JSON.stringify(full)), 'INVALID_SIGNATURE');
			expect(trigger.runs).toHaveLength(0);
		},
	);

	it('no secret configured: every notification is refused, even one signed with an empty secret', async () => {
		const trigger = await start({ credential: { webhookSecret: '   ' } });
		expectRefused(
			await trigger.post(encode(notification(), 'signed', '').body),
			'INVALID_SIGNATURE',
		);
		expectRefused(
			await trigger.post(encode(notification(), 'signed', '   ').body),
			'INVALID_SIGNATURE',
		);
		expect(trigger.runs).toHaveLength(0);
	});

	it('no credential chosen: refused', async () => {
		const trigger = await start({ credential: null });
		expectRefused(await trigger.post(encode(notification()).body), 'INVALID_SIGNATURE');
		expect(trigger.runs).toHaveLength(0);
	});

	it("nothing of a refused body reaches n8n's log", async () => {
		const trigger = await start();
		const before = capturedLogs.length;
		const sent = notification({ merchantName: 'LOG-CANARY-MERCHANT' }, { id: 'log-canary-id' });
		await trigger.post(encode(sent, 'tampered').body);
		await trigger.post(encode(sent, 'badlySigned').body);
		const logged = capturedLogs.slice(before).join('\n');
		expect(logged).not.toContain('LOG-CANARY-MERCHANT');
		expect(logged).not.toContain('log-canary-id');
		expect(logged).not.toContain(SECRET);
	});
});

describe('event types', () => {
	it('an unknown type is answered UNKNOWN_EVENT_TYPE and starts nothing', async () => {
		const trigger = await start();
		expectRefused(
			await trigger.post(encode(notification({}, { type: 'CardExploded' })).body),
			'UNKNOWN_EVENT_TYPE',
		);
		expect(trigger.runs).toHaveLength(0);
	});

	it('with "Any Event Type", an unknown type starts a run', async () => {
		const trigger = await start({ parameters: { events: ['*'] } });
		expectAccepted(await trigger.post(encode(notification({}, { type: 'CardExploded' })).body));
		expect(trigger.runs).toHaveLength(1);
		expect(trigger.runs[0].items[0]).toMatchObject({ eventType: 'CardExploded' });
	});

	it('an announced type not chosen is answered success and starts nothing; chosen, it starts a run', async () => {
		const only = await start();
		expectAccepted(await only.post(encode(notification({}, { type: 'CardBlock' })).body));
		expect(only.runs).toHaveLength(0);
		await only.close();
		const chosen = await start({ parameters: { events: ['CardPay', 'CardBlock'] } });
		expectAccepted(await chosen.post(encode(notification({}, { type: 'CardBlock' })).body));
		expect(chosen.runs).toHaveLength(1);
	});
});

describe('filters', () => {
	it('transaction status: only AuthFailure starts a run; the others are answered success', async () => {
		const trigger = await start({ parameters: { transactionStatuses: ['AuthFailure'] } });
		for (const status of ['AuthSuccess', 'Settled', 'AuthFailure'])
			expectAccepted(await trigger.post(encode(notification({ status })).body));
		expect(trigger.runs.map((run) => run.items[0].status)).toEqual(['AuthFailure']);
	});

	it('funds direction: only Income starts a run', async () => {
		const trigger = await start({ parameters: { fundsDirections: ['Income'] } });
		expectAccepted(
			await trigger.post(encode(notification({ fundsDirection: 'Expenditure' })).body),
		);
		expectAccepted(
			await trigger.post(
				encode(notification({ fundsDirection: 'Income', transactionType: 'ConsumeRefund' })).body,
			),
		);
		expect(trigger.runs.map((run) => run.items[0].transactionType)).toEqual(['ConsumeRefund']);
	});

	it('a filtered-out notification is still verified first', async () => {
		const trigger = await start({ parameters: { transactionStatuses: ['AuthFailure'] } });
		expectRefused(
			await trigger.post(encode(notification({ status: 'Settled' }), 'tampered').body),
			'INVALID_SIGNATURE',
		);
	});
});

describe('repeats', () => {
	it('the same notification sent twice is answered success twice and starts one run', async () => {
		const trigger = await start();
		const { body } = encode(notification());
		expectAccepted(await trigger.post(body));
		expectAccepted(await trigger.post(body));
		expect(trigger.runs).toHaveLength(1);
	});

	it('is recognised after a restart (static data saved, a new instance loads it)', async () => {
		const first = await start();
		const { body } = encode(notification());
		expectAccepted(await first.post(body));
		const saved = first.savedStaticData;
		await first.close();
		const restarted = await start({ staticData: saved });
		expectAccepted(await restarted.post(body));
		expect(restarted.runs).toHaveLength(0);
		expectAccepted(await restarted.post(encode(notification()).body));
		expect(restarted.runs).toHaveLength(1);
	});

	it('starts again once the window has passed, and every time with a window of 0 days', async () => {
		const trigger = await start({ parameters: { options: { repeatWindowDays: 1 } } });
		const { body } = encode(notification());
		const now = Date.now();
		const clock = jest.spyOn(Date, 'now');
		try {
			clock.mockReturnValue(now);
			await trigger.post(body);
			clock.mockReturnValue(now + 23 * 3600 * 1000);
			await trigger.post(body);
			expect(trigger.runs).toHaveLength(1);
			clock.mockReturnValue(now + 25 * 3600 * 1000);
			await trigger.post(body);
			expect(trigger.runs).toHaveLength(2);
		} finally {
			clock.mockRestore();
		}
		await trigger.close();
		const always = await start({ parameters: { options: { repeatWindowDays: 0 } } });
		await always.post(body);
		await always.post(body);
		expect(always.runs).toHaveLength(2);
	});

	it('a refused notification is not remembered: its valid delivery later starts a run', async () => {
		const trigger = await start();
		const sent = notification();
		await trigger.post(encode(sent, 'tampered').body);
		expectAccepted(await trigger.post(encode(sent).body));
		expect(trigger.runs).toHaveLength(1);
	});
});

describe('the node and its credential', () => {
	it('is a trigger without inputs, not usable as a tool, with a POST webhook and a notice to paste the production URL', async () => {
		const { nodeType } = await loadTrigger();
		const { description } = nodeType;
		expect(description.inputs).toEqual([]);
		expect(description.usableAsTool).toBeUndefined();
		expect(description.webhooks).toEqual([
			expect.objectContaining({ httpMethod: 'POST', name: 'default' }),
		]);
		const notice = description.properties.find((property) => property.type === 'notice');
		expect(notice?.displayName).toMatch(/Production URL/);
		const events = description.properties.find((property) => property.name === 'events');
		const options = (events?.options ?? []) as Array<{ value: string; name: string }>;
		expect(options.map((option) => option.value).sort()).toEqual(
			[
				'*',
				'AcctPay',
				'ApplyCard',
				'CardActivation',
				'CardAudit',
				'CardBlock',
				'CardCancel',
				'CardPay',
				'CardUnblock',
				'Recharge',
			].sort(),
		);
		for (const option of options.filter((o) => !['*', 'CardPay'].includes(o.value)))
			expect(option.name).toMatch(/Announced/);
		expect(options.find((o) => o.value === 'CardPay')?.name).not.toMatch(/Announced/);
	});

	it('the credential test says a secret cannot be checked until a notification arrives, and refuses an empty one; the notice says what a passed test means', async () => {
		const { nodeType } = await loadTrigger();
		const test = nodeType.methods!.credentialTest!.cardepassWebhookSecretTest;
		const credential = (webhookSecret: string) => ({
			id: '1',
			name: 'Cardepass webhook',
			type: 'cardepassWebhookApi',
			data: { webhookSecret },
		});
		const withSecret = await test.call({} as never, credential(SECRET));
		expect(withSecret.status).toBe('OK');
		expect(withSecret.message).toMatch(/cannot be checked until Cardepass sends a notification/);
		expect(withSecret.message).not.toContain(SECRET);
		const empty = await test.call({} as never, credential(' '));
		expect(empty).toEqual({ status: 'Error', message: expect.stringMatching(/No webhook secret/) });
		const { CardepassWebhookApi } = await import(
			'../../dist/credentials/CardepassWebhookApi.credentials'
		);
		const notice = (new CardepassWebhookApi() as ICredentialType).properties[0];
		expect(notice).toMatchObject({
			type: 'notice',
			displayName: expect.stringMatching(
				/^This secret cannot be tested here.*"Connection tested successfully" only means that a secret is entered/,
			),
		});
	});
});
