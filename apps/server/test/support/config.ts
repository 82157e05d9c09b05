import { loadConfig, type Config } from '../../src/config.js';
import type { DatabaseTarget } from '../../src/config.js';

/** The configuration the tests run with: defaults, quiet logs, the given database. */
export function testConfig(database: DatabaseTarget, overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database, ...overrides };
}
