import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Takes a key for one request, inside the request's own transaction: a duplicate's insert waits on the
 * unique index until this transaction ends, then fails (committed) or proceeds (rolled back).
 */
export async function insertKey(
  db: Kysely<DB>,
  key: { accountId: number; key: string; requestHash: string },
  now: number,
): Promise<void> {
  await db
    .insertInto('idempotency_keys')
    .values({
      account_id: key.accountId,
      idempotency_key: key.key,
      request_hash: key.requestHash,
      state: 'in_flight',
      response_status: null,
      response_body: null,
      created_at: now,
      completed_at: null,
    })
    .execute();
}

export async function findKey(db: Kysely<DB>, accountId: number, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'state', 'response_status', 'response_body'])
    .where('account_id', '=', accountId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function completeKey(
  db: Kysely<DB>,
  key: { accountId: number; key: string },
  response: { status: number; body: string },
  now: number,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ state: 'completed', response_status: response.status, response_body: response.body, completed_at: now })
    .where('account_id', '=', key.accountId)
    .where('idempotency_key', '=', key.key)
    .execute();
}

export async function deleteKeysCreatedBefore(db: Kysely<DB>, before: number): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
