import type { ApiClient } from './http.js';

/** Small factories for lifecycle tests: each drives the real HTTP API the way a station would. */

export type CatalogIndex = Map<
  string,
  { classificationId: number; serviceId: number; price: number; durationMinutes: number }
>;

/** "Swedish 60 minutes" → its ids and price, from the public catalogue. */
export async function catalogIndex(api: ApiClient): Promise<CatalogIndex> {
  const { body } = await api.get('/api/catalog');
  const index: CatalogIndex = new Map();
  for (const category of body.categories) {
    for (const service of category.services) {
      for (const tier of service.classifications) {
        index.set(`${service.name} ${tier.name}`, {
          classificationId: tier.id,
          serviceId: service.id,
          price: tier.price,
          durationMinutes: tier.durationMinutes,
        });
      }
    }
  }
  return index;
}

export type Ticket = { id: number; token: string; transaction: any };

export async function createSelection(
  api: ApiClient,
  items: { classificationId: number; quantity?: number }[],
  priority?: 'pwd' | 'senior' | 'pregnant',
): Promise<Ticket> {
  const response = await api.post('/api/transactions', { items, ...(priority ? { priority } : {}) });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return {
    id: response.body.transaction.id,
    token: response.body.customerToken,
    transaction: response.body.transaction,
  };
}

/** A customer at the kiosk: picks, confirms, and is in the therapist queue. */
export async function createWaiting(
  api: ApiClient,
  items: { classificationId: number; quantity?: number }[],
  priority?: 'pwd' | 'senior' | 'pregnant',
): Promise<Ticket> {
  const ticket = await createSelection(api, items, priority);
  const confirmed = await api.post(`/api/transactions/${ticket.id}/confirm`, undefined, ticket.token);
  if (confirmed.status !== 200)
    throw new Error(`confirm failed: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return { ...ticket, transaction: confirmed.body.transaction };
}

export async function expectOk(response: Promise<{ status: number; body: any }>, status = 200): Promise<any> {
  const result = await response;
  if (result.status !== status)
    throw new Error(`expected ${status}, got ${result.status}: ${JSON.stringify(result.body)}`);
  return result.body;
}
