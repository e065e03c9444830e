import { buildApp } from './app';
import { loadConfig } from './config';
import { CrmWorker } from './crm/worker';
import { openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { SyncStore } from './store';

/**
 * `npm run server`: the sync server on the embedded database (HANDOFF_DATA_DIR) or on
 * PostgreSQL (DATABASE_URL). Migrations run before it listens; SIGINT/SIGTERM close it
 * cleanly (in-flight requests finish, the embedded database is flushed and unlocked).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.HANDOFF_DATA_DIR });
  const applied = await migrate(db);
  let worker: CrmWorker | undefined;
  const store = new SyncStore(db, {
    maxClockSkewMs: config.MAX_CLOCK_SKEW_MS,
    secretKey: config.HANDOFF_SECRET_KEY,
    onCrmQueued: () => worker?.wake(),
  });
  const app = await buildApp({
    store,
    bodyLimit: config.BODY_LIMIT_BYTES,
    rateLimit:
      config.RATE_LIMIT_MAX > 0
        ? {
            max: config.RATE_LIMIT_MAX,
            windowMs: config.RATE_LIMIT_WINDOW_MS,
            authFailures: config.RATE_LIMIT_AUTH_FAILURES,
          }
        : false,
    trustProxy: config.TRUST_PROXY,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  });
  const where = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded database in ${config.HANDOFF_DATA_DIR}`;
  if (applied.length > 0) app.log.info(`Applied migrations ${applied.join(', ')}`);
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info(`Handoff sync server on ${address} (${where}); OpenAPI at ${address}/openapi.json`);
  // Writes decisions and touches to the teams' CRMs (issue 18); idle for teams without one.
  worker = new CrmWorker({ crm: store.crm, logger: app.log.child({ component: 'crm' }), pollMs: config.CRM_POLL_MS });
  worker.start();
  if (!config.HANDOFF_SECRET_KEY) app.log.info('HANDOFF_SECRET_KEY is not set: no CRM can be connected');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: closing`);
    try {
      await worker?.stop();
      await app.close();
    } finally {
      await store.close();
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
