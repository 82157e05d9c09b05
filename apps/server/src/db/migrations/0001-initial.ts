import { sql, type Kysely } from 'kysely';
import { tableBuilders } from './tables.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema as it was then, not today's types */

/** The whole first data model: the ten entities of the seed plus accounts, sessions, events, idempotency. */
export async function up(db: Kysely<any>): Promise<void> {
  const { withId, createTable } = tableBuilders(db);

  await withId(createTable('accounts'))
    .addColumn('username', 'varchar(64)', (col) => col.notNull().unique())
    .addColumn('password_hash', 'varchar(255)', (col) => col.notNull())
    .addColumn('role', 'varchar(16)', (col) => col.notNull())
    .addColumn('display_name', 'varchar(120)', (col) => col.notNull())
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();

  await withId(createTable('sessions'))
    .addColumn('account_id', 'integer', (col) => col.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('token_hash', 'char(64)', (col) => col.notNull().unique())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('sessions_account_idx').on('sessions').column('account_id').execute();

  await withId(createTable('rooms'))
    .addColumn('name', 'varchar(60)', (col) => col.notNull().unique())
    .addColumn('status', 'varchar(16)', (col) => col.notNull().defaultTo('available'))
    .addColumn('out_of_service', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();

  await createTable('therapists')
    .addColumn('account_id', 'integer', (col) =>
      col.primaryKey().notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('home_room_id', 'integer', (col) => col.references('rooms.id').onDelete('set null'))
    .addColumn('status', 'varchar(16)', (col) => col.notNull().defaultTo('available'))
    .execute();

  await createTable('cashiers')
    .addColumn('account_id', 'integer', (col) =>
      col.primaryKey().notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('counter', 'varchar(16)')
    .execute();

  await withId(createTable('service_categories'))
    .addColumn('name', 'varchar(120)', (col) => col.notNull())
    .addColumn('description', 'varchar(1000)', (col) => col.notNull().defaultTo(''))
    .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addUniqueConstraint('service_categories_name_key', ['name'])
    .execute();

  await withId(createTable('services'))
    .addColumn('category_id', 'integer', (col) => col.notNull().references('service_categories.id'))
    .addColumn('name', 'varchar(120)', (col) => col.notNull())
    .addColumn('description', 'varchar(1000)', (col) => col.notNull().defaultTo(''))
    .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addUniqueConstraint('services_category_name_key', ['category_id', 'name'])
    .execute();

  await withId(createTable('service_classifications'))
    .addColumn('service_id', 'integer', (col) => col.notNull().references('services.id'))
    .addColumn('name', 'varchar(120)', (col) => col.notNull())
    .addColumn('duration_minutes', 'integer', (col) => col.notNull())
    .addColumn('price', 'integer', (col) => col.notNull())
    .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addUniqueConstraint('service_classifications_service_name_key', ['service_id', 'name'])
    .addCheckConstraint('service_classifications_price_check', sql`price >= 0`)
    .addCheckConstraint('service_classifications_duration_check', sql`duration_minutes > 0`)
    .execute();

  await withId(createTable('transactions'))
    .addColumn('code', 'varchar(12)')
    .addColumn('business_date', 'char(10)')
    .addColumn('status', 'varchar(24)', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('priority', 'varchar(16)')
    .addColumn('queue_rank', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('customer_token_hash', 'char(64)', (col) => col.notNull().unique())
    .addColumn('customer_token_expires_at', 'bigint', (col) => col.notNull())
    .addColumn('total_amount', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('total_duration_minutes', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('amount_paid', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('therapist_id', 'integer', (col) => col.references('accounts.id'))
    .addColumn('room_id', 'integer', (col) => col.references('rooms.id'))
    .addColumn('cashier_id', 'integer', (col) => col.references('accounts.id'))
    .addColumn('active_therapist_id', 'integer', (col) => col.unique().references('accounts.id'))
    .addColumn('active_cashier_id', 'integer', (col) => col.unique().references('accounts.id'))
    .addColumn('cancel_reason', 'varchar(24)')
    .addColumn('cancel_note', 'varchar(500)')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addColumn('selection_confirmed_at', 'bigint')
    .addColumn('therapist_confirmed_at', 'bigint')
    .addColumn('service_start_at', 'bigint')
    .addColumn('service_finish_at', 'bigint')
    .addColumn('cashier_claimed_at', 'bigint')
    .addColumn('paid_at', 'bigint')
    .addColumn('cancelled_at', 'bigint')
    .addUniqueConstraint('transactions_business_date_code_key', ['business_date', 'code'])
    .addCheckConstraint('transactions_amounts_check', sql`total_amount >= 0 and amount_paid >= 0`)
    .execute();
  // The therapist queue: priority first, then confirm time; claim-next walks this index.
  await db.schema
    .createIndex('transactions_therapist_queue_idx')
    .on('transactions')
    .columns(['status', 'queue_rank', 'selection_confirmed_at', 'id'])
    .execute();
  // The cashier queue: FIFO by finish time.
  await db.schema
    .createIndex('transactions_cashier_queue_idx')
    .on('transactions')
    .columns(['status', 'service_finish_at', 'id'])
    .execute();
  // The idle-selection sweeper and "today" figures.
  await db.schema
    .createIndex('transactions_status_updated_idx')
    .on('transactions')
    .columns(['status', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('transactions_therapist_idx')
    .on('transactions')
    .columns(['therapist_id', 'id'])
    .execute();
  await db.schema.createIndex('transactions_cashier_idx').on('transactions').columns(['cashier_id', 'id']).execute();
  await db.schema.createIndex('transactions_paid_at_idx').on('transactions').column('paid_at').execute();

  await withId(createTable('transaction_items'))
    .addColumn('transaction_id', 'integer', (col) => col.notNull().references('transactions.id').onDelete('cascade'))
    .addColumn('classification_id', 'integer', (col) => col.notNull().references('service_classifications.id'))
    .addColumn('service_name', 'varchar(120)', (col) => col.notNull())
    .addColumn('classification_name', 'varchar(120)', (col) => col.notNull())
    .addColumn('duration_minutes', 'integer', (col) => col.notNull())
    .addColumn('unit_price', 'integer', (col) => col.notNull())
    .addColumn('quantity', 'integer', (col) => col.notNull())
    .addColumn('line_total', 'integer', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addCheckConstraint('transaction_items_quantity_check', sql`quantity between 1 and 10`)
    .execute();
  await db.schema
    .createIndex('transaction_items_transaction_idx')
    .on('transaction_items')
    .columns(['transaction_id', 'position'])
    .execute();

  await createTable('transaction_counters')
    .addColumn('business_date', 'char(10)', (col) => col.primaryKey().notNull())
    .addColumn('last_value', 'integer', (col) => col.notNull())
    .execute();

  await withId(createTable('payments'))
    .addColumn('transaction_id', 'integer', (col) => col.notNull().references('transactions.id'))
    .addColumn('cashier_id', 'integer', (col) => col.notNull().references('accounts.id'))
    .addColumn('method', 'varchar(16)', (col) => col.notNull())
    .addColumn('amount', 'integer', (col) => col.notNull())
    .addColumn('tendered', 'integer')
    .addColumn('change_amount', 'integer')
    .addColumn('reference', 'varchar(120)')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addCheckConstraint('payments_amount_check', sql`amount > 0`)
    .execute();
  await db.schema.createIndex('payments_transaction_idx').on('payments').column('transaction_id').execute();
  await db.schema.createIndex('payments_created_at_idx').on('payments').column('created_at').execute();

  await withId(createTable('transaction_events'))
    .addColumn('transaction_id', 'integer', (col) => col.notNull().references('transactions.id'))
    .addColumn('action', 'varchar(40)', (col) => col.notNull())
    .addColumn('from_status', 'varchar(24)')
    .addColumn('to_status', 'varchar(24)', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('actor_type', 'varchar(16)', (col) => col.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('at', 'bigint', (col) => col.notNull())
    .addUniqueConstraint('transaction_events_transaction_version_key', ['transaction_id', 'version'])
    .execute();

  await withId(createTable('idempotency_keys'))
    .addColumn('account_id', 'integer', (col) => col.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('idempotency_key', 'varchar(255)', (col) => col.notNull())
    .addColumn('request_hash', 'char(64)', (col) => col.notNull())
    .addColumn('state', 'varchar(16)', (col) => col.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('completed_at', 'bigint')
    .addUniqueConstraint('idempotency_keys_account_key_key', ['account_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created_at_idx').on('idempotency_keys').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'idempotency_keys',
    'transaction_events',
    'payments',
    'transaction_counters',
    'transaction_items',
    'transactions',
    'service_classifications',
    'services',
    'service_categories',
    'cashiers',
    'therapists',
    'rooms',
    'sessions',
    'accounts',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
