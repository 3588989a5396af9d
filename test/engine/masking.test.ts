import { maskCardData } from '../../dist/nodes/Cardepass/shared/masking';

describe('masking card data in output', () => {
	test('a nested card number and a CVV are masked in a copy; the answer as received is left as it was', () => {
		const answer = {
			orderNo: 'ORD-1',
			cardInfo: { cardNo: '4111111111111111', cvv: '123', expiry: '12/29' },
			logs: [{ amount: 5 }, { cardNumber: 5555444433331111 }],
		};
		const before = JSON.stringify(answer);
		const masked = maskCardData(answer);
		expect(masked).toEqual({
			orderNo: 'ORD-1',
			cardInfo: { cardNo: '411111******1111', cvv: '***', expiry: '12/29' },
			logs: [{ amount: 5 }, { cardNumber: '555544******1111' }],
		});
		expect(JSON.stringify(answer)).toBe(before);
		// Parts without card data are shared, not copied.
		expect(masked.logs[0]).toBe(answer.logs[0]);
	});

	test('records without card data come back as they are, not copied', () => {
		const records = [
			{ amount: 10, currency: 'USD' },
			{ amount: 20, currency: 'EUR', cardNo: '411111******1111', cvv: '***' },
		];
		const masked = maskCardData(records);
		expect(masked).toBe(records);
		expect(masked[1]).toBe(records[1]);
	});

	test('a card number shows its first 6 and last 4 digits only from 11 digits on; spaces and empty values', () => {
		expect(
			maskCardData({
				spaced: { cardNo: '4111 1111  1111 1111' },
				short: { cardNo: '1234567890' },
				eleven: { cardNumber: 12345678901 },
				missing: { cardNo: null, cvv: null, extra: null },
				absent: { cvv: undefined },
			}),
		).toEqual({
			spaced: { cardNo: '411111******1111' },
			short: { cardNo: '**********' },
			eleven: { cardNumber: '123456*8901' },
			missing: { cardNo: null, cvv: null, extra: null },
			absent: { cvv: undefined },
		});
	});
});
