import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { buildApp } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import type { Config } from '../../src/config.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { seedDemoData } from '../../src/db/seed.js';
import { ManualClock } from './clock.js';
import { testConfig } from './config.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { ApiClient } from './http.js';
import type { DatabaseEngine } from '../../src/config.js';

export type TestApp = {
  app: FastifyInstance;
  api: ApiClient;
  clock: ManualClock;
  testDb: TestDatabase;
  close(): Promise<void>;
};

/** Listens on a free port so tests speak real HTTP to the same app main.ts serves. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

/** A migrated database of its own with the demo shop, and the app serving it. */
export async function startTestApp(
  engine: DatabaseEngine,
  options: { clock?: ManualClock; config?: Partial<Config>; logStream?: DestinationStream; seed?: boolean } = {},
): Promise<TestApp> {
  const clock = options.clock ?? new ManualClock();
  const testDb = await createTestDatabase(engine);
  await migrateToLatest(testDb.database);
  if (options.seed !== false) await seedDemoData(testDb.database, clock.now());
  const app = await buildApp({
    config: testConfig(testDb.target, options.config),
    database: testDb.database,
    clock: clock satisfies Clock,
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  const api = new ApiClient(await listen(app));
  return {
    app,
    api,
    clock,
    testDb,
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
}

/** Another app node on the same database (its own connection pool), as a second server behind a load balancer. */
export async function startPeerNode(
  t: TestApp,
  config: Partial<Config> = {},
): Promise<{ app: FastifyInstance; api: ApiClient; close(): Promise<void> }> {
  const app = await buildApp({
    config: testConfig(t.testDb.target, config),
    database: t.testDb.connect(),
    clock: t.clock,
  });
  const api = new ApiClient(await listen(app));
  return { app, api, close: () => app.close() };
}
