/**
 * Signature verification of the Cardepass Trigger, against vectors computed here with the algorithm of
 * the provider's Java example (HMAC-SHA256 over id + type + createdTime + data + version, Base64), with
 * the document's own sample values, and the PHP example's json_encode form.
 */
import { createHmac } from 'crypto';

import {
	computeSignature,
	verifySignature,
} from '../../dist/nodes/CardepassTrigger/shared/signature';
import { verifyNotification } from '../../dist/nodes/CardepassTrigger/shared/notification';
import { phpJsonEncode } from '../../dist/nodes/CardepassTrigger/shared/phpJson';
import { readJsonText } from '../../dist/nodes/CardepassTrigger/shared/jsonText';

/** The provider's Java example (OpenApiWebhookSignDemo.generateSignature), line by line. */
function javaGenerateSignature(
	id: string,
	type: string,
	createdTime: string,
	data: string,
	version: string,
	secret: string,
): string {
	const content = id + type + createdTime + data + version;
	const mac = createHmac('sha256', Buffer.from(secret, 'utf8'));
	return mac.update(Buffer.from(content, 'utf8')).digest('base64');
}

const DOC_SAMPLE = {
	id: '123456',
	type: 'CardPay',
	createdTime: '2023-05-20T08:30:45Z',
	data: '{"id":"abc","amount":100}',
	version: '1.0',
	secret: 'your_webhook_secret',
};

/** A body with the given data text, signed over `signedData` (default: the data text itself). */
function body(
	dataText: string,
	secret: string,
	signedData = dataText,
	envelope = { id: 'n-1', type: 'CardPay', createdTime: '2023-05-20T08:30:45Z', version: '1.0' },
) {
	const signature = javaGenerateSignature(
		envelope.id,
		envelope.type,
		envelope.createdTime,
		signedData,
		envelope.version,
		secret,
	);
	return `{"id":"${envelope.id}","type":"${envelope.type}","createdTime":"${envelope.createdTime}","data":${dataText},"version":"${envelope.version}","signature":"${signature}"}`;
}

describe("signature of the provider's Java example", () => {
	it("gives the Java example's value for its own sample values", () => {
		const { id, type, createdTime, data, version, secret } = DOC_SAMPLE;
		const expected = javaGenerateSignature(id, type, createdTime, data, version, secret);
		// Also computed with `openssl dgst -sha256 -hmac your_webhook_secret -binary | base64`.
		expect(expected).toBe('pVDg8+pkGD8TrOo8Sz5dPWPIR6p9CJFVCyyhileR1sI=');
		expect(computeSignature({ id, type, createdTime, data, version }, secret)).toBe(expected);
	});

	it('signs UTF-8 bytes: Chinese text and an emoji in the data', () => {
		const data = '{"cardAlias":"测试卡01","note":"消费交易 🎉"}';
		const fields = { id: 'a', type: 'CardPay', createdTime: 't', version: '1.0' };
		expect(computeSignature({ ...fields, data }, 's3cret')).toBe(
			javaGenerateSignature('a', 'CardPay', 't', data, '1.0', 's3cret'),
		);
	});

	it('accepts only the exact signature, compared as a whole', () => {
		const { id, type, createdTime, data, version, secret } = DOC_SAMPLE;
		const good = javaGenerateSignature(id, type, createdTime, data, version, secret);
		const fields = { id, type, createdTime, version };
		expect(verifySignature(fields, [data], good, secret)).toBe(true);
		expect(verifySignature(fields, [data], good.slice(0, -2), secret)).toBe(false);
		expect(verifySignature(fields, [data], `${good} `, secret)).toBe(false);
		expect(verifySignature(fields, [data], good.toLowerCase(), secret)).toBe(false);
		expect(verifySignature(fields, [data], good, 'your_webhook_secret2')).toBe(false);
		expect(verifySignature({ ...fields, version: '1.1' }, [data], good, secret)).toBe(false);
	});
});

