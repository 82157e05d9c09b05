import type { Insertable, Kysely, Updateable } from 'kysely';
import { insertReturningId } from '../../db/insert-id.js';
import type { DB, DiscountTypesTable, TransactionDiscountsTable } from '../../db/schema.js';

export async function listDiscountTypes(db: Kysely<DB>, options: { activeOnly: boolean }) {
  let query = db.selectFrom('discount_types').selectAll().orderBy('name').orderBy('id');
  if (options.activeOnly) query = query.where('active', '=', 1);
  return query.execute();
}

export async function findDiscountType(db: Kysely<DB>, id: number) {
  return db.selectFrom('discount_types').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDiscountType(db: Kysely<DB>, values: Insertable<DiscountTypesTable>): Promise<number> {
  return insertReturningId(db, db.insertInto('discount_types').values(values));
}

export async function updateDiscountType(
  db: Kysely<DB>,
  id: number,
  values: Updateable<DiscountTypesTable>,
): Promise<void> {
  await db.updateTable('discount_types').set(values).where('id', '=', id).execute();
}

export async function insertTransactionDiscount(
  db: Kysely<DB>,
  values: Insertable<TransactionDiscountsTable>,
): Promise<number> {
  return insertReturningId(db, db.insertInto('transaction_discounts').values(values));
}

export async function markDiscountRemoved(
  db: Kysely<DB>,
  id: number,
  removal: { removed_by: number; removed_at: number; removed_version: number },
): Promise<void> {
  await db
    .updateTable('transaction_discounts')
    .set({ ...removal, active_discount_type_id: null })
    .where('id', '=', id)
    .execute();
}

/** Every discount ever applied to these transactions, removed ones too (a version says which were active when). */
export async function listTransactionDiscounts(db: Kysely<DB>, transactionIds: readonly number[]) {
  if (transactionIds.length === 0) return [];
  return db
    .selectFrom('transaction_discounts')
    .selectAll()
    .where('transaction_id', 'in', transactionIds)
    .orderBy('id')
    .execute();
}
