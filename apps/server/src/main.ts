import { buildApp } from './app.js';
import { systemClock } from './clock.js';
import type { Config } from './config.js';
import { createDatabase } from './db/database.js';
import { DEMO_PASSWORD, DEMO_STAFF } from './db/demo-data.js';
import { migrateToLatest } from './db/migrate.js';
import { seedIfEmpty } from './db/seed.js';
import { loadConfigOrExit } from './startup-config.js';

function startupBanner(config: Config, url: string, seeded: boolean): string {
  const lines = [
    '',
    `SpaFlow is running on ${config.database.engine}: ${url}`,
    `  kiosk       ${url}/kiosk`,
    `  therapist   ${url}/therapist`,
    `  cashier     ${url}/cashier`,
    `  monitor     ${url}/monitor`,
    `  admin       ${url}/admin`,
    `  call board  ${url}/board  (the waiting area's TV; no sign-in)`,
    `  catalogue   ${url}/api/catalog`,
    `  API docs    ${url}/docs`,
    `  real time   ${url.replace(/^http/, 'ws')}/socket.io  (Socket.IO; ${config.redisUrl ? 'Redis adapter: events cross nodes' : 'single node'})`,
    `  health      ${url}/healthz   ${url}/readyz`,
  ];
  if (config.seedDemoData) {
    lines.push(
      '',
      `Demo sign-ins (password "${DEMO_PASSWORD}"; for the demo only, never for a real shop):`,
      `  ${DEMO_STAFF.map((staff) => staff.username).join(', ')}`,
    );
    if (seeded) lines.push('  (demo data loaded into the new database just now)');
  }
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();

  const database = createDatabase(config.database);
  await migrateToLatest(database);
  const seeded = config.seedDemoData ? await seedIfEmpty(database, systemClock.now()) : null;

  const app = await buildApp({ config, database });
  const close = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.stdout.write(startupBanner(config, `http://localhost:${port}`, seeded !== null));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `SpaFlow failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
