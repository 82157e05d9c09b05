import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/databases.js';

describe.each(testEngines())('catalogue on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('is public and lists categories → services → classifications in menu order, prices in centavos', async () => {
    const response = await t.api.get('/api/catalog');
    expect(response.status).toBe(200);
    const { categories } = response.body;
    expect(categories.map((category: any) => category.name)).toEqual(['Signature Massage', 'Holistic Recovery']);
    expect(categories[0].services.map((service: any) => service.name)).toEqual([
      'Swedish',
      'Shiatsu',
      'Acupressure',
      'Foot Massage',
    ]);
    expect(categories[0].services[0]).toEqual({
      id: expect.any(Number),
      name: 'Swedish',
      description: 'Long, flowing strokes to relax the whole body.',
      classifications: [
        { id: expect.any(Number), name: '60 minutes', durationMinutes: 60, price: 80_000 },
        { id: expect.any(Number), name: '90 minutes', durationMinutes: 90, price: 115_000 },
        { id: expect.any(Number), name: '120 minutes', durationMinutes: 120, price: 150_000 },
      ],
    });
  });

  it('tells every screen the shop’s name, address, currency, locale and time zone, publicly', async () => {
    const response = await t.api.get('/api/shop');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      name: 'SpaFlow Demo Spa',
      address: '123 Demo Street, Makati City, Metro Manila',
      currency: 'PHP',
      locale: 'en-PH',
      timeZone: 'Asia/Manila',
    });
  });

  it('hides what is deactivated: a classification, a whole service, a whole category', async () => {
    const db = t.testDb.database.db;
    const find = (service: string, tier: string) =>
      db
        .selectFrom('service_classifications as cl')
        .innerJoin('services as s', 's.id', 'cl.service_id')
        .where('s.name', '=', service)
        .where('cl.name', '=', tier)
        .select(['cl.id', 's.id as serviceId'])
        .executeTakeFirstOrThrow();
    const swedish120 = await find('Swedish', '120 minutes');
    const cupping = await find('Cupping', '60 minutes');
    await db.updateTable('service_classifications').set({ active: 0 }).where('id', '=', swedish120.id).execute();
    await db.updateTable('services').set({ active: 0 }).where('id', '=', cupping.serviceId).execute();

    const { categories } = (await t.api.get('/api/catalog')).body;
    const swedish = categories[0].services[0];
    expect(swedish.classifications.map((tier: any) => tier.name)).toEqual(['60 minutes', '90 minutes']);
    expect(categories[1].services.map((service: any) => service.name)).not.toContain('Cupping');

    await db.updateTable('service_categories').set({ active: 0 }).where('name', '=', 'Holistic Recovery').execute();
    const after = (await t.api.get('/api/catalog')).body;
    expect(after.categories.map((category: any) => category.name)).toEqual(['Signature Massage']);
  });
});
