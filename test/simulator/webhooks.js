'use strict';

/**
 * Webhook notifications as Cardepass sends them (webhook document): an envelope
 * { id, type, createdTime, data, version, signature }, POSTed as application/json, signed with
 * HMAC-SHA256 over id + type + createdTime + <data as JSON text> + version, Base64. The provider
 * sends a notification again (same id) when the answer is not { success: true }.
 *
 * Variants, for tests: signed (compact JSON, the signature covers the data text as sent),
 * prettyPrinted (indented, signed over the indented data text), phpEscapedBody (the body written as
 * PHP's json_encode writes it: `\/` and `\uXXXX`, signed over that text), phpSignature (compact body,
 * signature over json_encode($data), as the provider's PHP example computes it), reformatted (signed
 * compact, then sent indented: whitespace changed after signing), badlySigned (another secret),
 * unsigned (no signature field), tampered (signed, then the amount changed).
 */

const crypto = require('node:crypto');
const { maskSixSixFour } = require('./cardnumbers');
const seed = require('./seed');
const { iso, round2 } = require('./util');

const DEFAULT_WEBHOOK_SECRET = 'sandbox-webhook-secret';
const VARIANTS = Object.freeze([
	'signed',
	'prettyPrinted',
	'phpEscapedBody',
	'phpSignature',
	'reformatted',
	'badlySigned',
	'unsigned',
	'tampered',
]);
const SEND_TIMEOUT_MS = 30_000;

/** The provider's algorithm (its Java example): Base64(HMAC-SHA256(secret, id + type + createdTime + data + version)). */
function sign({ id, type, createdTime, version }, dataText, secret) {
	return crypto
		.createHmac('sha256', Buffer.from(secret, 'utf8'))
		.update(`${id}${type}${createdTime}${dataText}${version}`, 'utf8')
		.digest('base64');
}

/** json_encode as PHP writes it by default: `/` as `\/`, every non-ASCII UTF-16 unit as `\uxxxx`. Amounts must not be whole floats. */
function phpJsonEncode(value) {
	return JSON.stringify(value)
		.replace(/\//g, '\\/')
		.replace(/[\u007f-\uffff]/g, (char) =>
			char === '\u007f' ? char : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
		);
}

/** A notification id as the document shows them: 32 hex digits. */
function notificationId() {
	return crypto.randomBytes(16).toString('hex');
}

/**
 * CardPay data in the document's shape for one card of the simulator.
 * @param {object} card a card of the simulator's state (or seed)
 * @param {object} [spec]
 * @param {'AuthSuccess' | 'AuthFailure' | 'Settled'} [spec.status]
 * @param {number} [spec.amount]
 * @param {string} [spec.merchantName]
 * @param {'Income' | 'Expenditure'} [spec.fundsDirection]
 * @param {string} [spec.transactionType]
 * @param {string} [spec.failureReason]
 * @param {string} [spec.transactionId]
 * @param {number} [spec.at] epoch ms of the authorisation
 */
function cardPayData(card, spec = {}) {
	const status = spec.status || 'AuthSuccess';
	const at = spec.at === undefined ? Date.now() : spec.at;
	const amount = {
		currency: card.cardCurrency,
		amount: round2(spec.amount === undefined ? 29.99 : spec.amount),
	};
	const product = seed.PRODUCTS.find((p) => p.productCode === card.productCode);
	const declined = status === 'AuthFailure';
	return {
		id: spec.transactionId || crypto.randomUUID(),
		authTime: iso(at),
		settleTime: status === 'Settled' ? iso(at + 5 * 60 * 1000) : null,
		transAmount: amount,
		authAmount: amount,
		settledAmount: status === 'Settled' ? amount : null,
		cardInfo: {
			id: card.cardId,
			productCode: card.productCode,
			productName: product ? product.productName : card.productCode,
			cardCurrency: card.cardCurrency,
			maskCardNumber: maskSixSixFour(card.cardNumber),
			cardModel: card.cardModel,
		},
		cardAlias: card.alias || null,
		authCode: declined ? null : String(100000 + (at % 900000)),
		merchantName: spec.merchantName || 'AMAZON.COM',
		merchantCountryCode: 'US',
		merchantCity: 'Seattle',
		merchantState: 'WA',
		merchantZipCode: '98101',
		merchantDesc: `${spec.merchantName || 'AMAZON.COM'} AMZN.COM/BILL WA`,
		status,
		fundsDirection: spec.fundsDirection || 'Expenditure',
		transactionType: spec.transactionType || 'Consume',
		failureReason: declined ? spec.failureReason || 'Insufficient available balance' : null,
		failureReasonCn: declined ? '可用余额不足' : null,
		note: declined ? '预授权失败' : '消费交易',
	};
}

/**
 * The request body of one notification in one variant.
 * @param {{ id?: string, type?: string, createdTime?: string, version?: string, data: object }} notification
 * @param {{ secret?: string, variant?: string }} [options]
 * @returns {{ id: string, body: string, signature: string | undefined }}
 */
function encodeNotification(
	notification,
	{ secret = DEFAULT_WEBHOOK_SECRET, variant = 'signed' } = {},
) {
	if (!VARIANTS.includes(variant))
		throw new Error(`unknown variant '${variant}'; use one of ${VARIANTS.join(', ')}`);
	const envelope = {
		id: notification.id || notificationId(),
		type: notification.type || 'CardPay',
		createdTime: notification.createdTime || new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
		version: notification.version || '1.0',
	};
	const { data } = notification;
	const compact = JSON.stringify(data);
	const indented = JSON.stringify(data, null, 2).replace(/\n/g, '\n  ');
	// The data text written into the body, and the text the signature covers.
	let dataText = compact;
	let signedText = compact;
	let signingSecret = secret;
	if (variant === 'prettyPrinted') dataText = signedText = indented;
	if (variant === 'phpEscapedBody') dataText = signedText = phpJsonEncode(data);
	if (variant === 'phpSignature') signedText = phpJsonEncode(data);
	if (variant === 'reformatted') dataText = indented;
	if (variant === 'badlySigned') signingSecret = `${secret}-not`;
	if (variant === 'tampered') {
		const amount = data.transAmount && data.transAmount.amount;
		dataText = JSON.stringify({
			...data,
			transAmount: { ...data.transAmount, amount: round2((amount || 0) + 1000) },
		});
	}
	const signature = variant === 'unsigned' ? undefined : sign(envelope, signedText, signingSecret);
	const pretty = variant === 'prettyPrinted' || variant === 'reformatted';
	const head = {
		id: envelope.id,
		type: envelope.type,
		createdTime: envelope.createdTime,
		data: '\u0000DATA\u0000',
		version: envelope.version,
	};
	if (signature !== undefined) head.signature = signature;
	const body = JSON.stringify(head, null, pretty ? 2 : undefined).replace(
		'"\\u0000DATA\\u0000"',
		() => dataText,
	);
	return { id: envelope.id, body, signature };
}

/**
 * POSTs a body as the provider does and reads the answer.
 * @returns {Promise<{ status: number, text: string, answer: any, ok: boolean }>} ok: the provider would count it delivered
 */
async function postNotification(url, body) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body,
		signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
	});
	const text = await response.text();
	let answer = null;
	try {
		answer = JSON.parse(text);
	} catch {
		// Not JSON: the provider counts it as failed, as below.
	}
	return {
		status: response.status,
		text,
		answer,
		ok: response.ok && answer !== null && answer.success === true,
	};
}

