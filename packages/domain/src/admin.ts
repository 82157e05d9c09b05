import { z } from 'zod';
import { PAYMENT_METHODS, TRANSACTION_STATUSES } from './lifecycle.js';
import { passwordSchema, staffRoleSchema, usernameSchema } from './schemas.js';
import { transactionActionSchema } from './transactions.js';

/**
 * The admin API: inputs (strict: unknown fields are refused) and answers for the catalogue,
 * staff, rooms and a transaction's audit trail. Text limits are the column sizes of the initial migration.
 */

export const CATALOG_NAME_MAX = 120;
export const DESCRIPTION_MAX = 1000;
export const ROOM_NAME_MAX = 60;
export const DISPLAY_NAME_MAX = 120;
export const COUNTER_MAX = 16;
/** A classification's longest duration: one day. */
export const MAX_DURATION_MINUTES = 24 * 60;
/**
 * A classification's highest price (₱100,000.00). A full cart (20 lines of 10) of it still fits the
 * 32-bit totals of a transaction. The lowest is 1 centavo: a transaction of free items could never be paid.
 */
export const MAX_CLASSIFICATION_PRICE = 10_000_000;

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const name = (max: number) => text(max).min(1, 'required');
const id = z.number().int().positive().max(INT32_MAX);
const sortOrder = z.number().int().min(INT32_MIN).max(INT32_MAX);
const durationMinutes = z
  .number()
  .int('whole minutes')
  .min(1, 'at least 1')
  .max(MAX_DURATION_MINUTES, `at most ${MAX_DURATION_MINUTES}`);
const price = z
  .number()
  .int('a whole number of centavos')
  .min(1, 'at least 1 centavo')
  .max(MAX_CLASSIFICATION_PRICE, `at most ${MAX_CLASSIFICATION_PRICE} centavos`);
const displayName = name(DISPLAY_NAME_MAX);
/** Commission: a whole percent of net sales, 0 (none) to 100. */
const commissionPercent = z.number().int('a whole percent').min(0, 'at least 0').max(100, 'at most 100');
const counter = name(COUNTER_MAX);

/** A PATCH must change something. */
function someField<T extends object>(value: T): boolean {
  return Object.values(value).some((field) => field !== undefined);
}
const SOME_FIELD = { message: 'send at least one field to change' };

// Catalogue

export const categoryCreateInputSchema = z.strictObject({
  name: name(CATALOG_NAME_MAX),
  description: text(DESCRIPTION_MAX).default(''),
  sortOrder: sortOrder.default(0),
  active: z.boolean().default(true),
});
export type CategoryCreateInput = z.infer<typeof categoryCreateInputSchema>;

export const categoryUpdateInputSchema = z
  .strictObject({
    name: name(CATALOG_NAME_MAX).optional(),
    description: text(DESCRIPTION_MAX).optional(),
    sortOrder: sortOrder.optional(),
    active: z.boolean().optional(),
  })
  .refine(someField, SOME_FIELD);
export type CategoryUpdateInput = z.infer<typeof categoryUpdateInputSchema>;

export const serviceCreateInputSchema = z.strictObject({
  categoryId: id,
  name: name(CATALOG_NAME_MAX),
  description: text(DESCRIPTION_MAX).default(''),
  sortOrder: sortOrder.default(0),
  commissionPercent: commissionPercent.default(0),
  active: z.boolean().default(true),
});
export type ServiceCreateInput = z.infer<typeof serviceCreateInputSchema>;

export const serviceUpdateInputSchema = z
  .strictObject({
    categoryId: id.optional(),
    name: name(CATALOG_NAME_MAX).optional(),
    description: text(DESCRIPTION_MAX).optional(),
    sortOrder: sortOrder.optional(),
    commissionPercent: commissionPercent.optional(),
    active: z.boolean().optional(),
  })
  .refine(someField, SOME_FIELD);
export type ServiceUpdateInput = z.infer<typeof serviceUpdateInputSchema>;

export const classificationCreateInputSchema = z.strictObject({
  serviceId: id,
  name: name(CATALOG_NAME_MAX),
  durationMinutes,
  price,
  sortOrder: sortOrder.default(0),
  active: z.boolean().default(true),
});
export type ClassificationCreateInput = z.infer<typeof classificationCreateInputSchema>;

export const classificationUpdateInputSchema = z
  .strictObject({
    serviceId: id.optional(),
    name: name(CATALOG_NAME_MAX).optional(),
    durationMinutes: durationMinutes.optional(),
    price: price.optional(),
    sortOrder: sortOrder.optional(),
    active: z.boolean().optional(),
  })
  .refine(someField, SOME_FIELD);
export type ClassificationUpdateInput = z.infer<typeof classificationUpdateInputSchema>;

export const adminCategorySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type AdminCategoryView = z.infer<typeof adminCategorySchema>;

export const adminServiceSchema = z.object({
  id: z.number().int(),
  categoryId: z.number().int(),
  name: z.string(),
  description: z.string(),
  sortOrder: z.number().int(),
  /** Whole percent of the service's net sales the therapist earns, unless the therapist has an override. */
  commissionPercent: z.number().int(),
  active: z.boolean(),
});
export type AdminServiceView = z.infer<typeof adminServiceSchema>;

