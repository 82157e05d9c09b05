import { sql, type Kysely } from 'kysely';
import { tableBuilders } from './tables.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema as it was then, not today's types */

/**
 * Money at the counter: discount types and the discounts applied to a transaction, tips on payments, voids
 * and refunds as rows of their own (nothing money-related is edited or deleted), running totals on the
 * transaction (so every event's snapshot carries them), and a detail on each event for the audit trail.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { withId, createTable } = tableBuilders(db);

  await withId(createTable('discount_types'))
    .addColumn('name', 'varchar(120)', (col) => col.notNull())
    .addColumn('kind', 'varchar(16)', (col) => col.notNull())
    .addColumn('value', 'integer', (col) => col.notNull())
    .addColumn('requires_note', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addUniqueConstraint('discount_types_name_key', ['name'])
    .addCheckConstraint('discount_types_value_check', sql`value >= 1`)
    .execute();

  await withId(createTable('transaction_discounts'))
    .addColumn('transaction_id', 'integer', (col) => col.notNull().references('transactions.id'))
    .addColumn('discount_type_id', 'integer', (col) => col.notNull().references('discount_types.id'))
    // The type as it was when applied: a later edit of the type does not change a ticket's discount.
    .addColumn('name', 'varchar(120)', (col) => col.notNull())
    .addColumn('kind', 'varchar(16)', (col) => col.notNull())
    .addColumn('value', 'integer', (col) => col.notNull())
    .addColumn('amount', 'integer', (col) => col.notNull())
    .addColumn('note', 'varchar(200)')
    .addColumn('applied_by', 'integer', (col) => col.notNull().references('accounts.id'))
    .addColumn('applied_at', 'bigint', (col) => col.notNull())
    // The transaction versions that applied and removed it: an event's snapshot shows the discounts of its version.
    .addColumn('applied_version', 'integer', (col) => col.notNull())
    .addColumn('removed_by', 'integer', (col) => col.references('accounts.id'))
    .addColumn('removed_at', 'bigint')
    .addColumn('removed_version', 'integer')
    // Equal to discount_type_id while applied, null once removed: one active discount of each type per ticket.
    .addColumn('active_discount_type_id', 'integer')
    .addUniqueConstraint('transaction_discounts_active_key', ['transaction_id', 'active_discount_type_id'])
    .addCheckConstraint('transaction_discounts_amount_check', sql`amount >= 0`)
    .execute();

  await db.schema
    .alterTable('transactions')
    .addColumn('discount_amount', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('transactions')
    .addColumn('tip_amount', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('transactions')
    .addColumn('amount_refunded', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();

  await db.schema
    .alterTable('payments')
    .addColumn('tip_amount', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();

  // A void reverses one payment (its amount and tip) as a row of its own; unique: a payment is voided once.
  await withId(createTable('payment_voids'))
    .addColumn('payment_id', 'integer', (col) => col.notNull().unique().references('payments.id'))
    .addColumn('transaction_id', 'integer', (col) => col.notNull().references('transactions.id'))
    .addColumn('amount', 'integer', (col) => col.notNull())
    .addColumn('tip_amount', 'integer', (col) => col.notNull())
    .addColumn('reason', 'varchar(500)', (col) => col.notNull())
    .addColumn('voided_by', 'integer', (col) => col.notNull().references('accounts.id'))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('payment_voids_transaction_idx').on('payment_voids').column('transaction_id').execute();
  await db.schema.createIndex('payment_voids_created_at_idx').on('payment_voids').column('created_at').execute();

  await withId(createTable('refunds'))
    .addColumn('transaction_id', 'integer', (col) => col.notNull().references('transactions.id'))
    .addColumn('amount', 'integer', (col) => col.notNull())
    .addColumn('method', 'varchar(16)', (col) => col.notNull())
    .addColumn('reason', 'varchar(500)', (col) => col.notNull())
    .addColumn('refunded_by', 'integer', (col) => col.notNull().references('accounts.id'))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addCheckConstraint('refunds_amount_check', sql`amount > 0`)
    .execute();
  await db.schema.createIndex('refunds_transaction_idx').on('refunds').column('transaction_id').execute();
  await db.schema.createIndex('refunds_created_at_idx').on('refunds').column('created_at').execute();

  // What a step did beyond its status, as JSON (a payment's method and amount, a void's reason, …).
  await db.schema.alterTable('transaction_events').addColumn('detail', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('transaction_events').dropColumn('detail').execute();
  await db.schema.dropTable('refunds').execute();
  await db.schema.dropTable('payment_voids').execute();
  await db.schema.alterTable('payments').dropColumn('tip_amount').execute();
  for (const column of ['amount_refunded', 'tip_amount', 'discount_amount']) {
    await db.schema.alterTable('transactions').dropColumn(column).execute();
  }
  await db.schema.dropTable('transaction_discounts').execute();
  await db.schema.dropTable('discount_types').execute();
}
