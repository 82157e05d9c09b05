import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { engineOf } from '../engine.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema as it was then, not today's types */

/** How every migration creates a table and its integer id, the same way on the three engines. */
export function tableBuilders(db: Kysely<any>) {
  const engine = engineOf(db);
  return {
    engine,
    withId: <T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> =>
      engine === 'postgres'
        ? table.addColumn('id', 'integer', (col) => col.primaryKey().notNull().generatedByDefaultAsIdentity())
        : table.addColumn('id', 'integer', (col) => col.primaryKey().notNull().autoIncrement()),
    createTable: (name: string) => {
      const table = db.schema.createTable(name);
      // InnoDB with utf8mb4 so names in any script fit; SQLite and PostgreSQL need nothing.
      return engine === 'mysql'
        ? table.modifyEnd(sql`engine = InnoDB default charset = utf8mb4 collate = utf8mb4_bin`)
        : table;
    },
  };
}
