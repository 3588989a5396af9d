import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { domainRefusalError } from './allowedDomains';
import type { CardepassDestination } from './baseUrl';
import { CARDEPASS_CREDENTIAL_TYPE, cardepassDestinationOfRun } from './baseUrl';
import { toRecords } from './envelope';
import type { OrderErrorContext } from './errors';
import { errorItemJson, isTemporaryFailure, toNodeError } from './errors';
import { DEFAULT_MAX_CONCURRENT_REQUESTS } from './limiter';
import { noteServer } from './productRules';
import { outputCardData } from './cardDataPolicy';
import { stableCustomerOrderNo } from './orderNumber';
import { placeOrder } from './placeOrder';
import { collectCursorPages, collectPages } from './paging';
import type { Sender } from './sender';
import { DEFAULT_RETRIES, createSender } from './sender';
import { refusalBeforeSending } from './refusal';
import { isToolCall, refuseToolOrderWithoutNumber } from './toolCall';
import type { OperationRegistry, OperationSpec } from './types';

type RequestData = DeclarativeRestApiSettings.ResultOptions;

const DEFAULT_COMPLETION_TIMEOUT_SECONDS = 120;
const MAX_COMPLETION_TIMEOUT_SECONDS = 3600;

function option<T>(ctx: IExecutePaginationFunctions, name: string, fallback: T): T {
	return ctx.getNodeParameter(`options.${name}`, fallback) as T;
}

/**
 * The item's way to Cardepass: its routing request, within the credential's limit and allowed domains, with
 * the node's retries.
 */
function exchange(
	ctx: IExecutePaginationFunctions,
	requestData: RequestData,
	{ baseUrl: server, restriction }: CardepassDestination,
): Sender {
	const credential = ctx.getNode().credentials?.[CARDEPASS_CREDENTIAL_TYPE];
	noteServer(ctx, server);
	return createSender({
		refusal: domainRefusalError(ctx.getNode(), restriction, server),
		slot: {
			credential: credential?.id ?? credential?.name ?? 'default',
			server,
			caller: `${ctx.getExecutionId() ?? ''}:${ctx.getWorkflow().id ?? ''}:${ctx.getNode().name}`,
			limit:
				Number(option(ctx, 'maxConcurrentRequests', DEFAULT_MAX_CONCURRENT_REQUESTS)) ||
				DEFAULT_MAX_CONCURRENT_REQUESTS,
			overloaded: isTemporaryFailure,
		},
		needsToken: async () => {
			const credentials = await ctx.getCredentials<{ oauthTokenData?: { access_token?: string } }>(
				CARDEPASS_CREDENTIAL_TYPE,
			);
			return !credentials.oauthTokenData?.access_token;
		},
		retries: Math.max(0, Math.floor(Number(option(ctx, 'retries', DEFAULT_RETRIES)) || 0)),
		transport: async (overrides) => {
			const items = await ctx.makeRoutingRequest({
				...requestData,
				options: { ...requestData.options, baseURL: server, ...overrides },
			});
			return items.length === 1 ? items[0].json : items.map((item) => item.json);
		},
	});
}

/** Wait for Completion and its time limit, checked before anything is sent. */
function orderOptions(ctx: IExecutePaginationFunctions): { completionTimeoutSeconds?: number } {
	if (!option(ctx, 'waitForCompletion', false)) return {};
	const raw = option<unknown>(ctx, 'completionTimeout', DEFAULT_COMPLETION_TIMEOUT_SECONDS);
	const seconds =
		typeof raw === 'number'
			? raw
			: typeof raw === 'string' && raw.trim() !== ''
				? Number(raw)
				: NaN;
	if (!Number.isFinite(seconds) || seconds < 1 || seconds > MAX_COMPLETION_TIMEOUT_SECONDS) {
		throw refusalBeforeSending(
			ctx.getNode(),
			ctx.getItemIndex(),
			`Completion Timeout must be a number of seconds from 1 to ${MAX_COMPLETION_TIMEOUT_SECONDS}, got ${raw === undefined || raw === '' ? 'nothing' : JSON.stringify(raw)}`,
			'Set Options → Completion Timeout (Seconds), or an expression that gives a number.',
		);
	}
	return { completionTimeoutSeconds: seconds };
}

async function readPages(
	ctx: IExecutePaginationFunctions,
	spec: OperationSpec,
	send: Sender,
	qs: IDataObject,
): Promise<IDataObject[]> {
	const returnAll = ctx.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', 50) as number);
	const sendPage = async (pageQs: IDataObject) => await send({ qs: { ...qs, ...pageQs } });
	if (spec.paging?.style === 'cursor') return await collectCursorPages(sendPage, limit);
	return await collectPages(sendPage, spec.paging!.query, limit);
}

async function runOperation(
	ctx: IExecutePaginationFunctions,
	spec: OperationSpec,
	requestData: RequestData,
	orderContext: OrderErrorContext | undefined,
): Promise<IDataObject[]> {
	const request = requestData.options;
	for (const check of spec.checks ?? []) check.call(ctx, request);
	const send = exchange(ctx, requestData, await cardepassDestinationOfRun(ctx));
	if (spec.order && orderContext) {
		const body = { ...((request.body as IDataObject | undefined) ?? {}) };
		if (body.customerOrderNo === undefined) {
			if (isToolCall(ctx)) refuseToolOrderWithoutNumber(ctx);
			body.customerOrderNo = stableCustomerOrderNo(ctx);
			orderContext.generatedNumber = true;
		}
		const options = orderOptions(ctx);
		return [await placeOrder(ctx, spec.order, send, body, options)];
	}
	if (spec.read) return await spec.read.call(ctx, send, request);
	if (spec.paging)
		return await readPages(ctx, spec, send, { ...((request.qs as IDataObject | undefined) ?? {}) });
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
		const spec = registry[resource]?.[operation];
		if (!spec) {
			// A half-added operation must fail its first run, not run with no input checks.
			const refusal = new NodeOperationError(
				this.getNode(),
				`The operation "${operation}" of resource "${resource}" has no definition in this node`,
				{
					itemIndex,
					description: "Its file under resources/ must be listed in the resource's index.ts.",
				},
			);
			throw toNodeError(this.getNode(), refusal, itemIndex, undefined);
		}
		const orderContext: OrderErrorContext | undefined = spec.order
			? { generatedNumber: false }
			: undefined;
		try {
			let records = await runOperation(this, spec, requestData, orderContext);
			if (spec.transform) records = spec.transform.call(this, records);
			records = outputCardData(this, spec.offersReveal === true, records);
			return records.map((json) => ({ json, pairedItem: { item: itemIndex } }));
		} catch (error) {
			const hint = spec.hint
				? (failure: { message: string; httpCode?: string; errorCode?: string }) =>
						spec.hint!.call(this, failure)
				: undefined;
			const nodeError = toNodeError(this.getNode(), error, itemIndex, orderContext, hint);
			if (this.continueOnFail()) {
				return [{ json: errorItemJson(nodeError), pairedItem: { item: itemIndex } }];
			}
			throw nodeError;
		}
	};
}
