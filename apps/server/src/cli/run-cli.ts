import type { Config } from '../config.js';
import { createDatabase, type Database } from '../db/database.js';
import { loadConfigOrExit } from '../startup-config.js';

/** The frame every command-line tool shares: read the configuration, open the database, report, exit. */
export function runCli(work: (context: { config: Config; database: Database }) => Promise<string>): void {
  const config = loadConfigOrExit();
  const database = createDatabase(config.database, { poolSize: 2 });
  work({ config, database })
    .then(async (message) => {
      await database.db.destroy();
      process.stdout.write(`${message}\n`);
    })
    .catch(async (error: unknown) => {
      await database.db.destroy().catch(() => undefined);
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
