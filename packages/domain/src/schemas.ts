import { z } from 'zod';
import { STAFF_ROLES } from './roles.js';

/** Input shapes shared by the server (validation) and the web app (forms). */

export const usernameSchema = z
  .string()
  .trim()
  .min(3, 'at least 3 characters')
  .max(64, 'at most 64 characters')
  .regex(/^[a-zA-Z0-9._-]+$/, 'letters, digits, dot, dash and underscore only');

export const passwordSchema = z.string().min(8, 'at least 8 characters').max(200, 'at most 200 characters');

export const loginInputSchema = z.strictObject({
  username: z.string().trim().min(1, 'required').max(64, 'at most 64 characters'),
  password: z.string().min(1, 'required').max(200, 'at most 200 characters'),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

export const staffRoleSchema = z.enum(STAFF_ROLES);

export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: staffRoleSchema,
});
export type User = z.infer<typeof userSchema>;

export const loginResultSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: userSchema,
});
export type LoginResult = z.infer<typeof loginResultSchema>;

export const catalogClassificationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  durationMinutes: z.number().int(),
  price: z.number().int(),
});

export const catalogServiceSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  classifications: z.array(catalogClassificationSchema),
});

export const catalogCategorySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  services: z.array(catalogServiceSchema),
});

export const catalogSchema = z.object({ categories: z.array(catalogCategorySchema) });
export type Catalog = z.infer<typeof catalogSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/** What every screen needs to speak the shop's language: its name, money and clock. */
export const shopSettingsSchema = z.object({
  name: z.string(),
  address: z.string(),
  currency: z.string(),
  locale: z.string(),
  timeZone: z.string(),
});
export type ShopSettings = z.infer<typeof shopSettingsSchema>;

/** The station screens, each a route of the web app, served by the server at `/<station>` (and `/`, the list). */
export const STATIONS = ['kiosk', 'therapist', 'cashier', 'monitor', 'admin'] as const;
export const STATION_PATHS = ['/', ...STATIONS.map((station) => `/${station}` as const)];
/** Every address the web app answers: the stations, the public call board and the ticket on a customer's phone. */
export const WEB_APP_PATHS = [...STATION_PATHS, '/board', '/t/:handoffCode'];
