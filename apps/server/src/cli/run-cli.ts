import { ConfigError, loadConfig, type Config } from '../config.js';
import { createDatabase, type Database } from '../db/database.js';
import { loadEnvFile } from '../env-file.js';

/** The frame every command-line tool shares: read the configuration, open the database, report, exit. */
export function runCli(work: (context: { config: Config; database: Database }) => Promise<string>): void {
  loadEnvFile();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
      process.exit(1);
    }
    throw error;
  }
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
