import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

const ENVIRONMENT_BASE_URLS = {
	production: 'https://cardepass.com/openapi',
	test: 'https://test.cardepass.com/openapi',
};

/** The path every Cardepass API root ends in; a Base URL of a bare host gets it added. */
const API_PATH = '/openapi';

/** The API root for the chosen environment as an n8n expression over `$credentials` or `$self`. */
function baseUrlExpression(source: '$credentials' | '$self'): string {
	const custom = `String(${source}.baseUrl).trim().replace(/\\/+$/, "").replace(/^([a-z][a-z0-9+.-]*:\\/\\/[^\\/?#]+)$/i, "$1${API_PATH}")`;
	return `(${source}.environment === "custom" ? ${custom} : ${source}.environment === "test" ? "${ENVIRONMENT_BASE_URLS.test}" : "${ENVIRONMENT_BASE_URLS.production}")`;
}

/** Where the node sends its requests; the token URL derives from the same root. */
export const CARDEPASS_BASE_URL_EXPRESSION = `={{ ${baseUrlExpression('$credentials')} }}`;

/** The same root, for code that holds the decrypted credential (dropdown loaders). */
export function cardepassBaseUrl(credentials: {
	environment?: unknown;
	baseUrl?: unknown;
}): string {
	if (credentials.environment === 'custom')
		return String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '')
			.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#]+)$/i, `$1${API_PATH}`);
	return credentials.environment === 'test'
		? ENVIRONMENT_BASE_URLS.test
		: ENVIRONMENT_BASE_URLS.production;
}

export class CardepassOAuth2Api implements ICredentialType {
	name = 'cardepassOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Cardepass OAuth2 API';

	icon: Icon = { light: 'file:cardepass.svg', dark: 'file:cardepass.dark.svg' };

	documentationUrl = 'https://github.com/cardepass/n8n-nodes-cardepass#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: 'Real cards and real money (https://cardepass.com/openapi)',
				},
				{
					name: 'Test',
					value: 'test',
					description: "The provider's test environment (https://test.cardepass.com/openapi)",
				},
				{
					name: 'Custom',
					value: 'custom',
					description: 'Any other base URL, such as the local Cardepass sandbox',
				},
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:4010/openapi',
			description:
				'The API root, which ends in /openapi; for an address without a path, such as http://127.0.0.1:4010, the node adds /openapi. The token is requested from {Base URL}/connect/token.',
			hint: 'A bare host gets /openapi added. If Save shows "Expected JSON response from OAuth2 token endpoint … Not Found", this Base URL is not a Cardepass API root: check its path.',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The client ID Cardepass issued to your account',
			// n8n shows the fields of its OAuth2 credential (Client ID, Client Secret) before this credential's own.
			hint: 'Cardepass issues it for one environment: choose Production, Test or Custom under Environment below',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The client secret Cardepass issued with the client ID',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'clientCredentials',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ ${baseUrlExpression('$self')} + "/connect/token" }}`,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: 'openapi',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// The provider reads client_id and client_secret from the form body, not a Basic header.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		// Fields of n8n's generic OAuth2 credential that mean nothing for Cardepass stay out of the dialog.
		{
			displayName: 'Send Additional Body Properties',
			name: 'sendAdditionalBodyProperties',
			type: 'hidden',
			default: false,
		},
		{
			displayName: 'Additional Body Properties',
			name: 'additionalBodyProperties',
			type: 'hidden',
			default: '',
		},
		{ displayName: 'Ignore SSL Issues', name: 'ignoreSSLIssues', type: 'hidden', default: false },
		{
			displayName: 'Token Expired Status Code',
			name: 'tokenExpiredStatusCode',
			type: 'hidden',
			// Not a secret; the community lint rule flags every field whose name holds "token".
			typeOptions: { password: true },
			default: 401,
		},
		{ displayName: 'Enable JWE', name: 'jweEnabled', type: 'hidden', default: false },
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: CARDEPASS_BASE_URL_EXPRESSION,
			url: '/v1/ping',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'hasError',
					value: true,
					message:
						'Cardepass answered the ping with an error: check the environment, client ID and client secret',
				},
			},
		],
	};
}
