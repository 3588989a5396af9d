'use strict';

/**
 * The HTTP side: reads and records every request, applies rate limit, latency and injected faults,
 * then hands the request to the token endpoint or the API router and writes the answer.
 */

const http = require('node:http');
const crypto = require('node:crypto');
const { failure, httpMessage } = require('./envelope');
const { handleTokenRequest, TokenStore } = require('./auth');
const { dispatchApi } = require('./routes');
const { rawQuery } = require('./query');
const { fingerprint } = require('./util');

const PREFIX = '/openapi';
const TOKEN_PATH = /^\/connect\/token\/?$/i;
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * One received request, as kept in sim.requests. Never holds the Authorization header, the client
 * secret or a token: only a 6-character fingerprint of the token.
 * @typedef {object} RequestRecord
 * @property {string} method
 * @property {string} path              without the /openapi prefix (outside it: the full path)
 * @property {Record<string, string | string[]>} query   raw query parameters, names as sent
 * @property {any} body                 parsed JSON, form object (client_secret redacted) or raw string
 * @property {string | undefined} contentType
 * @property {number} status            HTTP status answered; 0 when no answer was written (dropped / client gone)
 * @property {number} startedAt         epoch ms (wall clock)
 * @property {number | null} endedAt
 * @property {string} [tokenFingerprint]        of the bearer token sent
 * @property {string} [issuedTokenFingerprint]  of the token issued (token endpoint)
 * @property {string} [fault]           kind of the injected fault that fired
 * @property {boolean} [clientAborted]  the client went away before the answer was written
 */

/**
 * @param {import('./context').Context} ctx
 */
