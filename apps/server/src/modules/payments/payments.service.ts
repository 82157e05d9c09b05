import {
  AppError,
  bodyIssue,
  formatMoney,
  type EventDetail,
  type ParsedPaymentInput,
  type PaymentResult,
  type PaymentView,
  type Receipt,
  type RefundInput,
  type RefundResult,
  type RefundView,
  type TransactionAction,
  type TransactionView,
} from '@spaflow/domain';
import type { ServiceContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { isUniqueViolation } from '../../db/locking.js';
import { commitChanges, type Change } from '../../realtime/changes.js';
import type { Principal, StaffPrincipal } from '../auth/principal.js';
import { drawerForCashPayment, drawerForCashRefund } from '../drawers/drawers.service.js';
import { findStaffMember } from '../staff/staff.repository.js';
import { hashRequest, type IdempotencyService, type StoredAnswer } from '../idempotency/idempotency.service.js';
import { actorRefOf, recordStep } from '../transactions/record-step.js';
import { authorizeStep, assertMayRead } from '../transactions/transactions.policy.js';
import { findTransaction, lockTransaction, type TransactionRow } from '../transactions/transactions.repository.js';
import type { TransactionsService } from '../transactions/transactions.service.js';
import {
  findActiveCashier,
  insertPayment,
  insertPaymentVoid,
  insertRefund,
  listPayments,
  listRefunds,
  type PaymentRow,
  type RefundRow,
} from './payments.repository.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function presentPayment(row: PaymentRow): PaymentView {
  return {
    id: row.id,
    transactionId: row.transaction_id,
    method: row.method,
    amount: row.amount,
    tipAmount: row.tip_amount,
    tendered: row.tendered,
    change: row.change_amount,
    reference: row.reference,
    cashier: { id: row.cashier_id, displayName: row.cashier_display_name },
    createdAt: new Date(row.created_at).toISOString(),
    voidedAt: iso(row.voided_at),
    voidReason: row.void_reason,
  };
}

function presentRefund(row: RefundRow): RefundView {
  return {
    id: row.id,
    amount: row.amount,
    method: row.method,
    reason: row.reason,
    createdAt: new Date(row.created_at).toISOString(),
    refundedBy: { id: row.refunded_by, displayName: row.refunded_by_display_name },
  };
}

/** What is still to pay: the total less discounts less payments not voided (tips never count). */
export function balanceOf(row: TransactionRow): number {
  return row.total_amount - row.discount_amount - row.amount_paid;
}

/**
 * Money at the counter: payments (with tips) under an Idempotency-Key, voids before paid, refunds after,
 * and an admin's handover of a ticket being paid. Each is one lifecycle step (recordStep), so every station
 * sees it live, with its method, amount and reason in the audit trail.
 */
