import { systemClock } from '../clock.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedDemoData } from '../db/seed.js';
import { runCli } from './run-cli.js';

runCli(async ({ config, database }) => {
  if (config.nodeEnv === 'production') {
    throw new Error(
      'Refusing to load demo data with NODE_ENV=production. Create the first admin with `npm run admin:create`.',
    );
  }
  await migrateToLatest(database);
  const { inserted } = await seedDemoData(database, systemClock.now());
  return inserted === 0
    ? 'The demo data is already there; nothing changed.'
    : `Loaded the demo data (${inserted} rows). Demo sign-ins use the password "password123".`;
});
