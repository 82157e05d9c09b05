import {
  AppError,
  bodyIssue,
  businessDateOf,
  formatTicketCode,
  type CancelInput,
  type CancelReason,
  type CartItemInput,
  type CreateTransactionInput,
  type FieldIssue,
  type TransactionView,
} from '@spaflow/domain';
import type { Kysely } from 'kysely';
import type { ServiceContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { commitChanges, type Change } from '../../realtime/changes.js';
import type { Principal } from '../auth/principal.js';
import { CUSTOMER_TOKEN_PREFIX, TOKEN_LIFETIME_MS, generateToken, hashToken } from '../auth/tokens.js';
import { estimateWaitOf } from '../queue/wait-estimates.js';
import { moveRoom } from '../rooms/rooms.service.js';
import { presentTransaction, type Audience } from './transactions.presenter.js';
import { actorRefOf, recordStep, SYSTEM_ACTOR } from './record-step.js';
import { assertMayRead, authorizeStep } from './transactions.policy.js';
import {
  findCartClassifications,
  findIdleSelections,
  findTransaction,
  insertTransaction,
  insertTransactionEvent,
  listItems,
  lockTransaction,
  nextTicketSequence,
  replaceItems,
  type NewTransactionItem,
  type TransactionRow,
} from './transactions.repository.js';

/** A selection untouched this long is cancelled as `expired`. */
export const SELECTION_IDLE_LIMIT_MS = 30 * 60 * 1000;

type PricedCart = { items: NewTransactionItem[]; totalAmount: number; totalDurationMinutes: number };

export class TransactionsService {
  constructor(private readonly context: ServiceContext) {}

  private get engine() {
    return this.context.database.engine;
  }

  /**
   * Prices a cart from the catalogue, never from the client: every classification must exist and be
   * bookable (itself, its service and its category active) and match the service the kiosk named.
   */
  async priceCart(db: Kysely<DB>, cart: readonly CartItemInput[]): Promise<PricedCart> {
    const found = new Map(
      (await findCartClassifications(db, [...new Set(cart.map((line) => line.classificationId))])).map((row) => [
        row.id,
        row,
      ]),
    );
    const issues: FieldIssue[] = [];
    const items: NewTransactionItem[] = [];
    cart.forEach((line, index) => {
      const classification = found.get(line.classificationId);
      const field = `items.${index}.classificationId`;
      if (!classification) {
        issues.push(bodyIssue(field, `there is no classification ${line.classificationId}`));
      } else if (
        !classification.classificationActive ||
        !classification.serviceActive ||
        !classification.categoryActive
      ) {
        issues.push(
          bodyIssue(field, `${classification.serviceName} ${classification.classificationName} is not offered now`),
        );
      } else if (line.serviceId !== undefined && line.serviceId !== classification.serviceId) {
        issues.push(
          bodyIssue(field, `classification ${line.classificationId} does not belong to service ${line.serviceId}`),
        );
      } else {
        items.push({
          classification_id: classification.id,
          service_name: classification.serviceName,
          classification_name: classification.classificationName,
          duration_minutes: classification.durationMinutes,
          unit_price: classification.price,
          quantity: line.quantity,
          line_total: classification.price * line.quantity,
          position: index,
        });
      }
    });
    if (issues.length > 0) {
      throw new AppError(
        'validation_failed',
        `The cart is not valid: ${issues.map((issue) => issue.message).join('; ')}`,
        issues,
      );
    }
    return {
      items,
      totalAmount: items.reduce((sum, item) => sum + item.line_total, 0),
      totalDurationMinutes: items.reduce((sum, item) => sum + item.duration_minutes * item.quantity, 0),
    };
  }

  async create(input: CreateTransactionInput): Promise<{ transaction: TransactionView; customerToken: string }> {
    const cart = await this.priceCart(this.context.database.db, input.items ?? []);
    const customerToken = generateToken(CUSTOMER_TOKEN_PREFIX);
    const now = this.context.clock.now();
    const row = await commitChanges(this.context, async (tx, changes) => {
      const id = await insertTransaction(tx, {
        // The day it was started; confirming sets the ticket's day (the same one, but across midnight).
        business_date: businessDateOf(now, this.context.config.businessTimeZone),
        status: 'selecting',
        version: 1,
        priority: input.priority ?? null,
        queue_rank: input.priority ? 0 : 1,
        customer_token_hash: hashToken(customerToken),
        customer_token_expires_at: now + TOKEN_LIFETIME_MS,
        total_amount: cart.totalAmount,
        total_duration_minutes: cart.totalDurationMinutes,
        amount_paid: 0,
        created_at: now,
        updated_at: now,
      });
      await replaceItems(tx, id, cart.items);
      const created = (await findTransaction(tx, id))!;
      const seq = await insertTransactionEvent(tx, {
        transaction_id: id,
        action: 'create',
        from_status: null,
        to_status: 'selecting',
        version: 1,
        actor_type: 'customer',
        actor_id: null,
        at: now,
        snapshot: JSON.stringify(created),
      });
      changes.push({
        kind: 'transaction',
        seq,
        transactionId: id,
        action: 'create',
        from: null,
        to: 'selecting',
        version: 1,
        at: now,
        row: created,
      });
      return created;
    });
    return { transaction: await presentTransaction(this.context.database.db, row, 'customer'), customerToken };
  }

  async get(principal: Principal, id: number): Promise<TransactionView> {
    assertMayRead(principal, id);
    const row = await findTransaction(this.context.database.db, id);
    if (!row) throw notFound(id);
    return this.present(principal, row);
  }

  /** Shapes a transaction for the caller; one waiting for a therapist also gets its estimated wait. */
  present(
    principal: Principal,
    row: TransactionRow,
    db: Kysely<DB> = this.context.database.db,
  ): Promise<TransactionView> {
    return this.presentAs(principal.kind === 'customer' ? 'customer' : 'staff', row, db);
  }

  /** `db` is a transaction when the answer must commit with the step (a payment's stored answer). */
  async presentAs(
    audience: Audience,
    row: TransactionRow,
    db: Kysely<DB> = this.context.database.db,
  ): Promise<TransactionView> {
    const estimatedWaits = row.status === 'pending_therapist' ? await estimateWaitOf(this.context, row) : undefined;
    return presentTransaction(db, row, audience, {
      ...(estimatedWaits ? { estimatedWaits } : {}),
    });
  }

  /** Loads and locks the transaction for a step, checking the caller may read it and that it exists. */
  async lockForStep(tx: Tx, principal: Principal, id: number): Promise<TransactionRow> {
    assertMayRead(principal, id);
    const row = await lockTransaction(tx, this.engine, id);
    if (!row) throw notFound(id);
    return row;
  }

  async replaceItems(principal: Principal, id: number, cart: readonly CartItemInput[]): Promise<TransactionView> {
    const priced = await this.priceCart(this.context.database.db, cart);
    const row = await commitChanges(this.context, async (tx, changes) => {
      const current = await this.lockForStep(tx, principal, id);
      authorizeStep(principal, current, 'items_changed');
      if (priced.items.length === 0 && current.status !== 'selecting') {
        throw new AppError('validation_failed', 'A confirmed transaction keeps at least one item; cancel it instead.', [
          bodyIssue('items', 'at least one item'),
        ]);
      }
      await replaceItems(tx, id, priced.items);
      return recordStep(tx, {
        row: current,
        action: 'items_changed',
        values: { total_amount: priced.totalAmount, total_duration_minutes: priced.totalDurationMinutes },
        actor: actorRefOf(principal),
        now: this.context.clock.now(),
        changes,
      });
    });
    return this.present(principal, row);
  }

  /** selecting → pending_therapist with the day's next ticket code. Confirming again changes nothing. */
  async confirm(principal: Principal, id: number): Promise<TransactionView> {
    const row = await commitChanges(this.context, async (tx, changes) => {
      const current = await this.lockForStep(tx, principal, id);
      // The kiosk may retry after a lost answer: a confirmed transaction is answered as it is.
      if (current.status !== 'selecting' && current.status !== 'cancelled' && current.selection_confirmed_at !== null) {
        return current;
      }
      authorizeStep(principal, current, 'customer_confirm_selection');
      if ((await listItems(tx, [id])).length === 0) {
        throw new AppError('validation_failed', 'Pick at least one service before confirming.', [
          bodyIssue('items', 'the cart is empty'),
        ]);
      }
      const now = this.context.clock.now();
      const businessDate = businessDateOf(now, this.context.config.businessTimeZone);
      const sequence = await nextTicketSequence(tx, this.engine, businessDate);
      return recordStep(tx, {
        row: current,
        action: 'customer_confirm_selection',
        values: { code: formatTicketCode(sequence), business_date: businessDate, selection_confirmed_at: now },
        actor: actorRefOf(principal),
        now,
        changes,
      });
    });
    return this.present(principal, row);
  }

  async cancel(principal: Principal, id: number, input: CancelInput): Promise<TransactionView> {
    const row = await commitChanges(this.context, async (tx, changes) => {
      const current = await this.lockForStep(tx, principal, id);
      authorizeStep(principal, current, 'cancel');
      const reason = cancelReasonFor(principal, current, input.reason);
      const now = this.context.clock.now();
      const heldRoom = current.status === 'therapist_confirmed' ? current.room_id : null;
      if (heldRoom !== null) await moveRoom(tx, heldRoom, 'reserved', 'available', now);
      return recordStep(tx, {
        row: current,
        action: 'cancel',
        values: {
          cancelled_at: now,
          cancel_reason: reason,
          cancel_note: input.note ?? null,
          active_therapist_id: null,
        },
        actor: actorRefOf(principal),
        now,
        changes,
        related: {
          roomIds: heldRoom === null ? [] : [heldRoom],
          staffIds: current.active_therapist_id === null ? [] : [current.active_therapist_id],
        },
      });
    });
    return this.present(principal, row);
  }

  /** therapist_confirmed → in_service; the reserved room becomes occupied. */
  async start(principal: Principal, id: number): Promise<TransactionView> {
    const row = await commitChanges(this.context, async (tx, changes) => {
      const current = await this.lockForStep(tx, principal, id);
      authorizeStep(principal, current, 'service_start');
      const now = this.context.clock.now();
      await moveRoom(tx, current.room_id!, 'reserved', 'occupied', now);
      return recordStep(tx, {
        row: current,
        action: 'service_start',
        values: { service_start_at: now },
        actor: actorRefOf(principal),
        now,
        changes,
        related: { roomIds: [current.room_id!] },
      });
    });
    return this.present(principal, row);
  }

  /**
   * in_service → finished → awaiting_payment in one commit: two events, two versions. The room goes to
   * cleaning and the therapist is free for the next customer.
   */
  async finish(principal: Principal, id: number): Promise<TransactionView> {
    const row = await commitChanges(this.context, async (tx, changes) => {
      const current = await this.lockForStep(tx, principal, id);
      authorizeStep(principal, current, 'service_finish');
      const now = this.context.clock.now();
      await moveRoom(tx, current.room_id!, 'occupied', 'cleaning', now);
      const finished = await recordStep(tx, {
        row: current,
        action: 'service_finish',
        values: { service_finish_at: now, active_therapist_id: null },
        actor: actorRefOf(principal),
        now,
        changes,
        related: { roomIds: [current.room_id!], staffIds: [current.therapist_id!] },
      });
      return recordStep(tx, { row: finished, action: 'payment_enqueue', actor: SYSTEM_ACTOR, now, changes });
    });
    return this.present(principal, row);
  }

  /**
   * Gives a claimed transaction back. A therapist's goes back to its original place in the queue (its
   * confirm time is kept) and frees the room; a cashier's goes back to the payment queue, only before any
   * payment was taken.
   */
  async release(principal: Principal, id: number): Promise<TransactionView> {
    const row = await commitChanges(this.context, async (tx, changes) => {
      const current = await this.lockForStep(tx, principal, id);
      authorizeStep(principal, current, 'release');
      const now = this.context.clock.now();
      if (current.status === 'paying') {
        if (current.amount_paid > 0) {
          throw new AppError(
            'invalid_transition',
            'Payments were already taken on this ticket, so it cannot go back to the queue. Finish the payment, or ask an admin to hand it over to another cashier.',
          );
        }
        return recordStep(tx, {
          row: current,
          action: 'release',
          values: { cashier_id: null, active_cashier_id: null, cashier_claimed_at: null },
          actor: actorRefOf(principal),
          now,
          changes,
          related: { staffIds: [current.cashier_id!] },
        });
      }
      await moveRoom(tx, current.room_id!, 'reserved', 'available', now);
      return recordStep(tx, {
        row: current,
        action: 'release',
        values: { therapist_id: null, active_therapist_id: null, room_id: null, therapist_confirmed_at: null },
        actor: actorRefOf(principal),
        now,
        changes,
        related: { roomIds: [current.room_id!], staffIds: [current.therapist_id!] },
      });
    });
    return this.present(principal, row);
  }

  /**
   * Cancels selections idle for over 30 minutes. Safe with several nodes sweeping at once: each
   * cancellation is a guarded step, so a row another node already cancelled is passed over.
   */
  async sweepIdleSelections(batchSize = 100): Promise<number> {
    const now = this.context.clock.now();
    const idleSince = now - SELECTION_IDLE_LIMIT_MS;
    const idle = await findIdleSelections(this.context.database.db, idleSince, batchSize);
    let cancelled = 0;
    for (const { id } of idle) {
      const done = await commitChanges(this.context, async (tx, changes: Change[]) => {
        const current = await lockTransaction(tx, this.engine, id);
        if (current?.status !== 'selecting' || current.updated_at >= idleSince) return false;
        await recordStep(tx, {
          row: current,
          action: 'cancel',
          values: { cancelled_at: now, cancel_reason: 'expired' },
          actor: SYSTEM_ACTOR,
          now,
          changes,
        });
        return true;
      }).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'invalid_transition') return false;
        throw error;
      });
      if (done) cancelled++;
    }
    return cancelled;
  }
}

function notFound(id: number): AppError {
  return new AppError('not_found', `There is no transaction ${id}.`);
}

/**
 * Customers cancel at their own request, or (the kiosk's idle timeout) a selection as expired; therapists
 * only as a no-show; admins give any staff reason.
 */
function cancelReasonFor(
  principal: Principal,
  current: TransactionRow,
  requested: CancelReason | undefined,
): CancelReason {
  const allowed: readonly CancelReason[] =
    principal.kind === 'customer'
      ? current.status === 'selecting'
        ? ['customer_request', 'expired']
        : ['customer_request']
      : principal.role === 'therapist'
        ? ['no_show']
        : ['staff_decision', 'no_show', 'customer_request'];
  const reason = requested ?? allowed[0]!;
  if (!allowed.includes(reason)) {
    throw new AppError('validation_failed', `You may cancel only with reason ${allowed.join(' or ')}.`, [
      bodyIssue('reason', `one of ${allowed.join(', ')}`),
    ]);
  }
  return reason;
}
