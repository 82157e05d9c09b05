import type { Kysely } from 'kysely';
import { tableBuilders } from './tables.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema as it was then, not today's types */

/**
 * The front line: call-outs for the public board (each claim and recall, with where the customer goes),
 * one-time hand-off codes that move a ticket to the customer's phone (only their hash is kept), and the
 * customer tokens those hand-offs issue (a transaction's first token stays on the transaction row).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { withId, createTable } = tableBuilders(db);

  await withId(createTable('call_outs'))
    .addColumn('transaction_id', 'integer', (col) => col.notNull().references('transactions.id'))
    .addColumn('seq', 'integer', (col) => col.notNull().unique().references('transaction_events.id'))
    .addColumn('reason', 'varchar(16)', (col) => col.notNull())
    .addColumn('destination_kind', 'varchar(16)', (col) => col.notNull())
    .addColumn('destination_name', 'varchar(60)', (col) => col.notNull())
    .addColumn('business_date', 'char(10)', (col) => col.notNull())
    .addColumn('called_at', 'bigint', (col) => col.notNull())
    .execute();
  // The board reads the day's newest call-outs; a recall checks the transaction's last one.
  await db.schema.createIndex('call_outs_day_idx').on('call_outs').columns(['business_date', 'called_at']).execute();
  await db.schema
    .createIndex('call_outs_transaction_idx')
    .on('call_outs')
    .columns(['transaction_id', 'reason', 'called_at'])
    .execute();

  await withId(createTable('handoff_codes'))
    .addColumn('transaction_id', 'integer', (col) => col.notNull().references('transactions.id'))
    .addColumn('code_hash', 'char(64)', (col) => col.notNull().unique())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('redeemed_at', 'bigint')
    .execute();
  await db.schema.createIndex('handoff_codes_transaction_idx').on('handoff_codes').column('transaction_id').execute();

  await withId(createTable('customer_tokens'))
    .addColumn('transaction_id', 'integer', (col) => col.notNull().references('transactions.id'))
    .addColumn('token_hash', 'char(64)', (col) => col.notNull().unique())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['customer_tokens', 'handoff_codes', 'call_outs']) await db.schema.dropTable(table).execute();
}
