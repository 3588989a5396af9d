import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecuteSingleFunctions,
} from 'n8n-workflow';

import type { OperationExplanation } from './errors';
import type { SendRead } from './orderQuery';
import type { PageQuery } from './paging';
import type { Sender } from './sender';

export type CardModel = 'standard' | 'sharebalance';

/** Order fields compared when an earlier order with the same Customer Order No is found. */
export type OrderField =
	| 'cardId'
	| 'productCode'
	| 'cardCurrency'
	| 'topUpAmount'
	| 'withdrawAmount'
	| 'maxAuthAmount'
	| 'maxCreditAmount';

/** Checks one input before anything is sent; throws an error that names the field. May normalise the request. */
export type InputCheck = (this: IExecuteSingleFunctions, request: RequestOptions) => void;

export type RequestOptions = DeclarativeRestApiSettings.HttpRequestOptions;

/** How a paginated list asks for its pages: numbered pages (fund logs) or a cursor (transactions). */
type PagedListSpec = { style: 'numbered'; query: PageQuery } | { style: 'cursor' };

export interface OrderSpec {
	/** The order's card model: fixed, or read from the Card Model parameter (which may say "from the card"). */
	model: CardModel | 'fromParameter';
	/** For orders at `/v1/orders/{model}/{endpoint}`: sent to the model's path once the model is known. */
	endpoint?: string;
	/** The order type the provider files this order under (the order query's OrderType). */
	orderType: string;
	/** Body fields that must match when an earlier order with the same Customer Order No is found. */
	matchFields: OrderField[];
	/**
	 * Fields this item deliberately leaves unset ("No Total Limit"): an earlier order
	 * under the same Customer Order No that shows a value for them is a different order.
	 */
	unsetOnPurpose?: (this: IExecuteSingleFunctions) => OrderField[];
	/**
	 * Completes the body with what only Cardepass knows, just before sending (Withdraw's Whole Balance reads the
	 * card's balance). May instead give an earlier order under this Customer Order No, which is then not sent.
	 */
	completeBody?: (
		this: IExecuteSingleFunctions,
		body: IDataObject,
		send: SendRead,
	) => Promise<IDataObject | undefined>;
	/** The product rule this order must pass where the server publishes rules (API v1.4). */
	rule: ProductRule;
}

/** Which product rule (v1.4 `cardBinConfigs`) an order must pass before it is sent. */
export interface ProductRule {
	permission:
		| 'allowOpenCard'
		| 'allowTopUpCard'
		| 'allowWithdraw'
		| 'allowUpdateLimit'
		| 'allowBlockCard'
		| 'allowUnBlockCard'
		| 'allowCancelCard';
	amount?: {
		field: OrderField;
		label: string;
		minimum: 'minPreTopUpAmount' | 'minTopUpAmount';
		precision: 'openCardAmountPrecision' | 'topUpAmountPrecision';
	};
}

/** Everything the shared request path needs to know about one resource/operation pair. */
export interface OperationSpec {
	/** Present on lists read page by page (Return All / Limit); otherwise one request, its data split into items. */
	paging?: PagedListSpec;
	checks?: InputCheck[];
	order?: OrderSpec;
	/** Advice added to an error of this operation, when the input explains it (e.g. a setting the server refuses). */
	hint?: (
		this: IExecuteSingleFunctions,
		failure: { message: string; httpCode?: string; errorCode?: string },
	) => OperationExplanation;
	/** Reads the answer in more than one request (e.g. an order of any type); otherwise one request is sent. */
	read?: (
		this: IExecuteSingleFunctions,
		send: Sender,
		request: RequestOptions,
	) => Promise<IDataObject[]>;
	/** Turns the unwrapped answer into output items (e.g. applying a limit). */
	transform?: (this: IExecuteSingleFunctions, records: IDataObject[]) => IDataObject[];
	/** Whether the operation offers Reveal Card Number and CVV (shared/cardDataPolicy.ts); every other output is masked. */
	offersReveal?: boolean;
}

export type OperationRegistry = Record<string, Record<string, OperationSpec>>;
