import type { JsonNode } from './jsonText';

/**
 * What the provider's PHP example signs: `json_encode($payload['data'])` after
 * `json_decode($requestBody, true)`. PHP re-encodes the data with its own defaults, which differ from
 * the text that arrived: `/` becomes `\/`, every non-ASCII character becomes `\uXXXX` (lower-case hex,
 * surrogate pairs above U+FFFF), spacing goes, floats are written shortest with `.0` added to whole
 * ones, and an empty object (decoded to an empty PHP array) comes back as `[]`.
 * Returns undefined when PHP could not encode the value (a number too large for a double).
 */
export function phpJsonEncode(node: JsonNode): string | undefined {
	switch (node.kind) {
		case 'literal':
			return node.raw;
		case 'string':
			return phpString(node.value);
		case 'number':
			return phpNumber(node.raw);
		case 'array':
			return joinEncoded('[', node.items.map(phpJsonEncode), ']');
		case 'object':
			return phpObject(node.entries);
	}
}

function joinEncoded(
	open: string,
	parts: Array<string | undefined>,
	close: string,
): string | undefined {
	if (parts.some((part) => part === undefined)) return undefined;
	return `${open}${parts.join(',')}${close}`;
}

function phpObject(entries: Array<{ key: string; value: JsonNode }>): string | undefined {
	// A PHP array keeps a repeated key at its first place with the last value.
	const byKey = new Map<string, JsonNode>();
	for (const { key, value } of entries) byKey.set(key, value);
	const keys = [...byKey.keys()];
	// Keys 0, 1, 2, … in order make a PHP list, which json_encode writes as a JSON array ([] when empty).
	if (keys.every((key, index) => key === String(index))) {
		return joinEncoded(
			'[',
			keys.map((key) => phpJsonEncode(byKey.get(key)!)),
			']',
		);
	}
	const parts = keys.map((key) => {
		const value = phpJsonEncode(byKey.get(key)!);
		return value === undefined ? undefined : `${phpString(key)}:${value}`;
	});
	return joinEncoded('{', parts, '}');
}

const SHORT_ESCAPES: Record<string, string> = {
	'"': '\\"',
	'\\': '\\\\',
	'/': '\\/',
	'\b': '\\b',
	'\f': '\\f',
	'\n': '\\n',
	'\r': '\\r',
	'\t': '\\t',
};

function phpString(value: string): string {
	let out = '"';
	for (let index = 0; index < value.length; index++) {
		const char = value[index];
		const code = value.charCodeAt(index);
		if (SHORT_ESCAPES[char]) out += SHORT_ESCAPES[char];
		else if (code < 0x20 || code > 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
		else out += char;
	}
	return `${out}"`;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function phpNumber(raw: string): string | undefined {
	if (/^-?\d+$/.test(raw)) {
		const whole = BigInt(raw);
		if (whole >= INT64_MIN && whole <= INT64_MAX) return whole.toString();
	}
	const value = Number(raw);
	if (!Number.isFinite(value)) return undefined;
	return phpFloat(value);
}

/** PHP 7.1+ with serialize_precision -1: the shortest round-trip digits, exponent form below 1e-4 or from 1e17. */
function phpFloat(value: number): string {
	if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
	const [mantissa, exponentText] = value.toExponential().split('e');
	const exponent = Number(exponentText);
	const negative = mantissa.startsWith('-');
	const digits = mantissa.replace(/^-/, '').replace('.', '');
	const sign = negative ? '-' : '';
	if (exponent < -4 || exponent >= 17) {
		const fraction = digits.length > 1 ? digits.slice(1) : '0';
		return `${sign}${digits[0]}.${fraction}e${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
	}
	if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
	const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
	const fraction = digits.slice(exponent + 1);
	return `${sign}${whole}.${fraction || '0'}`;
}

/** The same value without any whitespace, strings escaped as JSON.stringify does and numbers as written. */
export function compactJson(node: JsonNode): string {
	switch (node.kind) {
		case 'literal':
			return node.raw;
		case 'number':
			return node.raw;
		case 'string':
			return JSON.stringify(node.value);
		case 'array':
			return `[${node.items.map(compactJson).join(',')}]`;
		case 'object':
			return `{${node.entries.map(({ key, value }) => `${JSON.stringify(key)}:${compactJson(value)}`).join(',')}}`;
	}
}
