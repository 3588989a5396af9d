import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { CardepassApiFailure, settle, toRecords, unwrapEnvelope } from './envelope';
import { errorItemJson, isTemporaryFailure, toNodeError } from './errors';
import { DEFAULT_MAX_CONCURRENT_REQUESTS, withRequestSlot } from './limiter';
import { maskCardData } from './masking';
import { stableCustomerOrderNo } from './orderNumber';
import type { SendJson } from './orders';
import { findOrder, orderDifferences, orderModel, waitForCompletion } from './orders';
import { collectCursorPages, collectPages } from './paging';
import { checkProductRules } from './productRules';
import type { OperationRegistry, OperationSpec } from './types';

type RequestData = DeclarativeRestApiSettings.ResultOptions;
type RequestOptions = DeclarativeRestApiSettings.HttpRequestOptions;

const CREDENTIAL_TYPE = 'cardepassOAuth2Api';
/** Temporary failures (429, 5xx, a dropped connection, an unreadable answer) are sent again this often. */
const DEFAULT_RETRIES = 2;
/** Waits before the first, second, third… repeat. */
const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000];
const DEFAULT_COMPLETION_TIMEOUT_SECONDS = 120;

function option<T>(ctx: IExecutePaginationFunctions, name: string, fallback: T): T {
	return ctx.getNodeParameter(`options.${name}`, fallback) as T;
}

/** One HTTP exchange with Cardepass: within the concurrency limit, the envelope checked and unwrapped. */
function exchange(ctx: IExecutePaginationFunctions, requestData: RequestData) {
	const credential = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	const credentialKey = credential?.id ?? credential?.name ?? 'default';
	const limit = Number(option(ctx, 'maxConcurrentRequests', DEFAULT_MAX_CONCURRENT_REQUESTS)) || DEFAULT_MAX_CONCURRENT_REQUESTS;
	const needsToken = async () => {
		const credentials = await ctx.getCredentials<{ oauthTokenData?: { access_token?: string } }>(CREDENTIAL_TYPE);
		return !credentials.oauthTokenData?.access_token;
	};
	const retries = Math.max(0, Math.floor(Number(option(ctx, 'retries', DEFAULT_RETRIES)) || 0));
	const sendOnce = async (overrides: Partial<RequestOptions>) =>
		await withRequestSlot(credentialKey, limit, needsToken, async () => {
			const items = await ctx.makeRoutingRequest({
				...requestData,
				options: { ...requestData.options, ...overrides },
			});
			return unwrapEnvelope(items.length === 1 ? items[0].json : items.map((item) => item.json));
		});
	return async (overrides: Partial<RequestOptions> = {}): Promise<unknown> => {
		for (let attempt = 0; ; attempt++) {
			const answer = await settle(sendOnce(overrides));
			if (answer.ok) return answer.value;
			if (attempt >= retries || !isTemporaryFailure(answer.error)) throw answer.error;
			// The slot is free while waiting, so other items go on.
			await sleep(RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]);
		}
	};
}

async function readPages(
	ctx: IExecutePaginationFunctions,
	spec: OperationSpec,
	send: ReturnType<typeof exchange>,
	qs: IDataObject,
): Promise<IDataObject[]> {
	const returnAll = ctx.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', 50) as number);
	const sendPage = async (pageQs: IDataObject) => await send({ qs: { ...qs, ...pageQs } });
	if (spec.paging?.style === 'cursor') return await collectCursorPages(sendPage, limit);
	return await collectPages(sendPage, spec.paging!.query, limit);
}

function isDuplicateOrder(error: unknown): boolean {
	return error instanceof CardepassApiFailure && error.details.errorCode === 'DUPLICATE_ORDER';
}

/**
 * Sends an order. When Cardepass says its Customer Order No was used already, the earlier order is looked up
 * and returned (marked earlierOrder) if it is the same order; a different order under that number fails.
 */
