'use strict';

// The Cardepass simulator as the e2e tests use it: the credential n8n gets for
// it, and direct calls that prepare its state without going through n8n.

const { startSimulator, seed } = require('../simulator');
const { CREDENTIAL_TYPE } = require('./workflow-builder');

/** Credential JSON for `n8n import:credentials`: the client of one simulator. */
function simulatorCredential(id, name, sim, { clientSecret = sim.clientSecret } = {}) {
	return {
		id,
		name,
		type: CREDENTIAL_TYPE,
		data: { environment: 'custom', baseUrl: sim.baseUrl, clientId: sim.clientId, clientSecret },
	};
}

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
	if (!response.ok)
		throw new Error(`simulator token: HTTP ${response.status} ${JSON.stringify(body)}`);
	return body.access_token;
}

/** Tops cards up straight at the simulator, e.g. to write fund logs at a chosen simulator time. */
async function directTopUps(sim, orders) {
	const token = await directToken(sim);
	for (const order of orders) {
		const response = await fetch(`${sim.baseUrl}/v1/orders/standard/topup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify(order),
		});
		const body = await response.json();
		if (!response.ok || body.hasError)
			throw new Error(
				`simulator top-up ${order.customerOrderNo}: HTTP ${response.status} ${JSON.stringify(body)}`,
			);
	}
}

module.exports = { startSimulator, seed, simulatorCredential, directToken, directTopUps };
