import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { ChangeFeed, RevocationFeed } from './realtime/changes.js';

/** What every service is built with. */
export type ServiceContext = {
  config: Config;
  database: Database;
  clock: Clock;
  changes: ChangeFeed;
  revocations: RevocationFeed;
};
