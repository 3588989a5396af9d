import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { timeZoneOffsetMs } from './calendar';
import { refusalBeforeSending } from './refusal';
import type { InputCheck, RequestOptions } from './types';

/** Far above any real card amount; catches a wrong column or a unit mix-up before money moves. */
const MAX_AMOUNT = 10_000_000;

export interface Target {
	in: 'body' | 'qs';
	key: string;
}

/** Refuses the item before anything is sent: `whatToDo` follows "Nothing was sent to Cardepass." */
export function refuseInput(
	ctx: IExecuteSingleFunctions,
	message: string,
	whatToDo: string,
): never {
	throw refusalBeforeSending(ctx.getNode(), ctx.getItemIndex(), message, whatToDo);
}

function put(request: RequestOptions, target: Target | undefined, value: unknown): void {
	if (!target) return;
	const bag = ((request[target.in] as IDataObject | undefined) ?? {}) as IDataObject;
	if (value === undefined) delete bag[target.key];
	else bag[target.key] = value as IDataObject[string];
	request[target.in] = bag;
}

function quoted(value: unknown): string {
	if (typeof value === 'string') return `"${value}"`;
	// JSON would show NaN and Infinity as null.
	if (typeof value === 'number' || value === undefined) return String(value);
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

/** A parameter's value; null when it is not set (an optional field left out of its collection). */
function readParameter(ctx: IExecuteSingleFunctions, name: string): unknown {
	return ctx.getNodeParameter(name, null);
}

/** Text that must be present, trimmed; refused with `whereFrom` as the way to fix it. */
function readRequiredText(
	ctx: IExecuteSingleFunctions,
	name: string,
	label: string,
	whereFrom: string,
): string {
	const value = readParameter(ctx, name);
	// An expression that reads a field the item does not have gives undefined.
	if (value === undefined || value === null) refuseInput(ctx, `${label} is required`, whereFrom);
	if (typeof value !== 'string' && typeof value !== 'number') {
		refuseInput(ctx, `${label} must be text, got ${quoted(value)}`, whereFrom);
	}
	const text = String(value).trim();
	if (text === '') refuseInput(ctx, `${label} is required`, whereFrom);
	return text;
}

/** Text that must be present, e.g. a Card ID; trimmed before it is sent. */
export function requiredText(
	name: string,
	label: string,
	whereFrom: string,
	target?: Target,
): InputCheck {
	return function (this: IExecuteSingleFunctions, request) {
		put(request, target, readRequiredText(this, name, label, whereFrom));
	};
}

/** Letters, digits, '-', '_' and '.': a Card ID travels in the URL path, where anything else could reach another endpoint. */
const CARD_ID_PATTERN = /^[A-Za-z0-9._-]+$/;

/** A Card ID: required text of the characters card IDs are made of, and never only dots ("." or ".." would change the path). */
export function requiredCardId(whereFrom: string, target?: Target): InputCheck {
	return function (this: IExecuteSingleFunctions, request) {
		const text = readRequiredText(this, 'cardId', 'Card ID', whereFrom);
		if (!CARD_ID_PATTERN.test(text) || /^\.+$/.test(text)) {
			refuseInput(
				this,
				`Card ID may contain only letters, digits, "-", "_" and "." (and not only dots), got ${quoted(text)}`,
				whereFrom,
			);
		}
		put(request, target, text);
	};
}

/** Optional text; blank means "not sent". */
export function optionalText(
	name: string,
	label: string,
	maxLength: number,
	target: Target,
): InputCheck {
	return function (this: IExecuteSingleFunctions, request) {
		const value = readParameter(this, name);
		// An empty text ends up empty after trimming, below.
		if (value === undefined || value === null) return put(request, target, undefined);
		if (typeof value !== 'string' && typeof value !== 'number') {
			refuseInput(
				this,
				`${label} must be text, got ${quoted(value)}`,
				`Leave ${label} empty or give it text.`,
			);
		}
		const text = String(value).trim();
		if (text.length > maxLength) {
			refuseInput(this, `${label} is longer than ${maxLength} characters`, `Shorten ${label}.`);
		}
		put(request, target, text === '' ? undefined : text);
	};
}

export interface AmountRule {
	min?: number;
	/** The amount must be above zero (true for every amount the API takes). */
	positive?: boolean;
	optional?: boolean;
	wholeNumber?: boolean;
}

/** Amount text as a spreadsheet or JSON writes it: digits, at most one point, no exponent, no "0x10" or "Infinity". */
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const EXPONENT_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i;

/**
 * A number written out in plain decimals (1e-9 → 0.000000001). JavaScript writes an exponent only below 1e-6
 * (the point then falls before the digits) and from 1e21 on (after them, as at most 17 digits are shown).
 */
function plainDecimal(number: number): string {
	const text = String(number);
	const exponent = /(-?)(\d)(?:\.(\d+))?e([+-]\d+)/.exec(text);
	if (!exponent) return text;
	const [, sign, first, rest = '', power] = exponent;
	const digits = first + rest;
	const point = 1 + Number(power);
	return point < 1
		? `${sign}0.${'0'.repeat(-point)}${digits}`
		: `${sign}${digits}${'0'.repeat(point - digits.length)}`;
}

/** How many decimals a plain decimal text has, trailing zeros aside ("10.50" has 1, "10." and "100" none). */
function decimalsOf(text: string): number {
	return text.split('.')[1]?.replace(/0+$/, '').length ?? 0;
}

/**
 * Reads an amount as the API wants it: a JSON number with at most 2 decimals, sent exactly as given. Anything
 * that would be sent rounded, as 0, or as another number than the one written is refused.
 */
function parseAmount(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	rule: AmountRule,
): number | undefined {
	const example = `Give ${label} as a plain number, e.g. 100 or 25.50.`;
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		if (rule.optional) return undefined;
		refuseInput(ctx, `${label} is required`, example);
	}
	if (typeof value === 'string' && EXPONENT_TEXT.test(value.trim())) {
		refuseInput(
			ctx,
			`${label} must be written without an exponent, got ${quoted(value.trim())}`,
			`Write the amount out in digits (e.g. 1000 for 1e3), so what you see is what is sent.`,
		);
	}
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && DECIMAL_TEXT.test(value.trim())
				? Number(value)
				: NaN;
	if (!Number.isFinite(number)) {
		refuseInput(ctx, `${label} must be a number, got ${quoted(value)}`, example);
	}
	// As written: the text from a sheet or an expression, or the number as JavaScript writes it.
	const written = typeof value === 'string' ? value.trim() : plainDecimal(number);
	// The minimum, where there is one, is what the hint under the field names: it speaks first.
	if (rule.min !== undefined && number < rule.min) {
		refuseInput(
			ctx,
			`${label} must be at least ${rule.min}, got ${written}`,
			`The node sends no ${label} below ${rule.min}, the least Cardepass takes: give ${rule.min} or more.`,
		);
	}
	if ((rule.positive ?? true) && number <= 0) {
		refuseInput(ctx, `${label} must be more than 0, got ${written}`, `Give a positive ${label}.`);
	}
	if (number > MAX_AMOUNT) {
		refuseInput(
			ctx,
			`${label} is too large: ${written}`,
			`The node refuses amounts above ${MAX_AMOUNT.toLocaleString('en-US')} to catch a wrong column or unit before money moves. Check the amount.`,
		);
	}
	if (decimalsOf(written) > 2) {
		refuseInput(
			ctx,
			`${label} has more than 2 decimals: ${written}`,
			'Cardepass takes amounts in cents, and the node never rounds: give at most 2 decimals.',
		);
	}
	if (rule.wholeNumber && !Number.isInteger(number)) {
		refuseInput(
			ctx,
			`${label} must be a whole number, got ${written}`,
			`Give ${label} without decimals.`,
		);
	}
	return number;
}

