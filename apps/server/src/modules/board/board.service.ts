import {
  AppError,
  RECALL_INTERVAL_SECONDS,
  RECENTLY_CALLED_LIMIT,
  businessDateOf,
  waitMinutes,
  type Board,
  type CallDestination,
  type CallOut,
  type TransactionView,
} from '@spaflow/domain';
import type { ServiceContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { commitChanges, type Change, type TransactionChange } from '../../realtime/changes.js';
import type { Principal } from '../auth/principal.js';
import { estimateQueueWaits } from '../queue/wait-estimates.js';
import { actorRefOf, recordStep } from '../transactions/record-step.js';
import { authorizeStep } from '../transactions/transactions.policy.js';
import {
  latestSeq,
  listTherapistQueueDurations,
  type TransactionRow,
} from '../transactions/transactions.repository.js';
import type { TransactionsService } from '../transactions/transactions.service.js';
import {
  findCounterOf,
  findRoomName,
  insertCallOut,
  lastRecallAt,
  listCallOutsOfCalled,
  listEarlierCallOuts,
} from './board.repository.js';

/** How many of the day's newest call-outs are read to find the last RECENTLY_CALLED_LIMIT customers called. */
const EARLIER_CALL_OUTS_READ = RECENTLY_CALLED_LIMIT * 10;

/**
 * Calls the customer of the step just recorded for `row` (a claim or a recall) to its room or counter: a
 * call_outs row in the same database transaction, carrying that step's `seq`, and a `call` change that the
 * real-time layer sends to the board and to the customer's own ticket after commit.
 */
export async function recordCallOut(
  tx: Tx,
  context: Pick<ServiceContext, 'config'>,
  step: { row: TransactionRow; reason: 'claim' | 'recall'; now: number; changes: Change[] },
): Promise<void> {
  const { row, reason, now } = step;
  const recorded = step.changes.findLast(
    (change): change is TransactionChange => change.kind === 'transaction' && change.transactionId === row.id,
  );
  if (!recorded) throw new Error(`no step of transaction ${row.id} was recorded to call its customer for`);
  const seq = recorded.seq;
  const destination: CallDestination =
    row.status === 'paying'
      ? { kind: 'counter', name: await findCounterOf(tx, row.cashier_id!) }
      : { kind: 'room', name: await findRoomName(tx, row.room_id!) };
  await insertCallOut(tx, {
    transaction_id: row.id,
    seq,
    reason,
    destination_kind: destination.kind,
    destination_name: destination.name,
    business_date: businessDateOf(now, context.config.businessTimeZone),
    called_at: now,
  });
  step.changes.push({ kind: 'call', seq, transactionId: row.id, code: row.code ?? '', destination, at: now });
}

/** The public call board (codes only) and the recall that calls a customer again. */
export class BoardService {
  constructor(
    private readonly context: ServiceContext,
    private readonly transactions: TransactionsService,
  ) {}

  /** The board as of `seq` (read first, so a board_updated after it is never older than this answer). */
  async board(): Promise<Board> {
    const db = this.context.database.db;
    const now = this.context.clock.now();
    const seq = await latestSeq(db);
    const [called, earlier, waiting] = await Promise.all([
      listCallOutsOfCalled(db),
      listEarlierCallOuts(db, businessDateOf(now, this.context.config.businessTimeZone), EARLIER_CALL_OUTS_READ),
      listTherapistQueueDurations(db),
    ]);
    const estimate = await estimateQueueWaits(this.context, waiting);
    return {
      seq,
      shopName: this.context.config.shopName,
      calling: newestPerTransaction(called),
      recentlyCalled: newestPerTransaction(earlier).slice(0, RECENTLY_CALLED_LIMIT),
      waiting: waiting.map((row) => ({ code: row.code ?? '' })),
      estimatedWaitMinutes:
        estimate.newCustomerSeconds === null ? null : waitMinutes(estimate.newCustomerSeconds, waiting.length > 0),
    };
  }

  /**
   * Calls the customer again (the assigned therapist to the room, the claiming cashier to the counter): an
   * event `recall` and a call-out, no change of state; once per RECALL_INTERVAL_SECONDS per transaction.
   * Counted under the transaction's row lock, so concurrent recalls cannot both pass.
   */
  async recall(principal: Principal, id: number): Promise<TransactionView> {
    const row = await commitChanges(this.context, async (tx, changes) => {
      const current = await this.transactions.lockForStep(tx, principal, id);
      authorizeStep(principal, current, 'recall');
      const now = this.context.clock.now();
      const last = await lastRecallAt(tx, id);
      if (last !== undefined && now - last < RECALL_INTERVAL_SECONDS * 1000) {
        const wait = Math.ceil((RECALL_INTERVAL_SECONDS * 1000 - (now - last)) / 1000);
        throw new AppError('rate_limited', `This customer was just called again. You can recall in ${wait} s.`);
      }
      const recalled = await recordStep(tx, {
        row: current,
        action: 'recall',
        actor: actorRefOf(principal),
        now,
        changes,
      });
      await recordCallOut(tx, this.context, { row: recalled, reason: 'recall', now, changes });
      return recalled;
    });
    return this.transactions.present(principal, row);
  }
}

type CallOutRow = Awaited<ReturnType<typeof listCallOutsOfCalled>>[number];

/** Each transaction once, by its newest call-out (rows come newest first). */
function newestPerTransaction(rows: readonly CallOutRow[]): CallOut[] {
  const seen = new Set<number>();
  const callOuts: CallOut[] = [];
  for (const row of rows) {
    if (seen.has(row.transactionId)) continue;
    seen.add(row.transactionId);
    callOuts.push({
      code: row.code ?? '',
      destination: { kind: row.destinationKind, name: row.destinationName },
      at: new Date(Number(row.calledAt)).toISOString(),
    });
  }
  return callOuts;
}
