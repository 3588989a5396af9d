'use strict';

const crypto = require('node:crypto');

/**
 * @typedef {object} Envelope
 * @property {string} responseId
 * @property {boolean} hasError
 * @property {string | null} errorCode
 * @property {string} errorMessage
 * @property {any} data
 */

/**
 * What a handler hands back to the server.
 * @typedef {object} Reply
 * @property {number} status
 * @property {any} body               object → JSON; string → sent as is
 * @property {string} [contentType]
 * @property {Record<string, string>} [headers]
 */

/** The business error codes named by the provider (see README "Where the reference is thin"). */
const BUSINESS_ERRORS = Object.freeze([
	'CARD_NOT_FOUND',
	'CARD_STATUS_INVALID',
	'INSUFFICIENT_BALANCE',
	'LIMIT_EXCEEDED',
	'PRODUCT_NOT_AVAILABLE',
	'ORDER_NOT_FOUND',
	'ORDER_STATUS_INVALID',
	'DUPLICATE_ORDER',
]);

const HTTP_MESSAGES = Object.freeze({
	400: 'Bad request: check the request parameters',
	401: 'Unauthorized: the access token is missing, invalid or expired',
	403: 'Forbidden: insufficient permissions',
	404: 'Not found: the requested resource does not exist',
	405: 'Method not allowed',
	409: 'Conflict',
	413: 'Request body too large',
	415: 'Unsupported media type',
	429: 'Too many requests: slow down and retry later',
	500: 'Internal server error: retry later or contact support',
	502: 'Bad gateway',
	503: 'Service unavailable: retry later',
	504: 'Gateway timeout',
});

/**
 * @param {any} data
 * @param {string} [message]
 * @returns {Envelope}
 */
function ok(data, message = '操作成功') {
	return {
		responseId: crypto.randomUUID(),
		hasError: false,
		errorCode: null,
		errorMessage: message,
		data,
	};
}

/**
 * @param {string} code
 * @param {string} message
 * @returns {Envelope}
 */
function failure(code, message) {
	return {
		responseId: crypto.randomUUID(),
		hasError: true,
		errorCode: code,
		errorMessage: message,
		data: null,
	};
}

/** @param {number} status */
function httpMessage(status) {
	return /** @type {Record<number, string>} */ (HTTP_MESSAGES)[status] || `HTTP ${status}`;
}

/**
 * A failure the handlers throw; the server turns it into an envelope answer.
 */
class ApiError extends Error {
	/**
	 * @param {number} status
	 * @param {string} code
	 * @param {string} message
	 * @param {Record<string, string>} [headers]
	 */
	constructor(status, code, message, headers) {
		super(message);
		this.status = status;
		this.code = code;
		this.headers = headers;
	}

	/** @returns {Reply} */
	toReply() {
		return { status: this.status, body: failure(this.code, this.message), headers: this.headers };
	}
}

/**
 * A parameter validation error: HTTP 400, errorCode INVALID_PARAMETER; the message starts with the parameter's name.
 * @param {string} param
 * @param {string} problem
 */
function invalidParam(param, problem) {
	return new ApiError(400, 'INVALID_PARAMETER', `${param} ${problem}`);
}

/**
 * A business error: HTTP 200 with hasError true (the status can be overridden, e.g. CARD_NOT_FOUND → 404).
 * @param {string} code
 * @param {string} message
 * @param {number} [status]
 */
function businessError(code, message, status = 200) {
	return new ApiError(status, code, message);
}

module.exports = {
	ok,
	failure,
	httpMessage,
	ApiError,
	invalidParam,
	businessError,
	BUSINESS_ERRORS,
	HTTP_MESSAGES,
};
