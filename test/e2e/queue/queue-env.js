'use strict';

// What makes an n8n process part of one queue-mode installation: the shared
// PostgreSQL and Redis. Main and workers get the same (as n8n's docs ask;
// the encryption key is shared through n8n-env.js).

// A worker that dies holds its job's lock until the lock expires; Bull then
// finds the job stalled. n8n's defaults (60 s lock, checked every 30 s) make
// a crash take up to a minute and a half to show; these keep it shorter. The lock must still
// outlast a busy worker's slowest renewal, or a live worker's job is taken
// for stalled.
const LOCK_DURATION_MS = 20_000;
const LOCK_RENEW_MS = 5000;
const STALLED_INTERVAL_MS = 5000;

/**
 * @param {{ postgres: { host: string, port: number, user: string, database: string }, redis: { host: string, port: number } }} services
 */
function queueEnv({ postgres, redis }) {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		QUEUE_WORKER_LOCK_DURATION: String(LOCK_DURATION_MS),
		QUEUE_WORKER_LOCK_RENEW_TIME: String(LOCK_RENEW_MS),
		QUEUE_WORKER_STALLED_INTERVAL: String(STALLED_INTERVAL_MS),
	};
}

module.exports = { queueEnv, LOCK_DURATION_MS, STALLED_INTERVAL_MS };