/**
 * Sends one notification, and again (same body) while the answer is not a success, up to `retries` times.
 * @returns {Promise<Array<{ status: number, text: string, answer: any, ok: boolean }>>} every attempt
 */
async function deliver(url, body, { retries = 0, retryDelayMs = 1000 } = {}) {
	const attempts = [];
	for (let attempt = 0; attempt <= retries; attempt++) {
		if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
		const result = await postNotification(url, body).catch((error) => ({
			status: 0,
			text: error.message,
			answer: null,
			ok: false,
		}));
		attempts.push(result);
		if (result.ok) break;
	}
	return attempts;
}

/**
 * The simulator's webhook side: a configured URL and secret, and card payments that write a
 * transaction (visible in GET /v1/transactions) and notify the URL.
 * @param {import('./context').Context} ctx
 * @param {{ url?: string, secret?: string, retries?: number, retryDelayMs?: number }} [options]
 */
function createWebhooks(ctx, options = {}) {
	const config = {
		url: options.url,
		secret: options.secret || DEFAULT_WEBHOOK_SECRET,
		retries: options.retries || 0,
		retryDelayMs: options.retryDelayMs || 1000,
	};
	/** @type {Array<{ id: string, url: string, variant: string, attempts: object[] }>} */
	const deliveries = [];
	const pending = new Set();

	async function send(notification, variant = 'signed', url = config.url) {
		if (!url)
			throw new Error(
				'no webhook URL: pass webhook.url to startSimulator or call configureWebhook()',
			);
		const encoded = encodeNotification(notification, { secret: config.secret, variant });
		const attempts = await deliver(url, encoded.body, config);
		const record = { id: encoded.id, url, variant, body: encoded.body, attempts };
		deliveries.push(record);
		return record;
	}

	return {
		/** @param {{ url?: string, secret?: string, retries?: number, retryDelayMs?: number }} changes */
		configureWebhook(changes) {
			Object.assign(
				config,
				Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
			);
		},
		get webhookSecret() {
			return config.secret;
		},
		get webhookUrl() {
			return config.url;
		},
		/** Every notification sent so far: { id, url, variant, body, attempts: [{ status, answer, ok }] }. */
		get webhookDeliveries() {
			return deliveries;
		},
		/**
		 * Sends a notification ({ id?, type?, createdTime?, version?, data }) in a variant to the configured URL (or `url`).
		 * @returns {Promise<{ id: string, url: string, variant: string, body: string, attempts: object[] }>}
		 */
		sendNotification(notification, { variant = 'signed', url } = {}) {
			return send(notification, variant, url);
		},
		/** Sends a body already sent once again, unchanged (a replay). */
		async resend(delivery) {
			const attempts = await deliver(delivery.url, delivery.body, { retries: 0 });
			const record = { ...delivery, attempts };
			deliveries.push(record);
			return record;
		},
		/**
		 * A card is used: records the transaction (GET /v1/transactions lists it) and, with a webhook URL
		 * configured, sends the CardPay notification. Resolves once the notification was answered.
		 * @param {string} cardId
		 * @param {Parameters<typeof cardPayData>[1] & { variant?: string }} [spec]
		 */
		async cardPayment(cardId, spec = {}) {
			const card = ctx.store.card(cardId);
			if (!card) throw new Error(`unknown card ${cardId}`);
			const at = ctx.now();
			const data = cardPayData(card, { ...spec, at });
			ctx.store.seq.transaction += 1;
			const { cardInfo, ...rest } = data;
			ctx.store.state.transactions.push({
				...rest,
				_t: at,
				_seq: ctx.store.seq.transaction,
				_cardId: cardId,
				cardInfo: {
					cardId,
					maskedCardNumber: `****${card.cardNumber.slice(-4)}`,
					cardCurrency: card.cardCurrency,
				},
			});
			if (!config.url) return { data, delivery: null };
			const sending = send({ data }, spec.variant || 'signed');
			pending.add(sending);
			try {
				return { data, delivery: await sending };
			} finally {
				pending.delete(sending);
			}
		},
		/** Waits for notifications still being sent. */
		async settleWebhooks() {
			await Promise.allSettled([...pending]);
		},
	};
}

