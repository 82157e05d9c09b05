import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema as it was then */

/**
 * Each event keeps the transaction row as its step left it, so a client that reconnects is replayed the
 * states its audience would have seen, not today's state under yesterday's event.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('transaction_events').addColumn('snapshot', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('transaction_events').dropColumn('snapshot').execute();
}
