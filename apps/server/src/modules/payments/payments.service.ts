import {
  AppError,
  type PaymentInput,
  type PaymentResult,
  type PaymentView,
  type Receipt,
  type TransactionAction,
} from '@spaflow/domain';
import type { ServiceContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { Change } from '../../realtime/changes.js';
import type { Principal, StaffPrincipal } from '../auth/principal.js';
import { drawerForCashPayment } from '../drawers/drawers.service.js';
import { hashRequest, type IdempotencyService, type StoredAnswer } from '../idempotency/idempotency.service.js';
import { actorRefOf, recordStep } from '../transactions/record-step.js';
import { authorizeStep, assertMayRead } from '../transactions/transactions.policy.js';
import { findTransaction, lockTransaction } from '../transactions/transactions.repository.js';
import type { TransactionsService } from '../transactions/transactions.service.js';
import { insertPayment, listPayments } from './payments.repository.js';

function presentPayment(row: Awaited<ReturnType<typeof listPayments>>[number]): PaymentView {
  return {
    id: row.id,
    transactionId: row.transaction_id,
    method: row.method,
    amount: row.amount,
    tendered: row.tendered,
    change: row.change_amount,
    reference: row.reference,
    cashier: { id: row.cashier_id, displayName: row.cashier_display_name },
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export class PaymentsService {
  constructor(
    private readonly context: ServiceContext,
    private readonly transactions: TransactionsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * A payment request under its Idempotency-Key: runs once, every repeat gets the first answer. The payment,
   * its step and the stored answer commit together (idempotency.service.ts).
   */
  async recordOnce(
    principal: StaffPrincipal,
    id: number,
    input: PaymentInput,
    idempotencyKey: string,
  ): Promise<StoredAnswer> {
    return this.idempotency.run(
      {
        accountId: principal.accountId,
        key: idempotencyKey,
        requestHash: hashRequest({ route: 'payments', id, input }),
      },
      async (tx, changes) => ({ status: 201, body: await this.record(tx, changes, principal, id, input) }),
    );
  }

  /**
   * Applies one payment by the claiming cashier inside `tx`. Cash must cover the amount and answers the
   * change; no method may apply more than the balance. The payment that covers the total completes the
   * transaction. The answer is presented inside `tx` so it commits with the payment.
   */
  private async record(
    tx: Tx,
    changes: Change[],
    principal: StaffPrincipal,
    id: number,
    input: PaymentInput,
  ): Promise<PaymentResult> {
    const current = await lockTransaction(tx, this.context.database.engine, id);
    if (!current) throw new AppError('not_found', `There is no transaction ${id}.`);
    const balance = current.total_amount - current.amount_paid;
    const action: TransactionAction = input.amount >= balance ? 'payment_complete' : 'payment_recorded';
    authorizeStep(principal, current, action);
    if (input.amount > balance) {
      throw new AppError('amount_exceeds_balance', `The balance is ${balance}; apply at most that.`);
    }
    if (input.method === 'cash' && (input.tendered ?? 0) < input.amount) {
      throw new AppError('insufficient_tendered', 'The cash handed over is less than the amount to apply.');
    }
    const drawerId =
      input.method === 'cash'
        ? await drawerForCashPayment(tx, this.context.database.engine, principal.accountId)
        : null;
    const now = this.context.clock.now();
    const paymentId = await insertPayment(tx, {
      transaction_id: id,
      cashier_id: principal.accountId,
      method: input.method,
      amount: input.amount,
      tendered: input.method === 'cash' ? (input.tendered ?? null) : null,
      change_amount: input.method === 'cash' ? (input.tendered ?? input.amount) - input.amount : null,
      reference: input.reference ?? null,
      created_at: now,
      drawer_id: drawerId,
    });
    const completes = action === 'payment_complete';
    const row = await recordStep(tx, {
      row: current,
      action,
      values: {
        amount_paid: current.amount_paid + input.amount,
        ...(completes ? { paid_at: now, active_cashier_id: null } : {}),
      },
      actor: actorRefOf(principal),
      now,
      changes,
      related: completes ? { staffIds: [principal.accountId] } : {},
    });
    const [payment] = await listPayments(tx, { paymentId });
    return { payment: presentPayment(payment!), transaction: await this.transactions.present(principal, row, tx) };
  }

  /** The payments taken so far, in order: a split in progress shows what was paid how. */
  async list(principal: Principal, id: number): Promise<PaymentView[]> {
    assertMayRead(principal, id);
    const db = this.context.database.db;
    if (!(await findTransaction(db, id))) throw new AppError('not_found', `There is no transaction ${id}.`);
    return (await listPayments(db, { transactionId: id })).map(presentPayment);
  }

  /** The receipt of a paid transaction: its number is the business date and ticket code, unique per shop. */
  async receipt(principal: Principal, id: number): Promise<Receipt> {
    assertMayRead(principal, id);
    const db = this.context.database.db;
    const row = await findTransaction(db, id);
    if (!row) throw new AppError('not_found', `There is no transaction ${id}.`);
    if (row.status !== 'paid' || row.business_date === null || row.code === null) {
      throw new AppError('invalid_transition', 'There is a receipt only once the transaction is paid.');
    }
    const payments = (await listPayments(db, { transactionId: id })).map(presentPayment);
    return {
      receiptNumber: `${row.business_date.replaceAll('-', '')}-${row.code}`,
      shop: { name: this.context.config.shopName, address: this.context.config.shopAddress },
      currency: this.context.config.currency,
      locale: this.context.config.locale,
      transaction: await this.transactions.present(principal, row),
      payments,
      totalTendered: payments.reduce((sum, payment) => sum + (payment.tendered ?? payment.amount), 0),
      totalChange: payments.reduce((sum, payment) => sum + (payment.change ?? 0), 0),
    };
  }
}
