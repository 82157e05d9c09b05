import type { Insertable, Kysely } from 'kysely';
import { insertReturningId } from '../../db/insert-id.js';
import type { DB, PaymentsTable } from '../../db/schema.js';

export async function insertPayment(db: Kysely<DB>, payment: Insertable<PaymentsTable>): Promise<number> {
  return insertReturningId(db, db.insertInto('payments').values(payment));
}

export async function listPayments(db: Kysely<DB>, where: { transactionId: number } | { paymentId: number }) {
  const query = db
    .selectFrom('payments as p')
    .innerJoin('accounts as a', 'a.id', 'p.cashier_id')
    .selectAll('p')
    .select('a.display_name as cashier_display_name')
    .orderBy('p.id');
  return 'paymentId' in where
    ? query.where('p.id', '=', where.paymentId).execute()
    : query.where('p.transaction_id', '=', where.transactionId).execute();
}
