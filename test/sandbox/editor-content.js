'use strict';

// Creates the sandbox's credential and workflows through n8n's editor REST API
// as the owner, the way the editor itself saves them. (The CLI imports cost a
// whole n8n start-up each, ~5 s apiece on 2.x; these calls take milliseconds.)

async function call(n8n, method, urlPath, body) {
	const response = await n8n.rest(method, urlPath, body);
	if (!response.ok)
		throw new Error(
			`${method} ${urlPath} answered ${response.status}: ${response.text.slice(0, 500)}`,
		);
	return response.data;
}

/** @returns {Promise<{ id: string, name: string, type: string }>} */
async function createCredential(n8n, { name, type, data }) {
	const saved = await call(n8n, 'POST', '/rest/credentials', { name, type, data });
	return { id: String(saved.id), name: saved.name, type: saved.type };
}

/** @returns {Promise<string>} the id n8n kept (the one asked for on both lines seen so far) */
async function createWorkflow(n8n, workflow) {
	const saved = await call(n8n, 'POST', '/rest/workflows', { ...workflow, active: false });
	return String(saved.id);
}

/** What n8n's own credential test says (the one the editor runs when it opens or saves a credential). */
async function testCredential(n8n, { id, name, type, data }) {
	return await call(n8n, 'POST', '/rest/credentials/test', {
		credentials: { id, name, type, data },
	});
}

module.exports = { createCredential, createWorkflow, testCredential };
