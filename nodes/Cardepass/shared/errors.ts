import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CardepassApiFailure, failureFromEnvelope, isEnvelope } from './envelope';

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * n8n's OAuth2 client turns a refused token request into these standard OAuth2 texts (RFC 6749 §5.2), and
 * n8n keeps only the text; they are how a token failure is told apart from a failed API call.
 */
const TOKEN_ERROR_TEXTS: Array<[RegExp, string]> = [
	[/^Client authentication failed/, 'invalid_client'],
	[/^The provided authorization grant/, 'invalid_grant'],
	[/^The requested scope is invalid/, 'invalid_scope'],
	[/^The authorization grant type is not supported/, 'unsupported_grant_type'],
	[/^The client is not authorized/, 'unauthorized_client'],
	[/^The request is missing a required parameter/, 'invalid_request'],
];

/** n8n replaces a network error's code with one of these texts; they are how it is recognised. */
const NETWORK_ERROR_TEXTS: Array<[RegExp, string]> = [
	[/^The connection to the server was closed unexpectedly/, 'ECONNRESET'],
	[/^The service refused the connection/, 'ECONNREFUSED'],
	[/^The connection timed out/, 'ETIMEDOUT'],
	[/^The connection was aborted/, 'ECONNABORTED'],
	[/^The connection cannot be established/, 'ENOTFOUND'],
	[/^The host is unreachable/, 'EHOSTUNREACH'],
	[/^The DNS server returned an error/, 'EAI_AGAIN'],
];

const HINTS: Record<string, string> = {
	INSUFFICIENT_BALANCE:
		'Add funds to the account (Account → Get Balances shows what is there) or lower the amount.',
	CARD_STATUS_INVALID:
		"Card → Get shows the card's status: a blocked card must be unblocked first, a cancelled card cannot be used.",
	CARD_NOT_FOUND:
		"Check the Card ID: it is the Card ID in Card → Create's output, or in Account → Get Many Card Fund Logs.",
	PRODUCT_NOT_AVAILABLE:
		'Product → Get Many lists the products, card models and currencies your account may use.',
	LIMIT_EXCEEDED: 'The amount is above a limit of the card or product.',
	ORDER_NOT_FOUND: 'Check the order number and the Card Model and Order Type it was made under.',
};

/** What the node knows about the order an error belongs to; absent for reads. */
export interface OrderErrorContext {
	/** Whether the node generated the Customer Order No (the user left the field empty). */
	generatedNumber: boolean;
}

/**
 * Why a retry of this order is safe, true for the retry it invites: a number from the user's data is the
 * same in any run; a generated one only when this execution is retried (n8n's Retry On Fail, or Retry in
 * the Executions list), because a new run of the workflow generates new numbers.
 */
function retryAdvice(order: OrderErrorContext): string {
	if (!order.generatedNumber) {
		return 'Retrying is safe: the order is sent with the same Customer Order No, and an order that was made is returned instead of being made again';
	}
	return 'Retrying this execution is safe (Retry in the Executions list): it sends the same generated Customer Order No, and an order that was made is returned instead of being made again. Running the workflow anew is not: it generates new numbers, so check with Order → Get first, or set Customer Order No from your data';
}

/** Provider codes that decide what the node does, on whatever HTTP status they arrive: never retried as temporary. */
const DECISIVE_CODES = new Set(['DUPLICATE_ORDER', 'ORDER_NOT_FOUND']);

function describe(
	message: string,
	details: CardepassApiFailure['details'],
	hint?: string,
	order?: OrderErrorContext,
): string {
	const parts: string[] = [];
	if (details.errorCode) parts.push(`Error code: ${details.errorCode}`);
	if (details.responseId)
		parts.push(`Response ID: ${details.responseId} (give it to Cardepass support)`);
	if (details.httpCode) parts.push(`HTTP status: ${details.httpCode}`);
	const said =
		details.errorMessage && !message.includes(details.errorMessage)
			? details.errorMessage
			: undefined;
	const known = hint ?? (details.errorCode ? codeHint(details.errorCode, order) : undefined);
	const sentences = [parts.join(' · '), said, known]
		.filter(Boolean)
		.map((part) => String(part).replace(/\.$/, ''));
	return sentences.length ? `${sentences.join('. ')}.` : '';
}

function codeHint(errorCode: string, order?: OrderErrorContext): string | undefined {
	if (errorCode === 'INVALID_RESPONSE') {
		const check = 'Check the order with Order → Get before doing anything else';
		return order ? `${check}. ${retryAdvice(order)}` : 'Retrying is safe';
	}
	return HINTS[errorCode];
}

function httpFailure(
	status: number,
	body: unknown,
	retryAfter: string | undefined,
): CardepassApiFailure {
	const httpCode = String(status);
	if (isEnvelope(body) && (body.hasError || body.errorMessage)) {
		const failure = failureFromEnvelope(body, httpCode);
		failure.details.retryAfterSeconds = retryAfter ? Number(retryAfter) || undefined : undefined;
		if (status === 429 || status >= 500) return withStatusMessage(status, failure.details);
		return failure;
	}
	return withStatusMessage(status, {
		httpCode,
		retryAfterSeconds: retryAfter ? Number(retryAfter) || undefined : undefined,
	});
}

