import type { Catalog } from '@spaflow/domain';
import type { Database } from '../../db/database.js';
import { listActiveClassifications } from './catalog.repository.js';

/** The kiosk's menu: active categories, services and classifications only, in the admin's order. */
export async function getCatalog(database: Database): Promise<Catalog> {
  const rows = await listActiveClassifications(database.db);
  const categories: Catalog['categories'] = [];
  for (const row of rows) {
    let category = categories.at(-1);
    if (category?.id !== row.categoryId) {
      category = { id: row.categoryId, name: row.categoryName, services: [] };
      categories.push(category);
    }
    let service = category.services.at(-1);
    if (service?.id !== row.serviceId) {
      service = { id: row.serviceId, name: row.serviceName, description: row.serviceDescription, classifications: [] };
      category.services.push(service);
    }
    service.classifications.push({
      id: row.classificationId,
      name: row.classificationName,
      durationMinutes: row.durationMinutes,
      price: row.price,
    });
  }
  return { categories };
}
