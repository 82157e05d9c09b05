import type { InsertQueryBuilder, InsertResult, Kysely } from 'kysely';

/**
 * The id of the row an INSERT made, on every engine: RETURNING where the dialect has it (PostgreSQL,
 * SQLite), the driver's insertId where it has not (MySQL/MariaDB).
 */
export async function insertReturningId<DB, TB extends keyof DB & string>(
  db: Kysely<DB>,
  query: InsertQueryBuilder<DB, TB, InsertResult>,
): Promise<number> {
  if (db.getExecutor().adapter.supportsReturning) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- every table here has an integer `id`
    const row = (await (query as InsertQueryBuilder<any, any, any>).returning('id').executeTakeFirstOrThrow()) as {
      id: number;
    };
    return Number(row.id);
  }
  const result = await query.executeTakeFirstOrThrow();
  if (result.insertId === undefined) throw new Error('the database gave no id for the inserted row');
  return Number(result.insertId);
}
