'use strict';

// A tiny cookie session for n8n's editor REST API (/rest/...). n8n binds the
// auth cookie to a `browser-id` header (a hash of it is in the JWT), so every
// request of one session sends the same browser-id.

const crypto = require('node:crypto');

const REQUEST_TIMEOUT_MS = 60_000;

class RestSession {
	/** @param {string} baseUrl e.g. http://127.0.0.1:5678 */
	constructor(baseUrl) {
		this.baseUrl = baseUrl.replace(/\/$/, '');
		this.browserId = crypto.randomUUID();
		/** @type {Map<string, string>} */
		this.cookies = new Map();
	}

	cookieHeader() {
		return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
	}

	keepCookies(response) {
		for (const line of response.headers.getSetCookie()) {
			const [pair, ...attributes] = line.split(';');
			const index = pair.indexOf('=');
			const name = pair.slice(0, index).trim();
			const value = pair.slice(index + 1).trim();
			const expired =
				attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
			if (expired) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}

	/**
	 * @param {string} method
	 * @param {string} path e.g. /rest/credentials/test (a leading /rest is not added for you)
	 * @param {unknown} [body] sent as JSON
	 * @returns {Promise<{ status: number, ok: boolean, body: any, data: any, text: string, headers: Headers }>}
	 *   body is the parsed JSON (or null); data is body.data when n8n wrapped it as { data }.
	 */
	async request(method, path, body) {
		const headers = { accept: 'application/json', 'browser-id': this.browserId };
		if (this.cookies.size) headers.cookie = this.cookieHeader();
		if (body !== undefined) headers['content-type'] = 'application/json';
		const response = await fetch(this.baseUrl + path, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
			redirect: 'manual',
			signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
		});
		this.keepCookies(response);
		const text = await response.text();
		let parsed = null;
		try {
			parsed = text ? JSON.parse(text) : null;
		} catch {
			// Not JSON (an HTML error page, say): callers get text.
		}
		const data = parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed;
		return {
			status: response.status,
			ok: response.ok,
			body: parsed,
			data,
			text,
			headers: response.headers,
		};
	}
}

module.exports = { RestSession };
