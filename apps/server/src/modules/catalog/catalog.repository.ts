import type { Kysely } from 'kysely';
import { insertReturningId } from '../../db/insert-id.js';
import type { DB } from '../../db/schema.js';

/** Every bookable classification with its service and category, all three active, in menu order. */
export async function listActiveClassifications(db: Kysely<DB>) {
  return db
    .selectFrom('service_classifications as cl')
    .innerJoin('services as s', 's.id', 'cl.service_id')
    .innerJoin('service_categories as c', 'c.id', 's.category_id')
    .where('cl.active', '=', 1)
    .where('s.active', '=', 1)
    .where('c.active', '=', 1)
    .select([
      'c.id as categoryId',
      'c.name as categoryName',
      's.id as serviceId',
      's.name as serviceName',
      's.description as serviceDescription',
      'cl.id as classificationId',
      'cl.name as classificationName',
      'cl.duration_minutes as durationMinutes',
      'cl.price as price',
    ])
    .orderBy('c.sort_order')
    .orderBy('c.id')
    .orderBy('s.sort_order')
    .orderBy('s.id')
    .orderBy('cl.sort_order')
    .orderBy('cl.id')
    .execute();
}

export async function findCategoryByName(db: Kysely<DB>, name: string) {
  return db.selectFrom('service_categories').select('id').where('name', '=', name).executeTakeFirst();
}

export async function insertCategory(
  db: Kysely<DB>,
  category: { name: string; description: string; sortOrder: number },
  now: number,
): Promise<number> {
  return insertReturningId(
    db,
    db.insertInto('service_categories').values({
      name: category.name,
      description: category.description,
      sort_order: category.sortOrder,
      active: 1,
      created_at: now,
      updated_at: now,
    }),
  );
}

export async function findServiceByName(db: Kysely<DB>, categoryId: number, name: string) {
  return db
    .selectFrom('services')
    .select('id')
    .where('category_id', '=', categoryId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertService(
  db: Kysely<DB>,
  service: { categoryId: number; name: string; description: string; sortOrder: number; commissionPercent: number },
  now: number,
): Promise<number> {
  return insertReturningId(
    db,
    db.insertInto('services').values({
      category_id: service.categoryId,
      name: service.name,
      description: service.description,
      sort_order: service.sortOrder,
      commission_percent: service.commissionPercent,
      active: 1,
      created_at: now,
      updated_at: now,
    }),
  );
}

export async function findClassificationByName(db: Kysely<DB>, serviceId: number, name: string) {
  return db
    .selectFrom('service_classifications')
    .select('id')
    .where('service_id', '=', serviceId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertClassification(
  db: Kysely<DB>,
  classification: { serviceId: number; name: string; durationMinutes: number; price: number; sortOrder: number },
  now: number,
): Promise<number> {
  return insertReturningId(
    db,
    db.insertInto('service_classifications').values({
      service_id: classification.serviceId,
      name: classification.name,
      duration_minutes: classification.durationMinutes,
      price: classification.price,
      sort_order: classification.sortOrder,
      active: 1,
      created_at: now,
      updated_at: now,
    }),
  );
}

/** What an admin may change on a category, a service or a classification; absent fields stay as they are. */
type CatalogChanges = { name?: string; description?: string; sortOrder?: number; active?: boolean };

const flag = (value: boolean | undefined) => (value === undefined ? undefined : value ? (1 as const) : (0 as const));

/** Every category, inactive ones included, in menu order. */
export async function listCategories(db: Kysely<DB>) {
  return db.selectFrom('service_categories').selectAll().orderBy('sort_order').orderBy('id').execute();
}

export async function findCategory(db: Kysely<DB>, id: number) {
  return db.selectFrom('service_categories').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateCategory(db: Kysely<DB>, id: number, changes: CatalogChanges, now: number) {
  await db
    .updateTable('service_categories')
    .set({
      name: changes.name,
      description: changes.description,
      sort_order: changes.sortOrder,
      active: flag(changes.active),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Every service, inactive ones included, in menu order within each category. */
export async function listServices(db: Kysely<DB>) {
  return db.selectFrom('services').selectAll().orderBy('category_id').orderBy('sort_order').orderBy('id').execute();
}

export async function findService(db: Kysely<DB>, id: number) {
  return db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateService(
  db: Kysely<DB>,
  id: number,
  changes: CatalogChanges & { categoryId?: number; commissionPercent?: number },
  now: number,
) {
  await db
    .updateTable('services')
    .set({
      category_id: changes.categoryId,
      name: changes.name,
      description: changes.description,
      sort_order: changes.sortOrder,
      commission_percent: changes.commissionPercent,
      active: flag(changes.active),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Every classification, inactive ones included, in menu order within each service. */
export async function listClassifications(db: Kysely<DB>) {
  return db
    .selectFrom('service_classifications')
    .selectAll()
    .orderBy('service_id')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

export async function findClassification(db: Kysely<DB>, id: number) {
  return db.selectFrom('service_classifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateClassification(
  db: Kysely<DB>,
  id: number,
  changes: Omit<CatalogChanges, 'description'> & { serviceId?: number; durationMinutes?: number; price?: number },
  now: number,
) {
  await db
    .updateTable('service_classifications')
    .set({
      service_id: changes.serviceId,
      name: changes.name,
      duration_minutes: changes.durationMinutes,
      price: changes.price,
      sort_order: changes.sortOrder,
      active: flag(changes.active),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}