const STATUSES = ['AuthSuccess', 'AuthFailure', 'Settled'];

/**
 * Reads lines such as `pay`, `pay CARD234567`, `pay CARD123456 AuthFailure Some Shop` from a stream
 * (a terminal) and makes the simulator's card payment; the result goes to `log`. Returns a stop function.
 * @param {{ cardPayment: Function }} sim
 * @param {NodeJS.ReadableStream} input
 * @param {(line: string) => void} log
 */
function acceptPaymentCommands(
	sim,
	input,
	log,
	{ defaultCardId = seed.SEED_CARD_IDS.standardUsd } = {},
) {
	// terminal: false leaves Ctrl+C to the process (a terminal-mode reader would swallow it).
	const reader = require('node:readline').createInterface({ input, terminal: false });
	reader.on('line', (line) => {
		const [command, cardId = defaultCardId, status = 'AuthFailure', ...merchant] = line
			.trim()
			.split(/\s+/);
		if (command !== 'pay') {
			if (command)
				log(
					`unknown command '${command}'; type: pay [cardId] [${STATUSES.join('|')}] [merchant name]`,
				);
			return;
		}
		if (!STATUSES.includes(status)) return log(`status must be one of ${STATUSES.join(', ')}`);
		sim
			.cardPayment(cardId, { status, merchantName: merchant.join(' ') || 'SANDBOX SHOP' })
			.then(({ data, delivery }) => {
				const answer = delivery
					? delivery.attempts.map((a) => `HTTP ${a.status} ${a.text}`).join(', then ')
					: 'no webhook URL configured';
				log(
					`${cardId} ${status} at ${data.merchantName}, ${data.transAmount.amount} ${data.transAmount.currency}: CardPay sent, answer ${answer}`,
				);
			})
			.catch((error) => log(`pay: ${error.message}`));
	});
	return () => reader.close();
}

/** node test/simulator/webhooks.js --url URL [--secret S] [--variant V] [--status S] [--card ID] [--merchant NAME] [--type T] */
async function main(argv) {
	const args = {};
	for (let i = 0; i < argv.length; i += 2) {
		const name = /^--([\w-]+)$/.exec(argv[i]);
		if (!name || argv[i + 1] === undefined) throw new Error(`unexpected argument '${argv[i]}'`);
		args[name[1]] = argv[i + 1];
	}
	if (!args.url)
		throw new Error(
			`--url is needed (the trigger's Test or Production URL). Variants: ${VARIANTS.join(', ')}`,
		);
	const card = seed.CARDS.find((c) => c.cardId === (args.card || seed.SEED_CARD_IDS.standardUsd));
	if (!card) throw new Error(`unknown card ${args.card}`);
	const notification = {
		type: args.type,
		data: cardPayData(card, { status: args.status, merchantName: args.merchant }),
	};
	const { id, body } = encodeNotification(notification, {
		secret: args.secret || DEFAULT_WEBHOOK_SECRET,
		variant: args.variant || 'signed',
	});
	const answer = await postNotification(args.url, body);
	console.log(
		`sent ${args.variant || 'signed'} ${notification.type || 'CardPay'} ${id}: HTTP ${answer.status} ${answer.text}`,
	);
}

if (require.main === module) {
	main(process.argv.slice(2)).catch((error) => {
		console.error(error.message);
		process.exit(1);
	});
}

module.exports = {
	acceptPaymentCommands,
	DEFAULT_WEBHOOK_SECRET,
	VARIANTS,
	sign,
	phpJsonEncode,
	cardPayData,
	encodeNotification,
	postNotification,
	deliver,
	createWebhooks,
};
