/** Account → Check Connection: whether Cardepass answers with the credential, as data a monitoring workflow can branch on. */
import { REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

const CHECK = { resource: 'account', operation: 'checkConnection' };

describe.each(REVISIONS)('Account → Check Connection, against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision });

	test('Cardepass answers: connected, with the responseId to quote to support', async () => {
		const { items, error } = await box.engine.run(CHECK);
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				connected: true,
				responseId: expect.stringMatching(/^[0-9a-f-]{36}$/),
				milliseconds: expect.any(Number),
				error: null,
			},
		]);
		expect(box.sim.apiRequests({ path: '/v1/ping' })).toHaveLength(1);
	});

	test('Cardepass refuses the credential: not connected, as output rather than a failed run', async () => {
		box.engine.setCredential({ clientSecret: 'wrong-secret' });
		box.engine.clearToken();
		const { items, error } = await box.engine.run(CHECK);
		expect(error).toBeUndefined();
		expect(items[0]).toMatchObject({
			connected: false,
			error: { message: expect.stringMatching(/access token/) },
		});
		expect(JSON.stringify(items)).not.toContain('wrong-secret');
	});

	test('Cardepass is down: not connected, with the HTTP status', async () => {
		box.sim.inject({ match: { path: '/v1/ping' }, kind: 'status', status: 503, times: 3 });
		const { items } = await box.engine.run({ ...CHECK, options: { retries: 0 } });
		expect(items[0]).toMatchObject({ connected: false, error: { httpCode: '503' } });
	});
});
