import { sql, type Kysely } from 'kysely';
import { tableBuilders } from './tables.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema as it was then, not today's types */

/**
 * Cash-up and earnings. A drawer is a cashier's till from opening float to counted close; every cash payment
 * records the drawer it went into. `open_cashier_id` equals `cashier_id` while the drawer is open and is null
 * once closed: unique, so one open drawer per cashier is a database fact. A cash refund records the drawer it
 * was paid from. Commission is a whole percent of
 * net sales, per service, with an optional override per therapist.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { withId, createTable } = tableBuilders(db);
  await withId(createTable('drawers'))
    .addColumn('cashier_id', 'integer', (col) => col.notNull().references('accounts.id'))
    .addColumn('open_cashier_id', 'integer', (col) => col.unique().references('accounts.id'))
    .addColumn('counter', 'varchar(16)')
    .addColumn('opening_float', 'integer', (col) => col.notNull())
    .addColumn('opened_at', 'bigint', (col) => col.notNull())
    .addColumn('closed_at', 'bigint')
    .addColumn('counted_cash', 'integer')
    .addColumn('note', 'varchar(500)')
    .addCheckConstraint(
      'drawers_amounts_check',
      sql`opening_float >= 0 and (counted_cash is null or counted_cash >= 0)`,
    )
    .execute();
  await db.schema.createIndex('drawers_opened_at_idx').on('drawers').column('opened_at').execute();
  await db.schema.createIndex('drawers_cashier_idx').on('drawers').columns(['cashier_id', 'opened_at']).execute();

  await db.schema
    .alterTable('payments')
    .addColumn('drawer_id', 'integer', (col) => col.references('drawers.id'))
    .execute();
  await db.schema.createIndex('payments_drawer_idx').on('payments').column('drawer_id').execute();
  await db.schema
    .alterTable('refunds')
    .addColumn('drawer_id', 'integer', (col) => col.references('drawers.id'))
    .execute();
  await db.schema.createIndex('refunds_drawer_idx').on('refunds').column('drawer_id').execute();

  await db.schema
    .alterTable('services')
    .addColumn('commission_percent', 'integer', (col) =>
      col
        .notNull()
        .defaultTo(0)
        .check(sql`commission_percent between 0 and 100`),
    )
    .execute();
  await db.schema
    .alterTable('therapists')
    .addColumn('commission_percent', 'integer', (col) => col.check(sql`commission_percent between 0 and 100`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('therapists').dropColumn('commission_percent').execute();
  await db.schema.alterTable('services').dropColumn('commission_percent').execute();
  await db.schema.dropIndex('refunds_drawer_idx').on('refunds').execute();
  await db.schema.alterTable('refunds').dropColumn('drawer_id').execute();
  await db.schema.dropIndex('payments_drawer_idx').on('payments').execute();
  await db.schema.alterTable('payments').dropColumn('drawer_id').execute();
  await db.schema.dropTable('drawers').execute();
}
