'use strict';

// The environment every n8n process of the e2e suite runs with: its own user
// folder, a fixed key, loopback only, and every outbound call n8n would make
// on its own switched off (the machine has no network besides registries).

const path = require('node:path');

const ENCRYPTION_KEY = 'n8n-e2e-fixed-encryption-key-0123456789';

// Variables from the caller's shell that would change how n8n behaves.
const INHERITED_BLOCKLIST =
	/^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE$|NODE_OPTIONS$|NODE_ENV$|NODE_FUNCTION_ALLOW_)/;

/**
 * @param {object} options
 * @param {string} options.userFolder N8N_USER_FOLDER (n8n keeps its data in <userFolder>/.n8n)
 * @param {string} options.binDir folder of the node binary n8n must run with (put first on PATH so
 *   the task runner n8n spawns uses the same Node)
 * @param {string} [options.nodeVersion] e.g. v20.20.2, of the Node that runs n8n
 * @param {string[]} [options.disabledModules] N8N_DISABLED_MODULES (names valid for that n8n line)
 * @param {number} [options.port] N8N_PORT
 * @param {number} [options.brokerPort] N8N_RUNNERS_BROKER_PORT
 * @param {string} [options.customExtensions] N8N_CUSTOM_EXTENSIONS
 * @param {NodeJS.ProcessEnv} [options.extra] added last, overrides everything
 */
function n8nEnv({
	userFolder,
	binDir,
	nodeVersion,
	disabledModules = [],
	port,
	brokerPort,
	customExtensions,
	extra = {},
}) {
	const env = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (!INHERITED_BLOCKLIST.test(name)) env[name] = value;
	}
	Object.assign(env, {
		PATH: [binDir, process.env.PATH].filter(Boolean).join(path.delimiter),
		HOME: userFolder,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		// The user folder is a fresh temp dir; don't fight over its config file mode.
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_FORMAT: 'text',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		// No telemetry, update checks, templates, banners, surveys, or AI helpers.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_PREVENT_LOADING: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_METRICS: 'false',
		N8N_DEFAULT_BINARY_DATA_MODE: 'default',
		// Lets test workflows read $env (e.g. a simulator's URL); 1.x defaults to false, 2.x to true.
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '2',
		EXECUTIONS_MODE: 'regular',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
	});
	// Late 1.123.x releases (seen in 1.123.81) evaluate expressions in isolated-vm by default; its
	// isolated-vm 6 has builds only for Node 22+, so on Node 20 n8n exits with
	// "Could not initialize the vm expression engine". The legacy engine is the
	// one older 1.x releases always used.
	if (nodeVersion && Number(/^v?(\d+)/.exec(nodeVersion)?.[1]) < 22)
		env.N8N_EXPRESSION_ENGINE = 'legacy';
	if (disabledModules.length) env.N8N_DISABLED_MODULES = disabledModules.join(',');
	if (port) env.N8N_PORT = String(port);
	if (brokerPort) env.N8N_RUNNERS_BROKER_PORT = String(brokerPort);
	if (customExtensions) env.N8N_CUSTOM_EXTENSIONS = customExtensions;
	return Object.assign(env, extra);
}

module.exports = { n8nEnv, ENCRYPTION_KEY };
