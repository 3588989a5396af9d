import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_CONCURRENT_REQUESTS } from './limiter';
import { STARTING_WINDOW } from './pace';
import { DEFAULT_RETRIES } from './sender';
import type { InputCheck } from './types';
import type { AmountRule, Target } from './validation';
import { CUSTOMER_ORDER_NO_MAX_LENGTH, checkCustomerOrderNo } from './customerOrderNo';
import { amount, requiredCardId } from './validation';

/**
 * A parameter and the check that guards it, built from one definition so their names cannot drift apart. The
 * check reads the value once and puts it in the request; the parameter has no routing of its own, because n8n
 * would evaluate an expression in a routed parameter twice more per item.
 */
export interface GuardedField {
	property: INodeProperties;
	check: InputCheck;
}

/** The Card ID parameter; its check sends the trimmed ID where the operation needs it (body, or nowhere for a path). */
export function cardIdField(whereFrom: string) {
	const description = `The card's ID. ${whereFrom}`;
	const property: INodeProperties = {
		displayName: 'Card ID',
		name: 'cardId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. CARD123456',
		description,
	};
	return { property, check: (target?: Target) => requiredCardId(description, target) };
}

/** What an amount field says under it about the amounts the node accepts. */
function amountHint(rule: AmountRule): string {
	const least = rule.min !== undefined ? `At least ${rule.min}` : 'More than 0';
	return `${least}, ${rule.wholeNumber ? 'a whole number' : 'at most 2 decimals'}, in the card's currency`;
}

/**
 * A money field. It is text, so the editor never rounds or clamps what the user typed: the node's own check
 * reads the amount and refuses a bad one with its reason before anything is sent.
 */
export function amountField(options: {
	name: string;
	displayName: string;
	description: string;
	/** Extra display conditions, e.g. the Card Model it applies to. */
	show?: IDisplayOptions;
	/** Required where shown, when the display condition cannot come from the data. */
	required?: boolean;
	rule: AmountRule;
	target: Target;
}): GuardedField {
	const { name, displayName, description, show, rule, target } = options;
	return {
		property: {
			displayName,
			name,
			type: 'string',
			default: '',
			// The node refuses it empty, so the editor marks it. n8n counts a field as shown when its display
			// condition is an expression (Card Model from the input): that workflow gives the amount by expression too.
			required: options.required ?? !rule.optional,
			placeholder: 'e.g. 25.50',
			hint: amountHint(rule),
			description,
			...(show ? { displayOptions: show } : {}),
		},
		check: amount(name, displayName, rule, target),
	};
}

/** The idempotency key every order takes. */
export function customerOrderNoField(): GuardedField {
	return {
		property: {
			displayName: 'Customer Order No',
			name: 'customerOrderNo',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.invoiceId }}',
			description: `Your own unique number for this order, at most ${CUSTOMER_ORDER_NO_MAX_LENGTH} characters, e.g. an invoice number from your data: Cardepass makes an order only once per number, and the node returns the earlier order when a number comes again. An item for which the field gives nothing (an empty cell, a misspelt column) is refused.`,
			hint: 'Left empty, the node generates a number: a Retry of a failed execution sends the same number and does not pay again, but running the workflow again (a new execution) pays again. Use a stable ID from your data to make any re-run safe.',
		},
		check: checkCustomerOrderNo,
	};
}

export const CARD_MODEL_VALUES = ['standard', 'sharebalance'] as const;

export function cardModelProperty(description: string): INodeProperties {
	return {
		displayName: 'Card Model',
		name: 'cardModel',
		type: 'options',
		noDataExpression: false,
		options: [
			{
				name: 'Standard',
				value: 'standard',
				description: 'A card with its own balance, topped up from your account',
			},
			{
				name: 'Share Balance',
				value: 'sharebalance',
				description: "A card that spends your account's balance within its limits",
			},
		],
		default: 'standard',
		description,
	};
}

const maxConcurrentRequests: INodeProperties = {
	displayName: 'Max Concurrent Requests',
	name: 'maxConcurrentRequests',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 100 },
	default: DEFAULT_MAX_CONCURRENT_REQUESTS,
	description: `The most requests this node sends to Cardepass at once, across all items. It starts with ${STARTING_WINDOW}, sends more while answers come back fast and clean, and fewer at once when Cardepass answers 429 or 5xx or slows down; it never goes above this. The first request of a credential goes alone, to fetch the token the others reuse. Workflows running at the same time on one credential together stay within the largest of their settings.`,
};

const retries: INodeProperties = {
	displayName: 'Retries on Temporary Errors',
	name: 'retries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 4 },
	default: DEFAULT_RETRIES,
	description:
		'How often to send a request again when Cardepass answers 429 or 5xx, the connection drops or the answer cannot be read, waiting 1, 2, 4 then 8 seconds. Safe for orders: a repeat carries the same Customer Order No, and an order that was made is returned instead of being made again.',
};

const waitForCompletion: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: false,
	description:
		'Whether to wait until Cardepass has finished the order (it processes orders in the background). The node asks again after 0.5, 1, 2 and 4 seconds, then every 5 seconds, until the order is Completed (output) or failed (an item error with the reason Cardepass gives).',
};

const completionTimeout: INodeProperties = {
	displayName: 'Completion Timeout (Seconds)',
	name: 'completionTimeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 3600 },
	default: 120,
	description:
		'How long to wait for the order to finish before the item fails with the order number to check later',
	displayOptions: { show: { waitForCompletion: [true] } },
};

/** The Options collection: every operation can cap concurrency; orders can also wait for completion. */
export function optionsCollection(forOrders: boolean): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: forOrders
			? [completionTimeout, maxConcurrentRequests, retries, waitForCompletion]
			: [maxConcurrentRequests, retries],
	};
}
