import { migrateToLatest } from '../db/migrate.js';
import { runCli } from './run-cli.js';

runCli(async ({ config, database }) => {
  const applied = await migrateToLatest(database);
  return applied.length === 0
    ? `The ${config.database.engine} database is up to date.`
    : `Applied ${applied.length} migration(s) to the ${config.database.engine} database: ${applied.join(', ')}`;
});