function withStatusMessage(
	status: number,
	details: CardepassApiFailure['details'],
): CardepassApiFailure {
	const said = details.errorMessage ? `: ${details.errorMessage}` : '';
	if (status === 429) {
		return new CardepassApiFailure(
			`Cardepass is limiting the rate of requests (HTTP 429)${said}`,
			details,
		);
	}
	if (status >= 500) {
		return new CardepassApiFailure(`Cardepass had a server error (HTTP ${status})${said}`, details);
	}
	if (status === 401) {
		return new CardepassApiFailure(
			`Cardepass rejected the access token (HTTP 401)${said}`,
			details,
		);
	}
	if (status === 403) {
		return new CardepassApiFailure(
			`Cardepass does not allow this request for your account (HTTP 403)${said}`,
			details,
		);
	}
	if (status === 404) {
		return new CardepassApiFailure(
			`Cardepass could not find what was asked for (HTTP 404)${said}`,
			details,
		);
	}
	return new CardepassApiFailure(`Cardepass refused the request (HTTP ${status})${said}`, details);
}

function statusHint(
	details: CardepassApiFailure['details'],
	order?: OrderErrorContext,
): string | undefined {
	const status = Number(details.httpCode);
	if (status === 429) {
		const wait = details.retryAfterSeconds
			? `Wait ${details.retryAfterSeconds} s`
			: 'Wait a little';
		return `${wait} and run again, or lower "Max Concurrent Requests" under Options (or use Request Options → Batching) so fewer requests reach Cardepass at once`;
	}
	if (status >= 500) {
		return order
			? `Retry later. ${retryAdvice(order)}`
			: 'Retry later; if it keeps failing, contact Cardepass support with the Response ID';
	}
	if (status === 401)
		return 'Check the Client ID, Client Secret and Environment in the Cardepass credential';
	if (details.errorCode && /^(invalid|unauthorized|unsupported)_/.test(details.errorCode)) {
		return 'Check the Client ID, Client Secret and Environment in the Cardepass credential';
	}
	return undefined;
}

function networkFailure(code: string, order?: OrderErrorContext): CardepassApiFailure {
	// The code stays out of the message: n8n would swap a message naming a network code for its own text.
	return new CardepassApiFailure('The connection to Cardepass failed before an answer arrived', {
		errorCode: code,
		errorMessage: order
			? `The order may or may not have been made. ${retryAdvice(order)}`
			: 'Retrying is safe',
	});
}

/** Reads what an HTTP client error says without keeping its request (which holds the Authorization header). */
function fromThrown(error: unknown, order?: OrderErrorContext): CardepassApiFailure | undefined {
	if (error instanceof CardepassApiFailure) return error;
	// n8n wraps a failed request in a NodeApiError of its own; the HTTP answer is on the error it wraps.
	if (error instanceof NodeApiError) {
		// n8n wraps a failed request in a NodeApiError of its own, keeping the status and the answer's body.
		const status = Number(error.httpCode);
		if (status >= 400) return httpFailure(status, error.context?.data, undefined);
		const wrapped = error.cause ?? (error as unknown as { errorResponse?: unknown }).errorResponse;
		if (wrapped) return fromThrown(wrapped, order);
		const networkError = NETWORK_ERROR_TEXTS.find(([text]) => text.test(error.message));
		if (networkError) return networkFailure(networkError[1], order);
		const tokenError = TOKEN_ERROR_TEXTS.find(([text]) => text.test(error.message));
		if (tokenError) {
			return new CardepassApiFailure(`Cardepass did not issue an access token: ${error.message}`, {
				errorCode: tokenError[1],
			});
		}
	}
	const e = error as {
		response?: { status?: number; data?: unknown; headers?: Record<string, string> };
		code?: string;
		body?: { error?: string; error_description?: string };
		message?: string;
		cause?: unknown;
	};
	if (e?.response?.status) {
		return httpFailure(e.response.status, e.response.data, e.response.headers?.['retry-after']);
	}
	if (e?.code === 'EAUTH' || (e?.body && typeof e.body.error === 'string')) {
		const said = e.body?.error_description ?? e.body?.error ?? e.message;
		return new CardepassApiFailure(`Cardepass did not issue an access token: ${said}`, {
			errorCode: e.body?.error ?? 'invalid_client',
		});
	}
	const code = e?.code ?? (e?.cause as { code?: string } | undefined)?.code;
	if (code && (NETWORK_CODES.has(code) || /timeout/i.test(e?.message ?? '')))
		return networkFailure(code, order);
	if (e?.message && /socket hang up|aborted|timeout/i.test(e.message))
		return networkFailure('ECONNRESET', order);
	return undefined;
}

