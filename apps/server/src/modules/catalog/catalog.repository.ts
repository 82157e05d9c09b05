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
  service: { categoryId: number; name: string; description: string; sortOrder: number },
  now: number,
): Promise<number> {
  return insertReturningId(
    db,
    db.insertInto('services').values({
      category_id: service.categoryId,
      name: service.name,
      description: service.description,
      sort_order: service.sortOrder,
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
