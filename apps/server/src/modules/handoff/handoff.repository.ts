import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export async function insertHandoffCode(
  db: Kysely<DB>,
  code: { transactionId: number; codeHash: string; createdAt: number; expiresAt: number },
): Promise<void> {
  await db
    .insertInto('handoff_codes')
    .values({
      transaction_id: code.transactionId,
      code_hash: code.codeHash,
      created_at: code.createdAt,
      expires_at: code.expiresAt,
      redeemed_at: null,
    })
    .execute();
}

/** Ends the transaction's codes not yet redeemed: a new hand-off replaces the one before. */
export async function expireLiveHandoffCodes(db: Kysely<DB>, transactionId: number, now: number): Promise<void> {
  await db
    .updateTable('handoff_codes')
    .set({ expires_at: now })
    .where('transaction_id', '=', transactionId)
    .where('redeemed_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

export async function findHandoffCode(db: Kysely<DB>, codeHash: string) {
  return db
    .selectFrom('handoff_codes')
    .select(['id', 'transaction_id', 'expires_at', 'redeemed_at'])
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
}

/**
 * Marks the code redeemed if it is still unused and unexpired. One guarded UPDATE: of concurrent redeems of
 * one code, exactly one changes the row (the others wait on its lock, then find it used).
 */
export async function redeemHandoffCode(db: Kysely<DB>, id: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('handoff_codes')
    .set({ redeemed_at: now })
    .where('id', '=', id)
    .where('redeemed_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertCustomerToken(
  db: Kysely<DB>,
  token: { transactionId: number; tokenHash: string; createdAt: number; expiresAt: number },
): Promise<void> {
  await db
    .insertInto('customer_tokens')
    .values({
      transaction_id: token.transactionId,
      token_hash: token.tokenHash,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
    })
    .execute();
}
