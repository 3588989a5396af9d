/**
 * A strict JSON reader that remembers where every value sits in the text. The signature covers the
 * `data` field exactly as it arrived, so the node needs that slice of the raw body, not a value
 * re-serialised from a parsed object (which would change spacing, key order and escapes).
 */

interface Span {
	start: number;
	end: number;
}

export type JsonNode =
	| (Span & { kind: 'object'; entries: Array<{ key: string; value: JsonNode }> })
	| (Span & { kind: 'array'; items: JsonNode[] })
	| (Span & { kind: 'string'; value: string })
	| (Span & { kind: 'number'; raw: string })
	| (Span & { kind: 'literal'; raw: 'true' | 'false' | 'null' });

// Deep enough for any notification; keeps a hostile body from exhausting the stack.
const MAX_DEPTH = 200;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// Raw control characters, which JSON forbids in strings, are left to JSON.parse to refuse.
const STRING_BODY = /(?:[^"\\]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;

class JsonTextReader {
	private position = 0;

	constructor(private readonly text: string) {}

	read(): JsonNode {
		const node = this.value(0);
		this.skipWhitespace();
		if (this.position !== this.text.length) this.fail('text after the JSON value');
		return node;
	}

	private fail(what: string): never {
		throw new SyntaxError(`Invalid JSON: ${what} at position ${this.position}`);
	}

	private skipWhitespace(): void {
		while (this.position < this.text.length && ' \t\n\r'.includes(this.text[this.position]))
			this.position++;
	}

	private value(depth: number): JsonNode {
		if (depth > MAX_DEPTH) this.fail('nesting too deep');
		this.skipWhitespace();
		const start = this.position;
		const char = this.text[start];
		if (char === '{') return this.object(start, depth);
		if (char === '[') return this.array(start, depth);
		if (char === '"') return { kind: 'string', value: this.string(), start, end: this.position };
		for (const raw of ['true', 'false', 'null'] as const) {
			if (this.text.startsWith(raw, start)) {
				this.position += raw.length;
				return { kind: 'literal', raw, start, end: this.position };
			}
		}
		NUMBER.lastIndex = start;
		const number = NUMBER.exec(this.text);
		if (!number) this.fail('unexpected character');
		this.position = NUMBER.lastIndex;
		return { kind: 'number', raw: number[0], start, end: this.position };
	}

	private string(): string {
		const start = this.position;
		STRING_BODY.lastIndex = start + 1;
		STRING_BODY.exec(this.text);
		if (this.text[STRING_BODY.lastIndex] !== '"') {
			this.position = STRING_BODY.lastIndex;
			this.fail('unterminated string or bad escape');
		}
		this.position = STRING_BODY.lastIndex + 1;
		return JSON.parse(this.text.slice(start, this.position)) as string;
	}

	private object(start: number, depth: number): JsonNode {
		this.position++;
		const entries: Array<{ key: string; value: JsonNode }> = [];
		this.skipWhitespace();
		if (this.text[this.position] === '}') {
			this.position++;
			return { kind: 'object', entries, start, end: this.position };
		}
		for (;;) {
			this.skipWhitespace();
			if (this.text[this.position] !== '"') this.fail('expected a key');
			const key = this.string();
			this.skipWhitespace();
			if (this.text[this.position] !== ':') this.fail("expected ':'");
			this.position++;
			entries.push({ key, value: this.value(depth + 1) });
			this.skipWhitespace();
			const next = this.text[this.position++];
			if (next === '}') return { kind: 'object', entries, start, end: this.position };
			if (next !== ',') this.fail("expected ',' or '}'");
		}
	}

	private array(start: number, depth: number): JsonNode {
		this.position++;
		const items: JsonNode[] = [];
		this.skipWhitespace();
		if (this.text[this.position] === ']') {
			this.position++;
			return { kind: 'array', items, start, end: this.position };
		}
		for (;;) {
			items.push(this.value(depth + 1));
			this.skipWhitespace();
			const next = this.text[this.position++];
			if (next === ']') return { kind: 'array', items, start, end: this.position };
			if (next !== ',') this.fail("expected ',' or ']'");
		}
	}
}

/** Reads JSON text (RFC 8259, as JSON.parse accepts it); throws SyntaxError otherwise. */
export function readJsonText(text: string): JsonNode {
	return new JsonTextReader(text).read();
}
