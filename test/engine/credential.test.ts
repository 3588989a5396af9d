import { cardepassBaseUrl } from '../../dist/credentials/CardepassOAuth2Api.credentials';
import { CardepassEngine, loadPackage } from '../helpers/engine';

const ENVIRONMENTS = [
	{ environment: 'production', baseUrl: '', expected: 'https://cardepass.com/openapi' },
	{ environment: 'test', baseUrl: '', expected: 'https://test.cardepass.com/openapi' },
	{
		environment: 'custom',
		baseUrl: ' http://127.0.0.1:4010/openapi/ ',
		expected: 'http://127.0.0.1:4010/openapi',
	},
	{
		environment: 'custom',
		baseUrl: ' http://127.0.0.1:4010/ ',
		expected: 'http://127.0.0.1:4010/openapi',
	},
	{
		environment: 'custom',
		baseUrl: 'https://gateway.example.com/cardepass/openapi',
		expected: 'https://gateway.example.com/cardepass/openapi',
	},
];

describe('the Cardepass OAuth2 API credential', () => {
	test.each(ENVIRONMENTS)(
		'$environment: the node and Save & test call $expected and the token comes from its /connect/token',
		async ({ environment, baseUrl, expected }) => {
			const engine = await CardepassEngine.create({ baseUrl });
			engine.setCredential({ environment });
			const credential = await engine.decryptedCredential();
			expect(credential).toMatchObject({
				grantType: 'clientCredentials',
				scope: 'openapi',
				authentication: 'body',
				accessTokenUrl: `${expected}/connect/token`,
			});
			// The node reads its base URL from the decrypted credential once per run; Save & test pings through the credential's own expression.
			expect(cardepassBaseUrl(credential)).toBe(expected);
			const { credentialType } = await loadPackage();
			expect(
				await engine.evaluateWithCredential(String(credentialType.test?.request.baseURL)),
			).toBe(expected);
		},
	);

	test('Base URL is asked for only with Custom, the secret is a password field, Save & test pings', async () => {
		const { credentialType } = await loadPackage();
		const baseUrl = credentialType.properties.find((property) => property.name === 'baseUrl');
		expect(baseUrl?.displayOptions?.show?.environment).toEqual(['custom']);
		expect(
			credentialType.properties.find((property) => property.name === 'clientSecret')?.typeOptions
				?.password,
		).toBe(true);
		expect(credentialType.test?.request).toMatchObject({ method: 'GET', url: '/v1/ping' });
	});
});