export function amount(name: string, label: string, rule: AmountRule, target: Target): InputCheck {
	return function (this: IExecuteSingleFunctions, request) {
		put(request, target, parseAmount(this, readParameter(this, name), label, rule));
	};
}

/** A value chosen from a list; checked because an expression can produce anything. */
export function oneOf(
	name: string,
	label: string,
	allowed: readonly string[],
	target?: Target,
): InputCheck {
	return function (this: IExecuteSingleFunctions, request) {
		const value = readParameter(this, name);
		if (!allowed.some((choice) => choice === value)) {
			refuseInput(
				this,
				`${label} must be one of ${allowed.join(', ')}, got ${quoted(value)}`,
				`Pick ${label} from the list.`,
			);
		}
		put(request, target, value);
	};
}

/** Whether a calendar day exists (JavaScript's Date turns 2025-02-30 into 2 March, and year 0025 into 1925). */
function dayExists(year: string, month: string, day: string): boolean {
	const date = new Date(Date.UTC(+year, +month - 1, +day));
	return date.toISOString().slice(0, 10) === `${year}-${month}-${day}`;
}

const WALL_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

/**
 * Reads a date-time as n8n's date fields give it. A value without a time zone is a wall-clock time in the
 * workflow's time zone, as the editor shows it.
 */
function parseDateTime(value: unknown, timeZone: string): Date | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
	if (typeof value === 'object' && value !== null && 'toISO' in value) {
		return parseDateTime((value as { toISO: () => string }).toISO(), timeZone);
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	const wall = WALL_TIME.exec(text);
	if (wall) {
		const [, y, mo, d, h, mi, s, ms] = wall;
		const guess = Date.UTC(
			+y,
			+mo - 1,
			+d,
			+(h ?? 0),
			+(mi ?? 0),
			+(s ?? 0),
			+(ms ?? '').padEnd(3, '0'),
		);
		if (!dayExists(y, mo, d) || +h > 23 || +mi > 59 || +s > 59) return undefined;
		return new Date(guess - timeZoneOffsetMs(guess - timeZoneOffsetMs(guess, timeZone), timeZone));
	}
	const day = /^(\d{4})-(\d{2})-(\d{2})T/.exec(text);
	if (!day || !dayExists(day[1], day[2], day[3])) return undefined;
	const date = new Date(text);
	return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Optional From/To date-times, sent in ISO 8601 (UTC); From must not be after To. */
export function dateRange(
	from: { name: string; label: string; keys: string[] },
	to: { name: string; label: string; keys: string[] },
	options: { required?: boolean } = {},
): InputCheck {
	return function (this: IExecuteSingleFunctions, request) {
		const timeZone = this.getTimezone();
		const read = (field: typeof from) => {
			const raw = readParameter(this, field.name);
			if (raw === undefined || raw === null || raw === '') {
				if (options.required)
					refuseInput(
						this,
						`${field.label} is required`,
						`Pick a date and time for ${field.label}.`,
					);
				return undefined;
			}
			const date = parseDateTime(raw, timeZone);
			if (!date) {
				refuseInput(
					this,
					`${field.label} is not a date: ${quoted(raw)}`,
					'Use a date such as 2025-01-31 or 2025-01-31T18:00:00.',
				);
			}
			for (const key of field.keys) put(request, { in: 'qs', key }, date.toISOString());
			return date;
		};
		const start = read(from);
		const end = read(to);
		if (start && end && start.getTime() > end.getTime()) {
			refuseInput(
				this,
				`${from.label} is after ${to.label}`,
				`${from.label} must be on or before ${to.label}.`,
			);
		}
	};
}
