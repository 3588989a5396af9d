/**
 * n8n-core starts a clean-up timer for SSH tunnels the first time a node runs, and stops it only when the
 * process exits. Stop it after each test file so jest exits and nothing is left running.
 */
afterAll(() => {
	const loaded = Object.keys(require.cache).some((file) => file.includes('ssh-clients-manager'));
	if (!loaded) return;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Container } = require('@n8n/di') as typeof import('@n8n/di');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager') as {
		SSHClientsManager: new () => { onShutdown(): void };
	};
	Container.get(SSHClientsManager).onShutdown();
});
