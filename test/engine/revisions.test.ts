import axios from 'axios';

import { limitOffsetQuery, pageNumberQuery } from '../../nodes/Cardepass/shared/paging';
import { REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';
import type { Simulator } from '../helpers/simulatedCardepass';

/** A client that speaks only one revision: the simulator must make it fail on the other. */
async function client(sim: Simulator) {
	const token = await axios.post(
		`${sim.baseUrl}/connect/token`,
		new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: 'sandbox-client',
			client_secret: 'sandbox-secret',
			scope: 'openapi',
		}),
	);
	return axios.create({
		baseURL: sim.baseUrl,
		headers: { Authorization: `Bearer ${token.data.access_token}` },
		validateStatus: () => true,
	});
}

const pageIds = (answer: {
	data: { data: { data?: Array<{ id: string }>; items?: Array<{ id: string }> } };
}) => (answer.data.data.data ?? answer.data.data.items ?? []).map((record) => record.id);

describe('one node for both revisions; a client of one revision fails on the other', () => {
	describe.each(REVISIONS)('simulator in revision %s', (revision) => {
		const box = useSimulatedCardepass({ revision });
		const other = revision === '1.0' ? '1.4' : '1.0';

		test(`page 2 asked for in ${other} names only comes back as page 1 (the names are ignored)`, async () => {
			box.sim.addCardLogs('CARD123456', 30);
			const api = await client(box.sim);
			const foreign =
				other === '1.0' ? { PageNumber: 2, PageSize: 10 } : { pageIndex: 2, pageSize: 10 };
			const first = await api.get('/v1/accounts/cardAccountLogs', { params: { PageSize: 10 } });
			const second = await api.get('/v1/accounts/cardAccountLogs', { params: foreign });
			expect(pageIds(second)).toEqual(pageIds(first));
		});

		test("the node's page query reaches page 2 on this revision", async () => {
			box.sim.addCardLogs('CARD123456', 30);
			box.sim.addAccountLogs(30);
			const api = await client(box.sim);
			const card1 = pageIds(
				await api.get('/v1/accounts/cardAccountLogs', { params: pageNumberQuery(1, 10) }),
			);
			const card2 = pageIds(
				await api.get('/v1/accounts/cardAccountLogs', { params: pageNumberQuery(2, 10) }),
			);
			const account1 = pageIds(
				await api.get('/v1/accounts/accountLogs', { params: limitOffsetQuery(1, 10) }),
			);
			const account2 = pageIds(
				await api.get('/v1/accounts/accountLogs', { params: limitOffsetQuery(2, 10) }),
			);
			expect([card1.length, card2.length, account1.length, account2.length]).toEqual([
				10, 10, 10, 10,
			]);
			expect(card2.filter((id) => card1.includes(id))).toEqual([]);
			expect(account2.filter((id) => account1.includes(id))).toEqual([]);
		});
	});

	describe('simulator in revision 1.4', () => {
		const box = useSimulatedCardepass({ revision: '1.4' });

		test('an order query without an order type, as v1.0 allowed, is refused', async () => {
			const api = await client(box.sim);
			const answer = await api.get('/v1/orders/standard', { params: { OrderNo: 'ORD1' } });
			expect(answer.status).toBe(400);
			expect(answer.data).toMatchObject({
				hasError: true,
				errorMessage: expect.stringMatching(/orderType/i),
			});
		});

		test('a share-balance card without a total limit, as v1.0 allowed, is refused', async () => {
			const api = await client(box.sim);
			const answer = await api.post('/v1/orders/sharebalance/apply', {
				productCode: 'PROD001',
				cardCurrency: 'USD',
				maxAuthAmount: 100,
			});
			expect(answer.data).toMatchObject({
				hasError: true,
				errorMessage: expect.stringMatching(/maxCreditAmount/),
			});
		});
	});

	describe('simulator in revision 1.0', () => {
		const box = useSimulatedCardepass({ revision: '1.0' });

		test('the v1.4 transactions endpoint does not exist', async () => {
			const api = await client(box.sim);
			const answer = await api.get('/v1/transactions', {
				params: {
					transactionDateFrom: '2025-01-01T00:00:00Z',
					transactionDateTo: '2025-02-01T00:00:00Z',
				},
			});
			expect(answer.status).toBe(404);
		});
	});
});
