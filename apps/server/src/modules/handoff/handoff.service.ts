import { AppError, HANDOFF_LIFETIME_SECONDS, type HandoffResult, type TransactionView } from '@spaflow/domain';
import type { ServiceContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import { isUniqueViolation } from '../../db/locking.js';
import type { Principal } from '../auth/principal.js';
import {
  CUSTOMER_TOKEN_PREFIX,
  TOKEN_LIFETIME_MS,
  generateHandoffCode,
  generateToken,
  hashToken,
} from '../auth/tokens.js';
import { assertMayRead } from '../transactions/transactions.policy.js';
import { findTransaction } from '../transactions/transactions.repository.js';
import type { TransactionsService } from '../transactions/transactions.service.js';
import {
  expireLiveHandoffCodes,
  findHandoffCode,
  insertCustomerToken,
  insertHandoffCode,
  redeemHandoffCode,
} from './handoff.repository.js';

/** A fresh code colliding with a stored one is rare (30⁸ codes); a few tries make it vanishingly so. */
const ISSUE_ATTEMPTS = 3;

/**
 * The ticket on the customer's phone: the kiosk asks for a one-time code, shows it as a QR of
 * `/t/<code>` and as 8 typeable characters; the phone redeems it for a customer token of its own. Codes and
 * tokens are stored only as hashes; neither a code nor a token is ever written to a log.
 */
export class HandoffService {
  constructor(
    private readonly context: ServiceContext,
    private readonly transactions: TransactionsService,
  ) {}

  /** A new code for the customer's own confirmed, open ticket; it replaces any earlier unredeemed one. */
  async issue(principal: Principal, id: number): Promise<HandoffResult> {
    assertMayRead(principal, id);
    const db = this.context.database.db;
    const row = await findTransaction(db, id);
    if (!row) throw new AppError('not_found', `There is no transaction ${id}.`);
    if (row.selection_confirmed_at === null || row.status === 'cancelled' || row.status === 'paid') {
      throw new AppError(
        'invalid_transition',
        row.selection_confirmed_at === null
          ? 'Confirm the selection first; then the ticket can go to a phone.'
          : 'This ticket is closed; there is nothing to follow on a phone.',
      );
    }
    const now = this.context.clock.now();
    const expiresAt = now + HANDOFF_LIFETIME_SECONDS * 1000;
    for (let attempt = 1; ; attempt++) {
      const code = generateHandoffCode();
      try {
        await inTransaction(this.context.database, async (tx) => {
          await expireLiveHandoffCodes(tx, id, now);
          await insertHandoffCode(tx, { transactionId: id, codeHash: hashToken(code), createdAt: now, expiresAt });
        });
        return { handoffCode: code, expiresAt: new Date(expiresAt).toISOString() };
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= ISSUE_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Trades a code for a new customer token of that ticket alone: once (410 handoff_used after), within its
   * 10 minutes (410 handoff_expired); 404 for a code never issued.
   */
  async redeem(code: string): Promise<{ transaction: TransactionView; customerToken: string }> {
    const customerToken = generateToken(CUSTOMER_TOKEN_PREFIX);
    const now = this.context.clock.now();
    const transactionId = await inTransaction(this.context.database, async (tx) => {
      const found = await findHandoffCode(tx, hashToken(code));
      if (!found)
        throw new AppError('not_found', 'There is no such ticket code. Check the 8 characters and try again.');
      if (!(await redeemHandoffCode(tx, found.id, now))) {
        // Read again (codes are never deleted): a concurrent redeem may have just used it.
        const current = (await findHandoffCode(tx, hashToken(code)))!;
        throw current.redeemed_at === null
          ? new AppError('handoff_expired', 'This ticket code has expired. Ask at the counter for a new one.')
          : new AppError('handoff_used', 'This ticket code was already used. Ask at the counter for a new one.');
      }
      await insertCustomerToken(tx, {
        transactionId: found.transaction_id,
        tokenHash: hashToken(customerToken),
        createdAt: now,
        expiresAt: now + TOKEN_LIFETIME_MS,
      });
      return found.transaction_id;
    });
    const row = await findTransaction(this.context.database.db, transactionId);
    if (!row) throw new AppError('not_found', `There is no transaction ${transactionId}.`);
    return { transaction: await this.transactions.presentAs('customer', row), customerToken };
  }
}
