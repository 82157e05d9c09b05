import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/databases.js';
import { expectOk } from './support/floor.js';

describe.each(testEngines())('commission settings on %s', (engine) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.api.login('admin');
  });
  afterAll(async () => t?.close());

  const patch = (path: string, body: unknown) => t.api.request('PATCH', path, { body, token: admin });

  it('keeps a whole commission percent per service, 0 by default, with the demo menu’s own', async () => {
    const { services } = await expectOk(t.api.get('/api/admin/services', admin));
    expect(services.find((service: { name: string }) => service.name === 'Swedish').commissionPercent).toBe(40);
    const created = await expectOk(
      t.api.post('/api/admin/services', { categoryId: services[0].categoryId, name: 'Hot Stone' }, admin),
      201,
    );
    expect(created.service.commissionPercent).toBe(0);
    const changed = await expectOk(patch(`/api/admin/services/${created.service.id}`, { commissionPercent: 30 }));
    expect(changed.service.commissionPercent).toBe(30);

    for (const bad of [-1, 101, 12.5, '30', null]) {
      const refused = await patch(`/api/admin/services/${created.service.id}`, { commissionPercent: bad });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
      expect(refused.body.error.issues[0].path).toBe('body.commissionPercent');
    }
    const after = (await expectOk(t.api.get('/api/admin/services', admin))).services.find(
      (service: { id: number }) => service.id === created.service.id,
    );
    expect(after.commissionPercent).toBe(30);
  });

  it('lets a therapist override it (null: each service’s applies), and nobody else carry one', async () => {
    const { staff } = await expectOk(t.api.get('/api/admin/staff', admin));
    const byName = (username: string) => staff.find((member: { username: string }) => member.username === username);
    expect(byName('therapist1').commissionPercent).toBe(50);
    expect(byName('therapist2').commissionPercent).toBeNull();
    expect(byName('cashier1').commissionPercent).toBeNull();

    const set = await expectOk(patch(`/api/admin/staff/${byName('therapist2').id}`, { commissionPercent: 45 }));
    expect(set.staff.commissionPercent).toBe(45);
    const cleared = await expectOk(patch(`/api/admin/staff/${byName('therapist2').id}`, { commissionPercent: null }));
    expect(cleared.staff.commissionPercent).toBeNull();

    const cashier = await patch(`/api/admin/staff/${byName('cashier1').id}`, { commissionPercent: 10 });
    expect(cashier.status).toBe(400);
    expect(cashier.body.error.issues[0].path).toBe('body.commissionPercent');

    const created = await expectOk(
      t.api.post(
        '/api/admin/staff',
        {
          role: 'therapist',
          username: 'therapist9',
          displayName: 'Rosa Lim',
          password: 'password123',
          commissionPercent: 38,
        },
        admin,
      ),
      201,
    );
    expect(created.staff.commissionPercent).toBe(38);
    const refused = await t.api.post(
      '/api/admin/staff',
      { role: 'cashier', username: 'cashier9', displayName: 'Ben Go', password: 'password123', commissionPercent: 5 },
      admin,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues[0].path).toBe('body.commissionPercent');
  });
});