async function placeOrder(
	ctx: IExecutePaginationFunctions,
	spec: OperationSpec,
	send: ReturnType<typeof exchange>,
	body: IDataObject,
): Promise<IDataObject> {
	const order = spec.order!;
	const model = orderModel(ctx, order);
	const sendJson: SendJson = async (request) => await send({ ...request, body: undefined });
	await checkProductRules(ctx, order.rule, model, body, sendJson);
	let placed: IDataObject;
	const answer = await settle(send({ body }));
	if (answer.ok) {
		placed = toRecords(answer.value)[0] ?? {};
	} else {
		if (!isDuplicateOrder(answer.error)) throw answer.error;
		const customerOrderNo = String(body.customerOrderNo);
		const earlier = await findOrder(sendJson, model, order.orderType, { customerOrderNo });
		const differences = earlier ? orderDifferences(body, earlier, order.matchFields) : ['it is another kind of order'];
		if (differences.length > 0) {
			throw new CardepassApiFailure(`Customer Order No ${customerOrderNo} was already used for a different order`, {
				...(answer.error as CardepassApiFailure).details,
				errorMessage: `The earlier order differs: ${differences.join('; ')}. Give this order its own Customer Order No.`,
			});
		}
		placed = { ...earlier, earlierOrder: true };
	}
	if (option(ctx, 'waitForCompletion', false)) {
		const timeout = Number(option(ctx, 'completionTimeout', DEFAULT_COMPLETION_TIMEOUT_SECONDS));
		const done = await waitForCompletion(sendJson, model, order.orderType, placed, timeout);
		placed = placed.earlierOrder ? { ...done, earlierOrder: true } : done;
	}
	return placed;
}

async function runOperation(
	ctx: IExecutePaginationFunctions,
	spec: OperationSpec,
	requestData: RequestData,
): Promise<IDataObject[]> {
	const request = requestData.options;
	for (const check of spec.checks ?? []) check.call(ctx, request);
	const send = exchange(ctx, requestData);
	if (spec.order) {
		const body = { ...((request.body as IDataObject | undefined) ?? {}) };
		body.customerOrderNo ??= stableCustomerOrderNo(ctx);
		return [await placeOrder(ctx, spec, send, body)];
	}
	if (spec.paging) return await readPages(ctx, spec, send, { ...((request.qs as IDataObject | undefined) ?? {}) });
	return toRecords(await send());
}

/**
 * The one path every Cardepass operation's request takes. n8n calls it as the operation's pagination
 * function, which wraps the whole request: input checks, the concurrency limit, the envelope, page
 * walking, duplicate-order recovery and errors all live here.
 */
export function createCardepassRequest(registry: OperationRegistry) {
	return async function sendCardepassRequest(
		this: IExecutePaginationFunctions,
		requestData: RequestData,
	): Promise<INodeExecutionData[]> {
		const itemIndex = this.getItemIndex();
		const resource = this.getNodeParameter('resource') as string;
		const operation = this.getNodeParameter('operation') as string;
		const spec = registry[resource]?.[operation] ?? {};
		try {
			let records = await runOperation(this, spec, requestData);
			if (spec.transform) records = spec.transform.call(this, records);
			// Any answer may carry a full card number (a share-balance order's cardInfo.cardNo does).
			if (!spec.revealsCardData?.call(this)) records = records.map(maskCardData);
			return records.map((json) => ({ json, pairedItem: { item: itemIndex } }));
		} catch (error) {
			const hint = spec.hint ? (failure: { message: string; httpCode?: string }) => spec.hint!.call(this, failure) : undefined;
			const nodeError = toNodeError(this.getNode(), error, itemIndex, spec.order !== undefined, hint);
			if (this.continueOnFail()) {
				return [{ json: errorItemJson(nodeError), pairedItem: { item: itemIndex } }];
			}
			throw nodeError;
		}
	};
}