export class PaymentsService {
  constructor(
    private readonly context: ServiceContext,
    private readonly transactions: TransactionsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  private money(amount: number): string {
    return formatMoney(amount, { currency: this.context.config.currency, locale: this.context.config.locale });
  }

  private async lockExisting(tx: Tx, id: number): Promise<TransactionRow> {
    const row = await lockTransaction(tx, this.context.database.engine, id);
    if (!row) throw new AppError('not_found', `There is no transaction ${id}.`);
    return row;
  }

  /**
   * A payment request under its Idempotency-Key: runs once, every repeat gets the first answer. The payment,
   * its step and the stored answer commit together (idempotency.service.ts).
   */
  async recordOnce(
    principal: StaffPrincipal,
    id: number,
    input: ParsedPaymentInput,
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
   * Applies one payment by the claiming cashier inside `tx`. Cash must cover the amount and the tip and
   * answers the change; no payment may apply more than the balance. The payment that covers the balance
   * completes the transaction. The answer is presented inside `tx` so it commits with the payment.
   */
  private async record(
    tx: Tx,
    changes: Change[],
    principal: StaffPrincipal,
    id: number,
    input: ParsedPaymentInput,
  ): Promise<PaymentResult> {
    const current = await this.lockExisting(tx, id);
    const balance = balanceOf(current);
    const action: TransactionAction = input.amount >= balance ? 'payment_complete' : 'payment_recorded';
    authorizeStep(principal, current, action);
    if (input.amount > balance) {
      throw new AppError(
        'amount_exceeds_balance',
        `The amount is more than the balance of ${this.money(balance)}. Enter at most ${this.money(balance)}; anything above it the customer gives is a tip.`,
        [bodyIssue('amount', `at most ${balance}`)],
      );
    }
    const owed = input.amount + input.tipAmount;
    if (input.method === 'cash' && (input.tendered ?? 0) < owed) {
      throw new AppError(
        'insufficient_tendered',
        `The cash handed over is less than the amount to apply. It must cover at least ${this.money(owed)}${input.tipAmount > 0 ? ' (the amount and the tip)' : ''}; count it again or apply less.`,
        [bodyIssue('tendered', `at least ${owed}`)],
      );
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
      tip_amount: input.tipAmount,
      tendered: input.method === 'cash' ? (input.tendered ?? null) : null,
      change_amount: input.method === 'cash' ? (input.tendered ?? owed) - owed : null,
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
        tip_amount: current.tip_amount + input.tipAmount,
        ...(completes ? { paid_at: now, active_cashier_id: null } : {}),
      },
      actor: actorRefOf(principal),
      now,
      changes,
      detail: { paymentId, method: input.method, amount: input.amount, tipAmount: input.tipAmount },
      related: completes ? { staffIds: [principal.accountId] } : {},
    });
    const [payment] = await listPayments(tx, { paymentId });
    return { payment: presentPayment(payment!), transaction: await this.transactions.present(principal, row, tx) };
  }

