import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from './config.js';

/** Reads `.env` from the working directory when there is one; variables already set win. */
export function loadEnvFile(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** The start of every entry point (server and CLI): `.env`, then the validated configuration, or a clear exit. */
export function loadConfigOrExit(): Config {
  loadEnvFile();
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
      process.exit(1);
    }
    throw error;
  }
}
