import { majorToMinor } from '@spaflow/domain';
import {
  findCategoryByName,
  findClassificationByName,
  findServiceByName,
  insertCategory,
  insertClassification,
  insertService,
} from '../modules/catalog/catalog.repository.js';
import { hashPassword } from '../modules/auth/password.js';
import { findRoomByName, insertRoom } from '../modules/rooms/rooms.repository.js';
import { countAccounts, findAccountByUsername, insertStaffMember } from '../modules/staff/staff.repository.js';
import { inTransaction, type Database } from './database.js';
import { DEMO_CATALOG, DEMO_PASSWORD, DEMO_ROOMS, DEMO_STAFF } from './demo-data.js';

export type SeedResult = { inserted: number };

/**
 * Loads the demo shop. Idempotent: each row is looked up by its natural key (room name, username, category
 * name, service and classification names) and inserted only when missing, so running it twice changes
 * nothing and rows an admin has since edited stay as they are.
 */
export async function seedDemoData(database: Database, now: number): Promise<SeedResult> {
  // Hash before the transaction: scrypt is deliberately slow and must not hold the write lock.
  const passwordHashes = await Promise.all(DEMO_STAFF.map(() => hashPassword(DEMO_PASSWORD)));
  return inTransaction(database, async (tx) => {
    let inserted = 0;
    const roomIds = new Map<string, number>();
    for (const name of DEMO_ROOMS) {
      const existing = await findRoomByName(tx, name);
      roomIds.set(name, existing?.id ?? (await insertRoom(tx, { name }, now)));
      if (!existing) inserted++;
    }

    for (const [index, staff] of DEMO_STAFF.entries()) {
      if (await findAccountByUsername(tx, staff.username)) continue;
      await insertStaffMember(
        tx,
        {
          role: staff.role,
          username: staff.username,
          displayName: staff.displayName,
          passwordHash: passwordHashes[index]!,
          homeRoomId: staff.role === 'therapist' ? (roomIds.get(staff.homeRoom) ?? null) : null,
          counter: staff.role === 'cashier' ? staff.counter : null,
          commissionPercent: staff.role === 'therapist' ? (staff.commissionPercent ?? null) : null,
        },
        now,
      );
      inserted++;
    }

    for (const [categoryOrder, category] of DEMO_CATALOG.entries()) {
      let categoryId = (await findCategoryByName(tx, category.name))?.id;
      if (categoryId === undefined) {
        categoryId = await insertCategory(
          tx,
          { name: category.name, description: category.description, sortOrder: categoryOrder },
          now,
        );
        inserted++;
      }
      for (const [serviceOrder, service] of category.services.entries()) {
        let serviceId = (await findServiceByName(tx, categoryId, service.name))?.id;
        if (serviceId === undefined) {
          serviceId = await insertService(
            tx,
            {
              categoryId,
              name: service.name,
              description: service.description,
              sortOrder: serviceOrder,
              commissionPercent: service.commissionPercent,
            },
            now,
          );
          inserted++;
        }
        for (const [tierOrder, tier] of service.tiers.entries()) {
          if (await findClassificationByName(tx, serviceId, tier.name)) continue;
          await insertClassification(
            tx,
            {
              serviceId,
              name: tier.name,
              durationMinutes: tier.minutes,
              price: majorToMinor(tier.pesos),
              sortOrder: tierOrder,
            },
            now,
          );
          inserted++;
        }
      }
    }
    return { inserted };
  });
}

/** First start of an empty database (no accounts at all) gets the demo shop; any other start gets nothing. */
export async function seedIfEmpty(database: Database, now: number): Promise<SeedResult | null> {
  if ((await countAccounts(database.db)) > 0) return null;
  try {
    return await seedDemoData(database, now);
  } catch (error) {
    // Another node starting at the same moment seeded first (its rows hit our unique keys): nothing to do.
    if ((await countAccounts(database.db)) > 0) return null;
    throw error;
  }
}