export const adminClassificationSchema = z.object({
  id: z.number().int(),
  serviceId: z.number().int(),
  name: z.string(),
  durationMinutes: z.number().int(),
  price: z.number().int(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type AdminClassificationView = z.infer<typeof adminClassificationSchema>;

// Staff

/**
 * A new sign-in. A counter belongs to cashiers; a home room and a commission override (a whole percent that
 * replaces every service's own for this therapist; null: the service's applies) to therapists only.
 */
export const staffCreateInputSchema = z
  .strictObject({
    role: staffRoleSchema,
    username: usernameSchema,
    displayName,
    password: passwordSchema,
    counter: counter.nullish(),
    homeRoomId: id.nullish(),
    commissionPercent: commissionPercent.nullish(),
  })
  .superRefine((input, ctx) => {
    if (input.role !== 'cashier' && input.counter) {
      ctx.addIssue({ code: 'custom', path: ['counter'], message: 'only cashiers have a counter' });
    }
    if (input.role !== 'therapist' && input.homeRoomId) {
      ctx.addIssue({ code: 'custom', path: ['homeRoomId'], message: 'only therapists have a home room' });
    }
    if (input.role !== 'therapist' && input.commissionPercent !== undefined && input.commissionPercent !== null) {
      ctx.addIssue({ code: 'custom', path: ['commissionPercent'], message: 'only therapists earn commission' });
    }
  });
export type StaffCreateInput = z.infer<typeof staffCreateInputSchema>;

/** `password` resets it; `active: false` ends every session of the account at once. */
export const staffUpdateInputSchema = z
  .strictObject({
    displayName: displayName.optional(),
    password: passwordSchema.optional(),
    active: z.boolean().optional(),
    counter: counter.nullable().optional(),
    homeRoomId: id.nullable().optional(),
    commissionPercent: commissionPercent.nullable().optional(),
  })
  .refine(someField, SOME_FIELD);
export type StaffUpdateInput = z.infer<typeof staffUpdateInputSchema>;

export const adminStaffSchema = z.object({
  id: z.number().int(),
  role: staffRoleSchema,
  username: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  /** Cashiers only (else null). */
  counter: z.string().nullable(),
  /** Therapists only (else null). */
  homeRoomId: z.number().int().nullable(),
  /** Therapists only: their override of the services' commission percent (null: each service's applies). */
  commissionPercent: z.number().int().nullable(),
  status: z.enum(['available', 'on_break']).nullable(),
});
export type AdminStaffView = z.infer<typeof adminStaffSchema>;

// Rooms

export const roomCreateInputSchema = z.strictObject({ name: name(ROOM_NAME_MAX) });
export type RoomCreateInput = z.infer<typeof roomCreateInputSchema>;

export const roomUpdateInputSchema = z
  .strictObject({
    name: name(ROOM_NAME_MAX).optional(),
    active: z.boolean().optional(),
    outOfService: z.boolean().optional(),
  })
  .refine(someField, SOME_FIELD);
export type RoomUpdateInput = z.infer<typeof roomUpdateInputSchema>;

export const adminRoomSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Where the room is in its service cycle; `outOfService` and `active` are the admin's own flags. */
  status: z.enum(['available', 'reserved', 'occupied', 'cleaning']),
  outOfService: z.boolean(),
  active: z.boolean(),
});
export type AdminRoomView = z.infer<typeof adminRoomSchema>;

// Audit trail

/** What a step did beyond its status (events from before migration 0004 have none). */
export const eventDetailSchema = z.object({
  paymentId: z.number().int().optional(),
  refundId: z.number().int().optional(),
  method: z.enum(PAYMENT_METHODS).optional(),
  amount: z.number().int().optional(),
  tipAmount: z.number().int().optional(),
  reason: z.string().optional(),
  discount: z
    .object({ id: z.number().int(), name: z.string(), amount: z.number().int(), note: z.string().nullable() })
    .optional(),
  fromCashier: z.object({ id: z.number().int(), displayName: z.string() }).optional(),
  toCashier: z.object({ id: z.number().int(), displayName: z.string() }).optional(),
});
export type EventDetail = z.infer<typeof eventDetailSchema>;

export const transactionEventSchema = z.object({
  seq: z.number().int(),
  action: transactionActionSchema,
  from: z.enum(TRANSACTION_STATUSES).nullable(),
  to: z.enum(TRANSACTION_STATUSES),
  at: z.string(),
  actor: z.object({
    type: z.enum(['customer', 'staff', 'system']),
    id: z.number().int().nullable(),
    displayName: z.string().nullable(),
  }),
  detail: eventDetailSchema.nullable(),
});
export type TransactionEvent = z.infer<typeof transactionEventSchema>;
export const transactionEventListSchema = z.object({ events: z.array(transactionEventSchema) });

/** A ticket as people name it: its code on its business day (codes start again every day). */
export const ticketLookupQuerySchema = z.strictObject({
  date: z.iso.date('a date like 2026-11-26'),
  code: z
    .string()
    .trim()
    .regex(/^\d{1,9}$/, 'the digits on the ticket, e.g. 0012'),
});
