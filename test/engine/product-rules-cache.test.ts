import {
	apiCalls,
	openSimulatedCardepass,
	REVISIONS,
	useSimulatedCardepass,
} from '../helpers/simulatedCardepass';

const topUp = (amount: number) => ({
	resource: 'card',
	operation: 'topUp',
	cardId: 'CARD123456',
	topUpAmount: amount,
});
const TOP_UP_CALL = { method: 'POST', path: '/v1/orders/standard/topup' };
const FIVE_MINUTES = 5 * 60_000;

describe.each(REVISIONS)(
	'product rules are kept per credential for five minutes, against API v%s',
	(revision) => {
		const box = useSimulatedCardepass({ revision });

		afterEach(() => {
			jest.restoreAllMocks();
		});

		test('once the rules are known, a one-item top-up execution costs one API request', async () => {
			const first = await box.engine.run(topUp(10));
			expect(first.error).toBeUndefined();
			box.sim.clearRequests();

			const second = await box.engine.run(topUp(12));
			expect(second.error).toBeUndefined();
			expect(second.items[0]).toMatchObject({ amount: 12, status: 'Completed' });
			expect(apiCalls(box.sim)).toEqual([expect.objectContaining(TOP_UP_CALL)]);
		});

		test('rules are read again once five minutes have passed', async () => {
			await box.engine.run(topUp(10));
			const realNow = Date.now.bind(Date);
			jest.spyOn(Date, 'now').mockImplementation(() => realNow() + FIVE_MINUTES - 5_000);
			box.sim.clearRequests();
			await box.engine.run(topUp(10));
			expect(box.sim.apiRequests({ path: '/v1/products' })).toHaveLength(0);

			jest.spyOn(Date, 'now').mockImplementation(() => realNow() + FIVE_MINUTES + 1_000);
			await box.engine.run(topUp(10));
			expect(box.sim.apiRequests({ path: '/v1/products' })).toHaveLength(1);
		});
	},
);

describe('kept rules belong to the server they came from', () => {
	test("a credential edited to point at a server with stricter rules is checked against that server's rules", async () => {
		const lenient = await openSimulatedCardepass({ revision: '1.0' });
		const strict = await openSimulatedCardepass({ revision: '1.4' });
		try {
			const before = await lenient.engine.run(topUp(5));
			expect(before.error).toBeUndefined();

			lenient.engine.setCredential({ baseUrl: strict.sim.baseUrl });
			lenient.engine.clearToken();
			const after = await lenient.engine.run(topUp(5));
			expect(after.error?.message).toBe(
				'This product takes top-ups of at least 10 USD, not 5 (PROD001, Standard card in USD)',
			);
			expect(strict.sim.apiRequests({ path: '/v1/products' })).toHaveLength(1);
			expect(strict.sim.apiRequests(TOP_UP_CALL)).toHaveLength(0);
		} finally {
			await lenient.sim.close();
			await strict.sim.close();
		}
	});
});
