import type { Insertable, Kysely } from 'kysely';
import { insertReturningId } from '../../db/insert-id.js';
import type { DB, PaymentsTable, PaymentVoidsTable, RefundsTable } from '../../db/schema.js';

export async function insertPayment(db: Kysely<DB>, payment: Insertable<PaymentsTable>): Promise<number> {
  return insertReturningId(db, db.insertInto('payments').values(payment));
}

/** Payments with their void, if any: a voided payment stays, marked. */
export async function listPayments(db: Kysely<DB>, where: { transactionId: number } | { paymentId: number }) {
  const query = db
    .selectFrom('payments as p')
    .innerJoin('accounts as a', 'a.id', 'p.cashier_id')
    .leftJoin('payment_voids as v', 'v.payment_id', 'p.id')
    .selectAll('p')
    .select(['a.display_name as cashier_display_name', 'v.created_at as voided_at', 'v.reason as void_reason'])
    .orderBy('p.id');
  return 'paymentId' in where
    ? query.where('p.id', '=', where.paymentId).execute()
    : query.where('p.transaction_id', '=', where.transactionId).execute();
}

export type PaymentRow = Awaited<ReturnType<typeof listPayments>>[number];

export async function insertPaymentVoid(db: Kysely<DB>, values: Insertable<PaymentVoidsTable>): Promise<number> {
  return insertReturningId(db, db.insertInto('payment_voids').values(values));
}

export async function insertRefund(db: Kysely<DB>, values: Insertable<RefundsTable>): Promise<number> {
  return insertReturningId(db, db.insertInto('refunds').values(values));
}

export async function listRefunds(db: Kysely<DB>, where: { transactionId: number } | { refundId: number }) {
  const query = db
    .selectFrom('refunds as r')
    .innerJoin('accounts as a', 'a.id', 'r.refunded_by')
    .selectAll('r')
    .select('a.display_name as refunded_by_display_name')
    .orderBy('r.id');
  return 'refundId' in where
    ? query.where('r.id', '=', where.refundId).execute()
    : query.where('r.transaction_id', '=', where.transactionId).execute();
}

export type RefundRow = Awaited<ReturnType<typeof listRefunds>>[number];

/** An active cashier account by id, with its name (the target of a handover). */
export async function findActiveCashier(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('accounts')
    .select(['id', 'display_name'])
    .where('id', '=', accountId)
    .where('role', '=', 'cashier')
    .where('active', '=', 1)
    .executeTakeFirst();
}