function createServer(ctx) {
	/** @type {RequestRecord[]} */
	const records = [];
	/** @type {Set<import('node:net').Socket>} */
	const sockets = new Set();
	const metrics = { inFlight: 0, maxConcurrent: 0 };

	const server = http.createServer((req, res) => {
		metrics.inFlight += 1;
		metrics.maxConcurrent = Math.max(metrics.maxConcurrent, metrics.inFlight);
		let counted = true;
		const done = () => {
			if (counted) metrics.inFlight -= 1;
			counted = false;
		};
		res.on('finish', done);
		res.on('close', done);
		handle(ctx, req, res, records, metrics).catch((error) => {
			// A simulator bug: answer 500 with the reason so the failing test shows it.
			const record = records.find((r) => /** @type {any} */ (r)._req === req);
			write(res, record, {
				status: 500,
				body: failure('500', `Simulator error: ${error && error.message}`),
			});
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	// Longer than clients' idle keep-alive (Node's agent: 5 s), so the server never closes a socket a
	// client is about to reuse (a spurious ECONNRESET); close() destroys sockets itself.
	server.keepAliveTimeout = 65_000;

	return { server, records, sockets, metrics };
}

/**
 * @param {import('./context').Context} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {RequestRecord[]} records
 * @param {{ inFlight: number, maxConcurrent: number }} metrics
 */
async function handle(ctx, req, res, records, metrics) {
	const url = new URL(req.url || '/', 'http://127.0.0.1');
	const method = (req.method || 'GET').toUpperCase();
	const underPrefix =
		url.pathname === PREFIX || url.pathname.toLowerCase().startsWith(PREFIX + '/');
	const path = underPrefix ? url.pathname.slice(PREFIX.length) || '/' : url.pathname;
	const contentType = String(req.headers['content-type'] || '');
	const authorization = req.headers.authorization;
	const isToken = underPrefix && TOKEN_PATH.test(path);

	/** @type {RequestRecord & { _req?: any }} */
	const record = {
		method,
		path,
		query: rawQuery(url.searchParams),
		body: undefined,
		contentType: contentType || undefined,
		status: 0,
		startedAt: Date.now(),
		endedAt: null,
	};
	Object.defineProperty(record, '_req', { value: req, enumerable: false });
	const bearer = TokenStore.bearerOf(authorization);
	if (bearer) record.tokenFingerprint = fingerprint(bearer);
	records.push(record);

	const raw = await readBody(req);
	if (raw === null) {
		record.body = '(body larger than 1 MiB)';
		return write(res, record, { status: 413, body: failure('413', httpMessage(413)) });
	}
	const parsed = parseBody(raw, contentType);
	record.body = redact(parsed.body, isToken);

	if (ctx.options.rateLimit && metrics.inFlight > ctx.options.rateLimit.maxConcurrent) {
		await ctx.sleep(ctx.options.latencyMs);
		return write(res, record, {
			status: 429,
			body: failure(
				'429',
				`Too many requests: at most ${ctx.options.rateLimit.maxConcurrent} concurrent requests are allowed`,
			),
			headers: { 'Retry-After': '1' },
		});
	}

	const fault = ctx.faults.take({ method, path }, { onlyIfPathNamed: isToken });
	if (fault) record.fault = fault.kind;

	await ctx.sleep(ctx.options.latencyMs);

	/** Runs the request for real. */
	const run = () => {
		if (!underPrefix)
			return { status: 404, body: 'Not Found', contentType: 'text/plain; charset=utf-8' };
		if (isToken) {
			const outcome = handleTokenRequest(ctx.tokens, {
				method,
				contentType,
				form: parsed.form,
				authorization: typeof authorization === 'string' ? authorization : undefined,
			});
			if (outcome.issued) record.issuedTokenFingerprint = outcome.issued.fingerprint;
			return outcome.reply;
		}
		return dispatchApi(ctx, {
			method,
			path,
			params: url.searchParams,
			contentType,
			body: parsed.body,
			bodyIsJson: parsed.isJson,
			bodyError: parsed.error,
			authorization: typeof authorization === 'string' ? authorization : undefined,
		});
	};

	if (!fault) return write(res, record, run());

	switch (fault.kind) {
		case 'status': {
			const headers = { ...(fault.headers || {}) };
			if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
			const body =
				fault.body === undefined
					? failure(String(fault.status), httpMessage(fault.status))
					: fault.body;
			return write(res, record, {
				status: fault.status,
				body,
				headers,
				contentType: fault.contentType,
			});
		}
		case 'businessError':
			return write(res, record, {
				status: fault.httpStatus || 200,
				body: failure(
					fault.errorCode,
					fault.errorMessage ||
						BUSINESS_MESSAGES[fault.errorCode] ||
						`${fault.errorCode} (injected)`,
				),
			});
		case 'malformedJson':
			return write(res, record, {
				status: fault.status || 200,
				body: `{"responseId":"${crypto.randomUUID()}","hasError":false,"errorCode":null,"errorMessage":"操作成功","data":{"orderNo":"ORD2025`,
				contentType: 'application/json; charset=utf-8',
			});
		case 'html': {
			const status = fault.status || 502;
			const title = `${status} ${http.STATUS_CODES[status] || 'Error'}`;
			return write(res, record, {
				status,
				body:
					fault.body ||
					`<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
				contentType: 'text/html',
			});
		}
		case 'dropBeforeCommit':
			return drop(res, record);
		case 'dropAfterCommit':
			run();
			return drop(res, record);
		case 'delay': {
			const reply = run();
			await ctx.sleep(fault.ms);
			return write(res, record, reply);
		}
		case 'stripFields': {
			// Processed, then the answer's data loses the named fields: a server whose answers are thinner than the documents.
			const reply = run();
			const data = reply.body && typeof reply.body === 'object' ? reply.body.data : undefined;
			if (data && typeof data === 'object')
				for (const field of fault.fields || []) delete data[field];
			return write(res, record, reply);
		}
		case 'revokeTokens':
			ctx.tokens.revokeAll();
			return write(res, record, run());
		case 'expireToken': {
			const token = TokenStore.bearerOf(
				typeof authorization === 'string' ? authorization : undefined,
			);
			const known = token && ctx.tokens.tokens.get(token);
			if (known) known.expiresAt = Math.min(known.expiresAt, ctx.now());
			return write(res, record, run());
		}
		default:
			throw new Error(`unhandled fault kind ${fault.kind}`);
	}
}

/** @type {Record<string, string>} */
const BUSINESS_MESSAGES = {
	CARD_NOT_FOUND: 'Card was not found',
	CARD_STATUS_INVALID: 'The card status does not allow this operation',
	INSUFFICIENT_BALANCE: 'Insufficient balance',
	LIMIT_EXCEEDED: 'Limit exceeded',
	PRODUCT_NOT_AVAILABLE: 'Product is not available',
	ORDER_NOT_FOUND: 'Order was not found',
	ORDER_STATUS_INVALID: 'The order status does not allow this operation',
	DUPLICATE_ORDER: 'customerOrderNo has already been used',
};

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<string | null>}  null when over the size limit
 */
function readBody(req) {
	return new Promise((resolve) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
		req.on('error', () => resolve(''));
		req.on('aborted', () => resolve(''));
	});
}

/**
 * @param {string} raw
 * @param {string} contentType
 * @returns {{ body: any, isJson: boolean, error: string | null, form: Record<string, string> | null }}
 */
function parseBody(raw, contentType) {
	if (/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
		if (raw.trim() === '') return { body: undefined, isJson: true, error: null, form: null };
		try {
			return { body: JSON.parse(raw), isJson: true, error: null, form: null };
		} catch (error) {
			return { body: raw, isJson: false, error: /** @type {Error} */ (error).message, form: null };
		}
	}
	if (/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
		/** @type {Record<string, string>} */
		const form = {};
		for (const [name, value] of new URLSearchParams(raw)) if (!(name in form)) form[name] = value;
		return { body: form, isJson: false, error: null, form };
	}
	return { body: raw === '' ? undefined : raw, isJson: false, error: null, form: null };
}

/**
 * The record keeps what was sent, less the client secret.
 * @param {any} body
 * @param {boolean} isToken
 */
function redact(body, isToken) {
	if (!isToken || body === undefined || body === null) return body;
	if (typeof body === 'string') return body.replace(/(client_secret=)[^&]*/gi, '$1[REDACTED]');
	if (typeof body === 'object' && 'client_secret' in body)
		return { ...body, client_secret: '[REDACTED]' };
	return body;
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {RequestRecord | undefined} record
 * @param {import('./envelope').Reply} reply
 */
function write(res, record, reply) {
	if (res.destroyed || res.writableEnded || res.headersSent) {
		if (record) {
			record.status = 0;
			record.clientAborted = true;
			record.endedAt = Date.now();
		}
		return;
	}
	const isText = typeof reply.body === 'string';
	const payload = isText ? reply.body : JSON.stringify(reply.body);
	res.writeHead(reply.status, {
		'Content-Type':
			reply.contentType ||
			(isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8'),
		'Content-Length': Buffer.byteLength(payload),
		...(reply.headers || {}),
	});
	res.end(payload);
	if (record) {
		record.status = reply.status;
		record.endedAt = Date.now();
	}
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {RequestRecord} record
 */
function drop(res, record) {
	record.status = 0;
	record.endedAt = Date.now();
	res.socket?.destroy();
	res.destroy();
}

module.exports = { createServer };
