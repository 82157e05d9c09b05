import type { TransactionStatus } from '@spaflow/domain';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DatabaseEngine } from '../../config.js';
import { insertReturningId } from '../../db/insert-id.js';
import { lockRows } from '../../db/locking.js';
import type { DB, TransactionEventsTable, TransactionItemsTable, TransactionsTable } from '../../db/schema.js';

export type TransactionRow = Selectable<TransactionsTable>;
export type TransactionItemRow = Selectable<TransactionItemsTable>;
export type NewTransactionItem = Omit<Insertable<TransactionItemsTable>, 'id' | 'transaction_id'>;

export async function insertTransaction(db: Kysely<DB>, values: Insertable<TransactionsTable>): Promise<number> {
  return insertReturningId(db, db.insertInto('transactions').values(values));
}

export async function findTransaction(db: Kysely<DB>, id: number): Promise<TransactionRow | undefined> {
  return db.selectFrom('transactions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The ticket with this code on this business day (unique: transactions_business_date_code_key). */
export async function findTransactionByTicket(
  db: Kysely<DB>,
  businessDate: string,
  code: string,
): Promise<TransactionRow | undefined> {
  return db
    .selectFrom('transactions')
    .selectAll()
    .where('business_date', '=', businessDate)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** The transaction, locked until the surrounding database transaction ends. */
export async function lockTransaction(
  db: Kysely<DB>,
  engine: DatabaseEngine,
  id: number,
): Promise<TransactionRow | undefined> {
  return lockRows(engine, db.selectFrom('transactions').selectAll().where('id', '=', id)).executeTakeFirst();
}

/**
 * Writes a lifecycle step: the new values and `version + 1`, but only if the row is still at the version
 * and status it was read at. False when another writer got there first.
 */
export async function updateTransactionIfUnchanged(
  db: Kysely<DB>,
  current: { id: number; version: number; status: string },
  values: Updateable<TransactionsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('transactions')
    .set({ ...values, version: current.version + 1 })
    .where('id', '=', current.id)
    .where('version', '=', current.version)
    .where('status', '=', current.status)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertTransactionEvent(
  db: Kysely<DB>,
  event: Insertable<TransactionEventsTable>,
): Promise<number> {
  return insertReturningId(db, db.insertInto('transaction_events').values(event));
}

export async function listTransactionEvents(db: Kysely<DB>, transactionId: number) {
  return db
    .selectFrom('transaction_events as e')
    .leftJoin('accounts as a', 'a.id', 'e.actor_id')
    .where('e.transaction_id', '=', transactionId)
    .select([
      'e.id as seq',
      'e.action',
      'e.from_status',
      'e.to_status',
      'e.version',
      'e.at',
      'e.actor_type',
      'e.actor_id',
      'a.display_name as actor_display_name',
      'e.detail',
    ])
    .orderBy('e.id')
    .execute();
}

export async function listItems(db: Kysely<DB>, transactionIds: readonly number[]): Promise<TransactionItemRow[]> {
  if (transactionIds.length === 0) return [];
  return db
    .selectFrom('transaction_items')
    .selectAll()
    .where('transaction_id', 'in', transactionIds)
    .orderBy('transaction_id')
    .orderBy('position')
    .execute();
}

export async function replaceItems(
  db: Kysely<DB>,
  transactionId: number,
  items: readonly NewTransactionItem[],
): Promise<void> {
  await db.deleteFrom('transaction_items').where('transaction_id', '=', transactionId).execute();
  if (items.length === 0) return;
  await db
    .insertInto('transaction_items')
    .values(items.map((item) => ({ ...item, transaction_id: transactionId })))
    .execute();
}

/** The classifications a cart names, with whether each is bookable now (it, its service and its category active). */
export async function findCartClassifications(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('service_classifications as cl')
    .innerJoin('services as s', 's.id', 'cl.service_id')
    .innerJoin('service_categories as c', 'c.id', 's.category_id')
    .where('cl.id', 'in', ids)
    .select([
      'cl.id',
      'cl.service_id as serviceId',
      's.name as serviceName',
      'cl.name as classificationName',
      'cl.duration_minutes as durationMinutes',
      'cl.price',
      'cl.active as classificationActive',
      's.active as serviceActive',
      'c.active as categoryActive',
    ])
    .execute();
}

/**
 * The next ticket number of a business day. The counter row is created or incremented inside the caller's
 * transaction, so concurrent confirms queue on that one row and each gets its own number.
 */
export async function nextTicketSequence(
  db: Kysely<DB>,
  engine: DatabaseEngine,
  businessDate: string,
): Promise<number> {
  const insert = db.insertInto('transaction_counters').values({ business_date: businessDate, last_value: 1 });
  if (engine === 'mysql') {
    await insert.onDuplicateKeyUpdate((eb) => ({ last_value: eb('last_value', '+', 1) })).execute();
  } else {
    await insert
      .onConflict((conflict) =>
        conflict
          .column('business_date')
          .doUpdateSet((eb) => ({ last_value: eb('transaction_counters.last_value', '+', 1) })),
      )
      .execute();
  }
  const row = await db
    .selectFrom('transaction_counters')
    .select('last_value')
    .where('business_date', '=', businessDate)
    .executeTakeFirstOrThrow();
  return row.last_value;
}

/** The queue orders: therapist queue by priority then confirm time; cashier queue by finish time. */
export type QueueName = 'therapist' | 'cashier';

const QUEUE_STATUS: Record<QueueName, TransactionStatus> = {
  therapist: 'pending_therapist',
  cashier: 'awaiting_payment',
};

function queueQuery(db: Kysely<DB>, queue: QueueName) {
  const base = db.selectFrom('transactions').where('status', '=', QUEUE_STATUS[queue]);
  return queue === 'therapist'
    ? base.orderBy('queue_rank').orderBy('selection_confirmed_at').orderBy('id')
    : base.orderBy('service_finish_at').orderBy('id');
}

/** Claims the head of a queue: the first row no one else holds, locked for the caller (SKIP LOCKED). */
export async function lockQueueHead(
  db: Kysely<DB>,
  engine: DatabaseEngine,
  queue: QueueName,
): Promise<TransactionRow | undefined> {
  return lockRows(engine, queueQuery(db, queue).selectAll().limit(1), 'skip').executeTakeFirst();
}

export async function listQueue(db: Kysely<DB>, queue: QueueName): Promise<TransactionRow[]> {
  return queueQuery(db, queue).selectAll().execute();
}

/** The therapist queue's booked minutes in claim order, up to `limit` rows: all a wait estimate needs. */
export async function listTherapistQueueDurations(db: Kysely<DB>, limit?: number) {
  const query = queueQuery(db, 'therapist').select(['id', 'total_duration_minutes']);
  return (limit === undefined ? query : query.limit(limit)).execute();
}

/** How many wait ahead of this transaction in its queue (0 = next), counted on the queue's index. */
export async function countAhead(db: Kysely<DB>, row: TransactionRow): Promise<number | null> {
  let query = db.selectFrom('transactions').select((eb) => eb.fn.countAll<number>().as('ahead'));
  if (row.status === 'pending_therapist' && row.selection_confirmed_at !== null) {
    const confirmedAt = row.selection_confirmed_at;
    query = query
      .where('status', '=', 'pending_therapist')
      .where((eb) =>
        eb.or([
          eb('queue_rank', '<', row.queue_rank),
          eb.and([
            eb('queue_rank', '=', row.queue_rank),
            eb.or([
              eb('selection_confirmed_at', '<', confirmedAt),
              eb.and([eb('selection_confirmed_at', '=', confirmedAt), eb('id', '<', row.id)]),
            ]),
          ]),
        ]),
      );
  } else if (row.status === 'awaiting_payment' && row.service_finish_at !== null) {
    const finishedAt = row.service_finish_at;
    query = query
      .where('status', '=', 'awaiting_payment')
      .where((eb) =>
        eb.or([
          eb('service_finish_at', '<', finishedAt),
          eb.and([eb('service_finish_at', '=', finishedAt), eb('id', '<', row.id)]),
        ]),
      );
  } else {
    return null;
  }
  const result = await query.executeTakeFirstOrThrow();
  return Number(result.ahead);
}

/** The transaction a therapist or cashier holds now, if any. */
export async function findHeldBy(db: Kysely<DB>, role: 'therapist' | 'cashier', accountId: number) {
  const column = role === 'therapist' ? 'active_therapist_id' : 'active_cashier_id';
  return db.selectFrom('transactions').selectAll().where(column, '=', accountId).executeTakeFirst();
}

export async function listHistory(
  db: Kysely<DB>,
  role: 'therapist' | 'cashier',
  accountId: number,
  options: { before?: number | undefined; limit: number },
): Promise<TransactionRow[]> {
  let query = db
    .selectFrom('transactions')
    .selectAll()
    .where(role === 'therapist' ? 'therapist_id' : 'cashier_id', '=', accountId);
  if (options.before !== undefined) query = query.where('id', '<', options.before);
  return query.orderBy('id', 'desc').limit(options.limit).execute();
}

/** People and rooms named on transactions, for presenting them. */
export async function findNames(db: Kysely<DB>, accountIds: readonly number[], roomIds: readonly number[]) {
  const [accounts, rooms] = await Promise.all([
    accountIds.length === 0
      ? []
      : db.selectFrom('accounts').select(['id', 'display_name']).where('id', 'in', accountIds).execute(),
    roomIds.length === 0 ? [] : db.selectFrom('rooms').select(['id', 'name']).where('id', 'in', roomIds).execute(),
  ]);
  return {
    accounts: new Map(accounts.map((account) => [account.id, account.display_name])),
    rooms: new Map(rooms.map((room) => [room.id, room.name])),
  };
}

/** Selections left untouched since `idleSince`, oldest first, for the sweeper. */
export async function findIdleSelections(db: Kysely<DB>, idleSince: number, limit: number) {
  return db
    .selectFrom('transactions')
    .select(['id'])
    .where('status', '=', 'selecting')
    .where('updated_at', '<', idleSince)
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

/** Events after `afterSeq` that an audience may see, oldest first, for replay after a reconnect. */
export async function listEventsSince(
  db: Kysely<DB>,
  afterSeq: number,
  audience: { transactionId?: number; statuses?: readonly TransactionStatus[] },
  limit: number,
) {
  let query = db
    .selectFrom('transaction_events')
    .select(['id as seq', 'transaction_id', 'action', 'from_status', 'to_status', 'at', 'snapshot'])
    .where('id', '>', afterSeq);
  if (audience.transactionId !== undefined) query = query.where('transaction_id', '=', audience.transactionId);
  const statuses = audience.statuses;
  if (statuses) {
    query = query.where((eb) => eb.or([eb('from_status', 'in', statuses), eb('to_status', 'in', statuses)]));
  }
  return query.orderBy('id').limit(limit).execute();
}

/** Every event of these transactions that an audience may see, oldest first (for version checks on resync). */
export async function listEventsOfTransactions(
  db: Kysely<DB>,
  transactionIds: readonly number[],
  audience: { statuses?: readonly TransactionStatus[] },
) {
  if (transactionIds.length === 0) return [];
  let query = db
    .selectFrom('transaction_events')
    .select(['id as seq', 'transaction_id', 'action', 'from_status', 'to_status', 'at', 'version', 'snapshot'])
    .where('transaction_id', 'in', transactionIds);
  const statuses = audience.statuses;
  if (statuses) {
    query = query.where((eb) => eb.or([eb('from_status', 'in', statuses), eb('to_status', 'in', statuses)]));
  }
  return query.orderBy('id').execute();
}

/** The newest event's seq: a snapshot read after it misses nothing a client then replays from it. */
export async function latestSeq(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('transaction_events')
    .select((eb) => eb.fn.max('id').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}
