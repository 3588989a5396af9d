'use strict';

const crypto = require('node:crypto');
const { ApiError } = require('./envelope');
const { fingerprint } = require('./util');

/**
 * @typedef {object} TokenRecord
 * @property {number} expiresAt  epoch ms on the simulator's clock
 * @property {boolean} revoked
 * @property {string} fingerprint
 */

/**
 * Issues and checks bearer tokens. Tokens are random; a new token does not revoke older ones.
 */
class TokenStore {
	/**
	 * @param {{ clientId: string, clientSecret: string, ttlSeconds: number, now: () => number }} options
	 */
	constructor(options) {
		this.options = options;
		/** @type {Map<string, TokenRecord>} */
		this.tokens = new Map();
	}

	issue() {
		const token = crypto.randomBytes(32).toString('base64url');
		const record = {
			expiresAt: this.options.now() + this.options.ttlSeconds * 1000,
			revoked: false,
			fingerprint: fingerprint(token),
		};
		this.tokens.set(token, record);
		return { token, record };
	}

	revokeAll() {
		for (const record of this.tokens.values()) record.revoked = true;
	}

	/** @param {string} token */
	revoke(token) {
		const record = this.tokens.get(token);
		if (record) record.revoked = true;
	}

	/**
	 * The bearer token of a request, or undefined.
	 * @param {string | undefined} header
	 */
	static bearerOf(header) {
		if (!header) return undefined;
		const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
		return m ? m[1] : undefined;
	}

	/**
	 * Throws a 401 envelope unless the header carries a valid, unexpired, unrevoked token.
	 * @param {string | undefined} header
	 */
	check(header) {
		const challenge = (/** @type {string} */ description) => ({
			'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}"`,
		});
		if (!header) {
			throw new ApiError(
				401,
				'401',
				'Unauthorized: an Authorization header with a Bearer token is required',
				{
					'WWW-Authenticate': 'Bearer',
				},
			);
		}
		const token = TokenStore.bearerOf(header);
		if (!token) {
			throw new ApiError(
				401,
				'401',
				'Unauthorized: the Authorization header must be "Bearer <access_token>"',
				{
					'WWW-Authenticate': 'Bearer',
				},
			);
		}
		const record = this.tokens.get(token);
		if (!record)
			throw new ApiError(
				401,
				'401',
				'Unauthorized: the access token is invalid',
				challenge('The access token is invalid'),
			);
		if (record.revoked)
			throw new ApiError(
				401,
				'401',
				'Unauthorized: the access token has been revoked',
				challenge('The access token has been revoked'),
			);
		if (this.options.now() >= record.expiresAt) {
			throw new ApiError(
				401,
				'401',
				'Unauthorized: the access token has expired',
				challenge('The access token expired'),
			);
		}
		return record;
	}
}

/**
 * @param {number} status
 * @param {string} error
 * @param {string} description
 * @param {Record<string, string>} [headers]
 * @returns {import('./envelope').Reply}
 */
function oauthError(status, error, description, headers) {
	return {
		status,
		body: { error, error_description: description },
		headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...headers },
	};
}

/**
 * Client credentials from an HTTP Basic header (RFC 6749 §2.3.1: each part form-urlencoded, then base64).
 * @param {string | undefined} header
 */
function basicCredentials(header) {
	if (!header) return undefined;
	const m = /^Basic\s+(\S+)\s*$/i.exec(header);
	if (!m) return undefined;
	const decoded = Buffer.from(m[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return null;
	const unescape = (/** @type {string} */ s) => {
		try {
			return decodeURIComponent(s.replace(/\+/g, ' '));
		} catch {
			return s;
		}
	};
	return {
		clientId: unescape(decoded.slice(0, colon)),
		clientSecret: unescape(decoded.slice(colon + 1)),
	};
}

/**
 * POST /connect/token. Answers a standard OAuth2 token response or a standard OAuth2 error (not envelopes).
 * @param {TokenStore} store
 * @param {{ method: string, contentType: string, form: Record<string, string> | null, authorization: string | undefined }} req
 * @returns {{ reply: import('./envelope').Reply, issued?: TokenRecord }}
 */
function handleTokenRequest(store, req) {
	if (req.method !== 'POST') {
		return {
			reply: oauthError(405, 'invalid_request', 'The token endpoint accepts POST only', {
				Allow: 'POST',
			}),
		};
	}
	if (!/^application\/x-www-form-urlencoded\b/i.test(req.contentType) || !req.form) {
		return {
			reply: oauthError(
				400,
				'invalid_request',
				'Content-Type must be application/x-www-form-urlencoded',
			),
		};
	}
	const form = req.form;
	if (!form.grant_type)
		return { reply: oauthError(400, 'invalid_request', 'grant_type is required') };
	if (form.grant_type !== 'client_credentials') {
		return {
			reply: oauthError(
				400,
				'unsupported_grant_type',
				`grant_type '${form.grant_type}' is not supported; use client_credentials`,
			),
		};
	}

	const basic = basicCredentials(req.authorization);
	const fromBody = form.client_id !== undefined || form.client_secret !== undefined;
	/** @type {{ clientId: string | undefined, clientSecret: string | undefined }} */
	let creds = { clientId: form.client_id, clientSecret: form.client_secret };
	if (basic === null) {
		return {
			reply: oauthError(401, 'invalid_client', 'Malformed HTTP Basic client credentials', {
				'WWW-Authenticate': 'Basic realm="openapi"',
			}),
		};
	}
	if (basic) {
		if (
			fromBody &&
			(form.client_id !== basic.clientId ||
				(form.client_secret !== undefined && form.client_secret !== basic.clientSecret))
		) {
			return {
				reply: oauthError(
					400,
					'invalid_request',
					'Client credentials were sent in both the Authorization header and the body, and they differ',
				),
			};
		}
		creds = basic;
	}
	if (!creds.clientId || creds.clientSecret === undefined) {
		return { reply: oauthError(401, 'invalid_client', 'client_id and client_secret are required') };
	}
	if (
		creds.clientId !== store.options.clientId ||
		creds.clientSecret !== store.options.clientSecret
	) {
		const headers = basic ? { 'WWW-Authenticate': 'Basic realm="openapi"' } : undefined;
		return {
			reply: oauthError(
				401,
				'invalid_client',
				'Client authentication failed: unknown client or wrong secret',
				headers,
			),
		};
	}

	const scopes = (form.scope || '').split(' ').filter(Boolean);
	if (scopes.length === 0)
		return { reply: oauthError(400, 'invalid_scope', "scope is required; use 'openapi'") };
	const unknown = scopes.filter((s) => s !== 'openapi');
	if (unknown.length > 0)
		return {
			reply: oauthError(
				400,
				'invalid_scope',
				`scope '${unknown.join(' ')}' is not allowed for this client; use 'openapi'`,
			),
		};

	const { token, record } = store.issue();
	return {
		reply: {
			status: 200,
			body: {
				access_token: token,
				expires_in: store.options.ttlSeconds,
				token_type: 'Bearer',
				scope: 'openapi',
			},
			headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
		},
		issued: record,
	};
}

module.exports = { TokenStore, handleTokenRequest, basicCredentials };
