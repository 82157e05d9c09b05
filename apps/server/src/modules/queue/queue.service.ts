import { AppError, TRANSACTION_STATUSES, type QueueSnapshot, type TransactionView } from '@spaflow/domain';
import type { ServiceContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { isUniqueViolation } from '../../db/locking.js';
import { commitChanges, type Change } from '../../realtime/changes.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { reserveRoom } from '../rooms/rooms.service.js';
import { estimateCashierQueueWaits, estimateQueueWaits } from './wait-estimates.js';
import { findTherapistStatus, lockCashier, lockTherapist, setTherapistStatus } from '../staff/staff.repository.js';
import { actorRefOf, recordStep } from '../transactions/record-step.js';
import { presentTransactions } from '../transactions/transactions.presenter.js';
import {
  findHeldBy,
  latestSeq,
  listHistory,
  listQueue,
  lockQueueHead,
  lockTransaction,
  type QueueName,
  type TransactionRow,
} from '../transactions/transactions.repository.js';

export const HISTORY_PAGE_SIZE = 50;

/** Every status after a therapist's claim, up to paid: a claim that finds one of these lost the race. */
const CLAIMED_STATUSES = new Set<string>(
  TRANSACTION_STATUSES.slice(
    TRANSACTION_STATUSES.indexOf('therapist_confirmed'),
    TRANSACTION_STATUSES.indexOf('paid') + 1,
  ),
);

/** The live queues and the claims on them: who gets which customer, exactly once. */
export class QueueService {
  constructor(private readonly context: ServiceContext) {}

  private get engine() {
    return this.context.database.engine;
  }

  /** The queue in claim order, as of `seq` (read first, so events after it carry everything newer). */
  async list(queue: QueueName): Promise<QueueSnapshot> {
    const db = this.context.database.db;
    const seq = await latestSeq(db);
    const rows = await listQueue(db, queue);
    const estimatedWaits = (
      queue === 'therapist'
        ? await estimateQueueWaits(this.context, rows)
        : await estimateCashierQueueWaits(this.context, rows)
    ).byTransaction;
    const transactions = await presentTransactions(db, rows, 'staff', {
      queuePositions: new Map(rows.map((row, index) => [row.id, index + 1])),
      estimatedWaits,
    });
    return { seq, transactions };
  }

  /** The therapist's duty checks, under the therapist's row lock so one person's double click cannot claim twice. */
  private async lockFreeTherapist(tx: Tx, principal: StaffPrincipal) {
    const therapist = await lockTherapist(tx, this.engine, principal.accountId);
    if (!therapist) throw new AppError('forbidden', 'Only therapists claim customers.');
    if (therapist.status === 'on_break') {
      throw new AppError('therapist_on_break', 'You are on a break. End the break to take the next customer.');
    }
    if (await findHeldBy(tx, 'therapist', principal.accountId)) {
      throw new AppError('active_transaction_exists', 'Finish or release your current customer first.');
    }
    return therapist;
  }

  private async confirmClaim(
    tx: Tx,
    principal: StaffPrincipal,
    row: TransactionRow,
    room: { roomId?: number | undefined; homeRoomId: number | null },
    changes: Change[],
  ): Promise<TransactionRow> {
    const now = this.context.clock.now();
    const reserved = await reserveRoom(tx, this.engine, room, now);
    return recordStep(tx, {
      row,
      action: 'therapist_confirm',
      values: {
        therapist_id: principal.accountId,
        active_therapist_id: principal.accountId,
        room_id: reserved.id,
        therapist_confirmed_at: now,
      },
      actor: actorRefOf(principal),
      now,
      changes,
      related: { roomIds: [reserved.id], staffIds: [principal.accountId] },
    });
  }

  /** Claims the head of the therapist queue (priority first, then FIFO) with a room; null when no one waits. */
  async claimNextForTherapist(principal: StaffPrincipal, roomId?: number): Promise<TransactionView | null> {
    const row = await this.claiming(() =>
      commitChanges(this.context, async (tx, changes) => {
        const therapist = await this.lockFreeTherapist(tx, principal);
        const head = await lockQueueHead(tx, this.engine, 'therapist');
        if (!head) return null;
        return this.confirmClaim(tx, principal, head, { roomId, homeRoomId: therapist.home_room_id }, changes);
      }),
    );
    return row ? this.present(row) : null;
  }

  /** Claims one waiting transaction by id: 409 already_claimed when another therapist got it first. */
  async claimForTherapist(principal: StaffPrincipal, id: number, roomId?: number): Promise<TransactionView> {
    const row = await this.claiming(() =>
      commitChanges(this.context, async (tx, changes) => {
        const current = await lockTransaction(tx, this.engine, id);
        if (!current) throw new AppError('not_found', `There is no transaction ${id}.`);
        if (current.status !== 'pending_therapist') {
          throw CLAIMED_STATUSES.has(current.status)
            ? new AppError('already_claimed', `Ticket ${current.code ?? id} was already taken by someone else.`)
            : new AppError('invalid_transition', `Ticket ${current.code ?? id} is not waiting for a therapist.`);
        }
        const therapist = await this.lockFreeTherapist(tx, principal);
        return this.confirmClaim(tx, principal, current, { roomId, homeRoomId: therapist.home_room_id }, changes);
      }),
    );
    return this.present(row);
  }

  /** Claims the head of the payment queue (FIFO by finish time); null when no one waits. */
  async claimNextForCashier(principal: StaffPrincipal): Promise<TransactionView | null> {
    const row = await this.claiming(() =>
      commitChanges(this.context, async (tx, changes) => {
        if (!(await lockCashier(tx, this.engine, principal.accountId))) {
          throw new AppError('forbidden', 'Only cashiers take payments.');
        }
        if (await findHeldBy(tx, 'cashier', principal.accountId)) {
          throw new AppError('active_transaction_exists', 'Finish or release the payment you are taking first.');
        }
        const head = await lockQueueHead(tx, this.engine, 'cashier');
        if (!head) return null;
        const now = this.context.clock.now();
        return recordStep(tx, {
          row: head,
          action: 'cashier_claim',
          values: { cashier_id: principal.accountId, active_cashier_id: principal.accountId, cashier_claimed_at: now },
          actor: actorRefOf(principal),
          now,
          changes,
          related: { staffIds: [principal.accountId] },
        });
      }),
    );
    return row ? this.present(row) : null;
  }

  /** The unique key on the held slot is the last line of defence against holding two at once. */
  private async claiming<T>(claim: () => Promise<T>): Promise<T> {
    try {
      return await claim();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('active_transaction_exists', 'You already hold a customer.');
      }
      throw error;
    }
  }

  async current(principal: StaffPrincipal, role: 'therapist' | 'cashier'): Promise<TransactionView | null> {
    const row = await findHeldBy(this.context.database.db, role, principal.accountId);
    return row ? this.present(row) : null;
  }

  async history(principal: StaffPrincipal, role: 'therapist' | 'cashier', before?: number): Promise<TransactionView[]> {
    const db = this.context.database.db;
    const rows = await listHistory(db, role, principal.accountId, { before, limit: HISTORY_PAGE_SIZE });
    return presentTransactions(db, rows, 'staff');
  }

  async therapistStatus(principal: StaffPrincipal): Promise<{ status: 'available' | 'on_break' }> {
    const status = await findTherapistStatus(this.context.database.db, principal.accountId);
    if (!status) throw new AppError('forbidden', 'Only therapists take breaks here.');
    return { status };
  }

  /** A break stops claims; it cannot start while the therapist holds a customer. */
  async setTherapistStatus(
    principal: StaffPrincipal,
    status: 'available' | 'on_break',
  ): Promise<{ status: typeof status }> {
    await commitChanges(this.context, async (tx, changes) => {
      const therapist = await lockTherapist(tx, this.engine, principal.accountId);
      if (!therapist) throw new AppError('forbidden', 'Only therapists take breaks here.');
      if (therapist.status === status) return;
      if (status === 'on_break' && (await findHeldBy(tx, 'therapist', principal.accountId))) {
        throw new AppError('active_transaction_exists', 'Finish or release your current customer before a break.');
      }
      await setTherapistStatus(tx, principal.accountId, status);
      changes.push({ kind: 'staff', seq: null, staffId: principal.accountId });
    });
    return { status };
  }

  private async present(row: TransactionRow): Promise<TransactionView> {
    const [view] = await presentTransactions(this.context.database.db, [row], 'staff');
    return view!;
  }
}
