'use strict';

/** A token for the simulator's sandbox client, fetched outside n8n (for set-up calls). */
async function directToken(sim) {
	const response = await fetch(`${sim.baseUrl}/connect/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: sim.clientId,
			client_secret: sim.clientSecret,
			scope: 'openapi',
		}),
	});
	const body = await response.json();
	if (!response.ok) throw new Error(`sandbox token: HTTP ${response.status} ${body.error ?? ''}`);
	return body.access_token;
}

module.exports = { directToken };
