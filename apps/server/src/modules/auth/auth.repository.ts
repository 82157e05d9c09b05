import type { Kysely } from 'kysely';
import { insertReturningId } from '../../db/insert-id.js';
import type { DB } from '../../db/schema.js';

export async function insertSession(
  db: Kysely<DB>,
  session: { accountId: number; tokenHash: string; expiresAt: number },
  now: number,
): Promise<number> {
  return insertReturningId(
    db,
    db.insertInto('sessions').values({
      account_id: session.accountId,
      token_hash: session.tokenHash,
      created_at: now,
      expires_at: session.expiresAt,
      revoked_at: null,
    }),
  );
}

/** A live session (not revoked, not expired) of an active account, found by its token's hash. */
export async function findLiveSession(db: Kysely<DB>, tokenHash: string, now: number) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('a.active', '=', 1)
    .select([
      's.id as sessionId',
      's.expires_at as expiresAt',
      'a.id as accountId',
      'a.username',
      'a.display_name as displayName',
      'a.role',
    ])
    .executeTakeFirst();
}

export async function revokeSession(db: Kysely<DB>, sessionId: number, now: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeSessionsOfAccount(db: Kysely<DB>, accountId: number, now: number): Promise<number[]> {
  const live = await db
    .selectFrom('sessions')
    .select('id')
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
  if (live.length > 0) {
    await db
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where(
        'id',
        'in',
        live.map((row) => row.id),
      )
      .execute();
  }
  return live.map((row) => row.id);
}

/**
 * The transaction a customer token opens, while the token lasts: the kiosk's own (on the transaction) or
 * one a hand-off issued to a phone.
 */
export async function findTransactionByCustomerToken(
  db: Kysely<DB>,
  tokenHash: string,
  now: number,
): Promise<{ id: number; expiresAt: number } | undefined> {
  const kiosk = await db
    .selectFrom('transactions')
    .select(['id', 'customer_token_expires_at as expiresAt'])
    .where('customer_token_hash', '=', tokenHash)
    .where('customer_token_expires_at', '>', now)
    .executeTakeFirst();
  return (
    kiosk ??
    db
      .selectFrom('customer_tokens')
      .select(['transaction_id as id', 'expires_at as expiresAt'])
      .where('token_hash', '=', tokenHash)
      .where('expires_at', '>', now)
      .executeTakeFirst()
  );
}

export async function recordLoginFailure(db: Kysely<DB>, usernameKey: string, address: string, at: number) {
  await db.insertInto('login_failures').values({ username_key: usernameKey, address, failed_at: at }).execute();
}

/** Failed sign-ins for this user from this address since `since`, counted on the (who, when) index. */
export async function countLoginFailures(
  db: Kysely<DB>,
  usernameKey: string,
  address: string,
  since: number,
): Promise<number> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('failures'))
    .where('username_key', '=', usernameKey)
    .where('address', '=', address)
    .where('failed_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

export async function deleteLoginFailuresBefore(db: Kysely<DB>, before: number): Promise<number> {
  const result = await db.deleteFrom('login_failures').where('failed_at', '<=', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