describe('verifyNotification: the data text as it arrived', () => {
	const secret = 'whsec-test-1';

	it("verifies the document's sample data signed over its raw text", () => {
		const verdict = verifyNotification(Buffer.from(body(DOC_SAMPLE.data, secret)), secret);
		expect(verdict).toEqual({
			verified: true,
			notification: {
				id: 'n-1',
				type: 'CardPay',
				createdTime: '2023-05-20T08:30:45Z',
				version: '1.0',
				data: { id: 'abc', amount: 100 },
			},
		});
	});

	it('verifies data whose raw text has spaces, newlines, unusual key order and escapes, signed as sent', () => {
		const raw = '{\n  "amount" : 29.990,\n  "id":"x\\/y\\u00e9",  "nested": {"b":1,"a":[1, 2]}\n}';
		const verdict = verifyNotification(Buffer.from(body(raw, secret)), secret);
		expect(verdict.verified).toBe(true);
	});

	it('refuses when whitespace inside the data changed after signing', () => {
		const signedCompact = body('{"id":"abc","amount":100}', secret, '{"id":"abc","amount":100}');
		const spaced = signedCompact.replace(
			'{"id":"abc","amount":100}',
			'{"id": "abc", "amount": 100}',
		);
		expect(verifyNotification(Buffer.from(spaced), secret)).toEqual({
			verified: false,
			reason: 'badSignature',
		});
	});

	it('ignores whitespace outside the signed fields (between envelope members)', () => {
		const spaced = body(DOC_SAMPLE.data, secret)
			.replace(/,"(type|createdTime|data|version|signature)":/g, ',\n  "$1" : ')
			.replace('{"id":"n-1"', '{\n  "id":"n-1"');
		expect(spaced).toContain('\n  "data" : {"id":"abc","amount":100}');
		expect(verifyNotification(Buffer.from(spaced), secret).verified).toBe(true);
	});

	it('refuses a tampered amount, a changed id and a wrong secret', () => {
		const good = body('{"id":"abc","amount":100}', secret);
		expect(
			verifyNotification(Buffer.from(good.replace('"amount":100', '"amount":900')), secret),
		).toEqual({ verified: false, reason: 'badSignature' });
		expect(
			verifyNotification(Buffer.from(good.replace('"id":"n-1"', '"id":"n-2"')), secret),
		).toEqual({ verified: false, reason: 'badSignature' });
		expect(verifyNotification(Buffer.from(good), 'another-secret')).toEqual({
			verified: false,
			reason: 'badSignature',
		});
	});

	it('fails closed without a secret, even for a body signed with an empty secret', () => {
		expect(verifyNotification(Buffer.from(body(DOC_SAMPLE.data, '')), '')).toEqual({
			verified: false,
			reason: 'noSecret',
		});
	});

	it('refuses bodies that are not a JSON object, and bodies missing a field', () => {
		expect(verifyNotification(Buffer.from('not json'), secret)).toEqual({
			verified: false,
			reason: 'notJson',
		});
		expect(verifyNotification(Buffer.from('[1,2]'), secret)).toEqual({
			verified: false,
			reason: 'notJson',
		});
		expect(verifyNotification(Buffer.from(`${body(DOC_SAMPLE.data, secret)} x`), secret)).toEqual({
			verified: false,
			reason: 'notJson',
		});
		expect(verifyNotification(undefined, secret)).toEqual({ verified: false, reason: 'noRawBody' });
		const good = JSON.parse(body(DOC_SAMPLE.data, secret)) as Record<string, unknown>;
		for (const field of ['id', 'type', 'createdTime', 'data', 'version', 'signature']) {
			const { [field]: _dropped, ...rest } = good;
			expect(verifyNotification(Buffer.from(JSON.stringify(rest)), secret)).toEqual({
				verified: false,
				reason: 'missingFields',
			});
		}
		expect(
			verifyNotification(Buffer.from(JSON.stringify({ ...good, data: 'text' })), secret),
		).toEqual({ verified: false, reason: 'missingFields' });
		expect(
			verifyNotification(Buffer.from(JSON.stringify({ ...good, id: 123456 })), secret),
		).toEqual({ verified: false, reason: 'missingFields' });
	});

	it('refuses a body that repeats a signed field (one reader could see another value than the signer)', () => {
		const good = body(DOC_SAMPLE.data, secret);
		const repeated = good.replace('{"id":"n-1",', '{"id":"n-1","id":"n-2",');
		expect(verifyNotification(Buffer.from(repeated), secret)).toEqual({
			verified: false,
			reason: 'missingFields',
		});
	});
});

describe("the PHP example's form: json_encode($payload['data'])", () => {
	const secret = 'whsec-php';

	it('encodes as PHP does: \\/ and \\uXXXX escapes, no spaces, floats with .0, {} as []', () => {
		const encode = (text: string) => phpJsonEncode(readJsonText(text));
		expect(encode('{ "desc": "AMZN.COM/BILL WA", "alias": "测试卡01" }')).toBe(
			'{"desc":"AMZN.COM\\/BILL WA","alias":"\\u6d4b\\u8bd5\\u536101"}',
		);
		expect(encode('"🎉"')).toBe('"\\ud83c\\udf89"');
		expect(encode('"tab\\there \\"q\\" back\\\\slash \\u0001"')).toBe(
			'"tab\\there \\"q\\" back\\\\slash \\u0001"',
		);
		expect(encode('[100, 100.0, 29.99, 29.990, 1e2, 1e25, 0.0001, 0.00001, -0, -0.0]')).toBe(
			'[100,100.0,29.99,29.99,100.0,1.0e+25,0.0001,1.0e-5,0,-0.0]',
		);
		expect(encode('{"a":{},"b":[],"c":null,"d":true}')).toBe('{"a":[],"b":[],"c":null,"d":true}');
		expect(encode('{"0":"x","1":"y"}')).toBe('["x","y"]');
	});

	it('accepts a notification whose signature covers json_encode of its data, not the raw text', () => {
		const raw =
			'{"merchantDesc":"AMAZON.COM AMZN.COM/BILL WA","cardAlias":"测试卡01","transAmount":{"currency":"USD","amount":29.99}}';
		const php =
			'{"merchantDesc":"AMAZON.COM AMZN.COM\\/BILL WA","cardAlias":"\\u6d4b\\u8bd5\\u536101","transAmount":{"currency":"USD","amount":29.99}}';
		expect(phpJsonEncode(readJsonText(raw))).toBe(php);
		expect(verifyNotification(Buffer.from(body(raw, secret, php)), secret).verified).toBe(true);
		// The PHP form of other data does not pass.
		expect(
			verifyNotification(Buffer.from(body(raw.replace('29.99', '39.99'), secret, php)), secret)
				.verified,
		).toBe(false);
	});

	it("accepts a body written with PHP's escapes and signed over that text", () => {
		const php = '{"merchantDesc":"AMZN.COM\\/BILL","cardAlias":"\\u6d4b\\u8bd5"}';
		const verdict = verifyNotification(Buffer.from(body(php, secret)), secret);
		expect(verdict).toMatchObject({
			verified: true,
			notification: { data: { merchantDesc: 'AMZN.COM/BILL', cardAlias: '测试' } },
		});
	});
});