  /**
   * Voids a payment of a ticket still being paid (its claiming cashier, or admin): a reversal row takes
   * back its amount and tip, so the balance rises again. A paid ticket is corrected by a refund instead.
   */
  async voidPayment(principal: StaffPrincipal, paymentId: number, reason: string): Promise<PaymentResult> {
    const found = await listPayments(this.context.database.db, { paymentId });
    if (found.length === 0) throw new AppError('not_found', `There is no payment ${paymentId}.`);
    const { row } = await commitChanges(this.context, async (tx, changes) => {
      const current = await this.lockExisting(tx, found[0]!.transaction_id);
      const [payment] = await listPayments(tx, { paymentId });
      authorizeStep(principal, current, 'payment_voided');
      if (payment!.voided_at !== null) {
        throw new AppError('payment_voided', 'This payment was already voided; nothing more to undo.');
      }
      const now = this.context.clock.now();
      try {
        await insertPaymentVoid(tx, {
          payment_id: paymentId,
          transaction_id: current.id,
          amount: payment!.amount,
          tip_amount: payment!.tip_amount,
          reason,
          voided_by: principal.accountId,
          created_at: now,
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new AppError('payment_voided', 'This payment was already voided; nothing more to undo.');
        }
        throw error;
      }
      const row = await recordStep(tx, {
        row: current,
        action: 'payment_voided',
        values: {
          amount_paid: current.amount_paid - payment!.amount,
          tip_amount: current.tip_amount - payment!.tip_amount,
        },
        actor: actorRefOf(principal),
        now,
        changes,
        detail: {
          paymentId,
          method: payment!.method,
          amount: payment!.amount,
          tipAmount: payment!.tip_amount,
          reason,
        },
      });
      return { row };
    });
    const [payment] = await listPayments(this.context.database.db, { paymentId });
    return { payment: presentPayment(payment!), transaction: await this.transactions.present(principal, row) };
  }

  /** Admin gives money back on a paid ticket: never more than was paid net of earlier refunds. */
  async refund(principal: StaffPrincipal, id: number, input: RefundInput): Promise<RefundResult> {
    const { refundId, row } = await commitChanges(this.context, async (tx, changes) => {
      const current = await this.lockExisting(tx, id);
      authorizeStep(principal, current, 'refund_recorded');
      const refundable = current.amount_paid - current.amount_refunded;
      if (input.amount > refundable) {
        throw new AppError(
          'amount_exceeds_refundable',
          refundable === 0
            ? 'Everything paid on this ticket was already refunded.'
            : `At most ${this.money(refundable)} can be refunded (what was paid, less earlier refunds). Enter that or less.`,
          [bodyIssue('amount', `at most ${refundable}`)],
        );
      }
      const drawerId =
        input.method === 'cash'
          ? await drawerForCashRefund(tx, this.context.database.engine, current.cashier_id, input.drawerId)
          : null;
      const now = this.context.clock.now();
      const refundId = await insertRefund(tx, {
        transaction_id: id,
        amount: input.amount,
        method: input.method,
        reason: input.reason,
        refunded_by: principal.accountId,
        created_at: now,
        drawer_id: drawerId,
      });
      const row = await recordStep(tx, {
        row: current,
        action: 'refund_recorded',
        values: { amount_refunded: current.amount_refunded + input.amount },
        actor: actorRefOf(principal),
        now,
        changes,
        detail: { refundId, method: input.method, amount: input.amount, reason: input.reason },
      });
      return { refundId, row };
    });
    const [refund] = await listRefunds(this.context.database.db, { refundId });
    return { refund: presentRefund(refund!), transaction: await this.transactions.present(principal, row) };
  }

  /**
   * Admin hands a ticket being paid to another cashier, its payments and discounts kept: the cashier who
   * walked away no longer holds it, the new one does (and must hold nothing else).
   */
  async handover(principal: StaffPrincipal, id: number, cashierId: number): Promise<TransactionView> {
    const row = await commitChanges(this.context, async (tx, changes) => {
      const current = await this.lockExisting(tx, id);
      authorizeStep(principal, current, 'cashier_handover');
      const target = await findActiveCashier(tx, cashierId);
      if (!target) {
        throw new AppError('not_found', `There is no active cashier ${cashierId}.`, [
          bodyIssue('cashierId', 'not found'),
        ]);
      }
      if (current.cashier_id === cashierId) {
        throw new AppError('invalid_transition', `${target.display_name} already holds this ticket.`);
      }
      const from = current.cashier_id!;
      const fromCashier = await findStaffMember(tx, from);
      const detail: EventDetail = {
        fromCashier: { id: from, displayName: fromCashier?.displayName ?? '' },
        toCashier: { id: target.id, displayName: target.display_name },
      };
      try {
        return await recordStep(tx, {
          row: current,
          action: 'cashier_handover',
          values: { cashier_id: cashierId, active_cashier_id: cashierId },
          actor: actorRefOf(principal),
          now: this.context.clock.now(),
          changes,
          detail,
          related: { staffIds: [from, cashierId] },
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new AppError(
            'active_transaction_exists',
            `${target.display_name} is taking another payment. Choose a cashier who holds no ticket, or wait until they finish.`,
          );
        }
        throw error;
      }
    });
    return this.transactions.present(principal, row);
  }

  /** The payments taken so far, voided ones marked, then any refunds: a reloaded counter sees what was paid how. */
  async list(principal: Principal, id: number): Promise<{ payments: PaymentView[]; refunds: RefundView[] }> {
    assertMayRead(principal, id);
    const db = this.context.database.db;
    if (!(await findTransaction(db, id))) throw new AppError('not_found', `There is no transaction ${id}.`);
    return {
      payments: (await listPayments(db, { transactionId: id })).map(presentPayment),
      refunds: (await listRefunds(db, { transactionId: id })).map(presentRefund),
    };
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
    const counted = payments.filter((payment) => payment.voidedAt === null);
    return {
      receiptNumber: `${row.business_date.replaceAll('-', '')}-${row.code}`,
      shop: { name: this.context.config.shopName, address: this.context.config.shopAddress },
      currency: this.context.config.currency,
      locale: this.context.config.locale,
      transaction: await this.transactions.present(principal, row),
      payments,
      refunds: (await listRefunds(db, { transactionId: id })).map(presentRefund),
      totalTendered: counted.reduce(
        (sum, payment) => sum + (payment.tendered ?? payment.amount + payment.tipAmount),
        0,
      ),
      totalChange: counted.reduce((sum, payment) => sum + (payment.change ?? 0), 0),
    };
  }
}
