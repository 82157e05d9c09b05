import type { Insertable, Kysely } from 'kysely';
import type { CallOutsTable, DB } from '../../db/schema.js';

export async function insertCallOut(db: Kysely<DB>, callOut: Insertable<CallOutsTable>): Promise<void> {
  await db.insertInto('call_outs').values(callOut).execute();
}

/** When this transaction was last recalled, or undefined (read under the transaction's row lock). */
export async function lastRecallAt(db: Kysely<DB>, transactionId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('call_outs')
    .select((eb) => eb.fn.max('called_at').as('at'))
    .where('transaction_id', '=', transactionId)
    .where('reason', '=', 'recall')
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? undefined : Number(row.at);
}

const callOutColumns = [
  'c.transaction_id as transactionId',
  't.code',
  't.status',
  'c.destination_kind as destinationKind',
  'c.destination_name as destinationName',
  'c.called_at as calledAt',
] as const;

/** The call-outs of customers called and not yet seen (waiting for their room or at the counter), newest first. */
export async function listCallOutsOfCalled(db: Kysely<DB>) {
  return db
    .selectFrom('call_outs as c')
    .innerJoin('transactions as t', 't.id', 'c.transaction_id')
    .where('t.status', 'in', ['therapist_confirmed', 'paying'])
    .select(callOutColumns)
    .orderBy('c.called_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

/** The day's newest call-outs of customers no longer being called nor back in the queue, newest first. */
export async function listEarlierCallOuts(db: Kysely<DB>, businessDate: string, limit: number) {
  return db
    .selectFrom('call_outs as c')
    .innerJoin('transactions as t', 't.id', 'c.transaction_id')
    .where('c.business_date', '=', businessDate)
    .where('t.status', 'not in', ['therapist_confirmed', 'paying', 'pending_therapist'])
    .select(callOutColumns)
    .orderBy('c.called_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
}

/** Where a cashier calls customers to: their counter (empty when none is set). */
export async function findCounterOf(db: Kysely<DB>, cashierId: number): Promise<string> {
  const row = await db.selectFrom('cashiers').select('counter').where('account_id', '=', cashierId).executeTakeFirst();
  return row?.counter ?? '';
}

export async function findRoomName(db: Kysely<DB>, roomId: number): Promise<string> {
  const row = await db.selectFrom('rooms').select('name').where('id', '=', roomId).executeTakeFirstOrThrow();
  return row.name;
}
