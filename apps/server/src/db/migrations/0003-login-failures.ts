import type { Kysely } from 'kysely';
import { tableBuilders } from './tables.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema as it was then, not today's types */

/**
 * Failed sign-ins, kept in the database so that the limit (5 per user and address in 15 minutes) holds for
 * the whole shop, not per app node. Rows older than the window are swept.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { withId, createTable } = tableBuilders(db);
  await withId(createTable('login_failures'))
    .addColumn('username_key', 'varchar(64)', (col) => col.notNull())
    .addColumn('address', 'varchar(64)', (col) => col.notNull())
    .addColumn('failed_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('login_failures_who_when_idx')
    .on('login_failures')
    .columns(['username_key', 'address', 'failed_at'])
    .execute();
  await db.schema.createIndex('login_failures_failed_at_idx').on('login_failures').column('failed_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_failures').execute();
}