function isNetworkCode(code: string): boolean {
	return NETWORK_CODES.has(code) || NETWORK_ERROR_TEXTS.some(([, known]) => known === code);
}

/**
 * Whether sending the same request again may succeed: rate limits, server errors, dropped connections and
 * unreadable answers. Orders are safe to repeat because they carry the same Customer Order No.
 */
export function isTemporaryFailure(error: unknown): boolean {
	const failure = fromThrown(error);
	if (!failure || DECISIVE_CODES.has(failure.details.errorCode ?? '')) return false;
	const status = Number(failure.details.httpCode);
	if (status === 429 || status >= 500) return true;
	const code = failure.details.errorCode ?? '';
	return code === 'INVALID_RESPONSE' || isNetworkCode(code);
}

/**
 * What the provider said in a failed request, whatever its HTTP status: a business code such as
 * DUPLICATE_ORDER may come as HTTP 200 with hasError, or as 400, 404 or 409 with the envelope in the body.
 */
export function readFailure(error: unknown): CardepassApiFailure | undefined {
	return fromThrown(error);
}

/**
 * A refusal of the node's own, before or instead of a request. n8n's declarative engine turns any other error
 * from the request path into an API error with "Error code: none", which reads as if Cardepass had refused it.
 */
function inputError(node: INode, error: NodeOperationError, itemIndex: number): NodeApiError {
	const apiError = new NodeApiError(node, { message: error.message } as JsonObject, {
		message: error.message,
		description: error.description ?? undefined,
		itemIndex,
	});
	apiError.messages = [];
	return apiError;
}

/** What an operation may add to a failure: advice, or a message in place of one that would not help. */
export type OperationExplanation = string | { message: string; hint: string } | undefined;

const MODEL_LABELS: Record<string, string> = {
	standard: 'Standard',
	sharebalance: 'Share Balance',
};

/** Advice read from the provider's own words, where they say what is wrong. */
function messageHint(message: string): string | undefined {
	const model = /is an? (Standard|ShareBalance|Share Balance) card/i.exec(message)?.[1];
	if (model) {
		const label = MODEL_LABELS[model.replace(/\s+/g, '').toLowerCase()];
		return `This card is a ${label} card: set Card Model to ${label}, or to From the Card`;
	}
	return undefined;
}

/** Every failure leaves the node as an n8n error whose message is the provider's and whose description says what to do. */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
	order: OrderErrorContext | undefined,
	operationHint?: (failure: {
		message: string;
		httpCode?: string;
		errorCode?: string;
	}) => OperationExplanation,
): NodeApiError {
	if (error instanceof NodeOperationError) return inputError(node, error, itemIndex);
	const failure = fromThrown(error, order);
	if (!failure) {
		if (error instanceof NodeApiError) return error;
		const message = (error as Error)?.message ?? String(error);
		return inputError(node, new NodeOperationError(node, message, { itemIndex }), itemIndex);
	}
	const details = failure.details;
	const explained = operationHint?.({
		message: failure.message,
		httpCode: details.httpCode,
		errorCode: details.errorCode,
	});
	const message = typeof explained === 'object' ? explained.message : failure.message;
	const hint =
		(typeof explained === 'object' ? explained.hint : explained) ??
		messageHint(failure.message) ??
		statusHint(details, order);
	const described = describe(failure.message, details, hint, order);
	const description =
		message === failure.message ? described : `Cardepass said: ${failure.message}. ${described}`;
	// Only the message goes in as the "response": n8n reads status-like keys (errorCode) from it as an HTTP code.
	const apiError = new NodeApiError(node, { message } as JsonObject, {
		message,
		description,
		// n8n's error view shows this as "Error code": the provider's code says more than the HTTP status. A
		// network code stays out: n8n would replace the message with its own text for it.
		httpCode:
			details.errorCode && !isNetworkCode(details.errorCode) ? details.errorCode : details.httpCode,
		itemIndex,
	});
	// Kept on the error so Continue On Fail can put them in the item.
	Object.assign(apiError, {
		httpStatus: details.httpCode,
		errorCode: details.errorCode,
		errorMessage: details.errorMessage,
		responseId: details.responseId,
	});
	return apiError;
}

/**
 * What a failed item carries when the node continues on error: `{ error: { message, errorCode, … } }`.
 * The single `error` key is what sends the item to the error output; n8n would replace the JSON with the
 * bare message if the item carried the error object itself.
 */
export function errorItemJson(error: NodeApiError | NodeOperationError): IDataObject {
	const fields = error as unknown as IDataObject;
	const details: IDataObject = { message: error.message };
	if (error.description) details.description = error.description;
	for (const key of ['errorCode', 'errorMessage', 'responseId']) {
		if (fields[key] !== undefined && fields[key] !== null) details[key] = fields[key];
	}
	if (fields.httpStatus !== undefined && fields.httpStatus !== null)
		details.httpCode = fields.httpStatus;
	return { error: details };
}
