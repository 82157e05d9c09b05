import {
  adminCategorySchema,
  adminClassificationSchema,
  adminRoomSchema,
  adminServiceSchema,
  adminStaffSchema,
  categoryCreateInputSchema,
  categoryUpdateInputSchema,
  classificationCreateInputSchema,
  classificationUpdateInputSchema,
  idParamsSchema,
  roomCreateInputSchema,
  roomUpdateInputSchema,
  serviceCreateInputSchema,
  serviceUpdateInputSchema,
  staffCreateInputSchema,
  staffUpdateInputSchema,
  ticketLookupQuerySchema,
  transactionEventListSchema,
  transactionResultSchema,
} from '@spaflow/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../context.js';
import { staffOf } from '../../http/access.js';
import { AdminService } from './admin.service.js';

const security = [{ bearer: [] }];
/** Every admin route: admins only (401 without a token, 403 for any other role). */
const config = { access: ['admin'] } as const;

/** The admin API, under /api/admin. */
export function adminRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  const admin = new AdminService(context);
  return async (app) => {
    const tags = ['admin'];

    // Categories

    app.get(
      '/categories',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Every category, inactive ones included',
          response: { 200: z.object({ categories: z.array(adminCategorySchema) }) },
        },
      },
      async () => ({ categories: await admin.listCategories() }),
    );

    app.post(
      '/categories',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Add a category',
          body: categoryCreateInputSchema,
          response: { 201: z.object({ category: adminCategorySchema }) },
        },
      },
      async (request, reply) => reply.status(201).send({ category: await admin.createCategory(request.body) }),
    );

    app.patch(
      '/categories/:id',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Change a category (name, description, order, active)',
          params: idParamsSchema,
          body: categoryUpdateInputSchema,
          response: { 200: z.object({ category: adminCategorySchema }) },
        },
      },
      async (request) => ({ category: await admin.updateCategory(request.params.id, request.body) }),
    );

    // Services

    app.get(
      '/services',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Every service, inactive ones included',
          response: { 200: z.object({ services: z.array(adminServiceSchema) }) },
        },
      },
      async () => ({ services: await admin.listServices() }),
    );

    app.post(
      '/services',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Add a service to a category',
          body: serviceCreateInputSchema,
          response: { 201: z.object({ service: adminServiceSchema }) },
        },
      },
      async (request, reply) => reply.status(201).send({ service: await admin.createService(request.body) }),
    );

    app.patch(
      '/services/:id',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Change a service (category, name, description, order, active)',
          params: idParamsSchema,
          body: serviceUpdateInputSchema,
          response: { 200: z.object({ service: adminServiceSchema }) },
        },
      },
      async (request) => ({ service: await admin.updateService(request.params.id, request.body) }),
    );

    // Classifications

    app.get(
      '/classifications',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Every classification (duration and price tier), inactive ones included',
          response: { 200: z.object({ classifications: z.array(adminClassificationSchema) }) },
        },
      },
      async () => ({ classifications: await admin.listClassifications() }),
    );

    app.post(
      '/classifications',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Add a classification to a service; price in centavos',
          body: classificationCreateInputSchema,
          response: { 201: z.object({ classification: adminClassificationSchema }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send({ classification: await admin.createClassification(request.body) }),
    );

    app.patch(
      '/classifications/:id',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Change a classification; past transactions keep the name and price they were sold at',
          params: idParamsSchema,
          body: classificationUpdateInputSchema,
          response: { 200: z.object({ classification: adminClassificationSchema }) },
        },
      },
      async (request) => ({ classification: await admin.updateClassification(request.params.id, request.body) }),
    );

    // Staff

    app.get(
      '/staff',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Every staff account, inactive ones included (never a password hash)',
          response: { 200: z.object({ staff: z.array(adminStaffSchema) }) },
        },
      },
      async () => ({ staff: await admin.listStaff() }),
    );

    app.post(
      '/staff',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Add a staff account (therapist, cashier, monitor or admin)',
          body: staffCreateInputSchema,
          response: { 201: z.object({ staff: adminStaffSchema }) },
        },
      },
      async (request, reply) => reply.status(201).send({ staff: await admin.createStaff(request.body) }),
    );

    app.patch(
      '/staff/:id',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Change a staff account; reset its password; deactivate it (ends its sessions at once)',
          params: idParamsSchema,
          body: staffUpdateInputSchema,
          response: { 200: z.object({ staff: adminStaffSchema }) },
        },
      },
      async (request) => ({ staff: await admin.updateStaff(staffOf(request), request.params.id, request.body) }),
    );

    // Rooms

    app.get(
      '/rooms',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Every room, inactive and out-of-service ones included',
          response: { 200: z.object({ rooms: z.array(adminRoomSchema) }) },
        },
      },
      async () => ({ rooms: await admin.listRooms() }),
    );

    app.post(
      '/rooms',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Add a room',
          body: roomCreateInputSchema,
          response: { 201: z.object({ room: adminRoomSchema }) },
        },
      },
      async (request, reply) => reply.status(201).send({ room: await admin.createRoom(request.body) }),
    );

    app.patch(
      '/rooms/:id',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Rename a room, take it out of service or deactivate it (409 while a customer uses it)',
          params: idParamsSchema,
          body: roomUpdateInputSchema,
          response: { 200: z.object({ room: adminRoomSchema }) },
        },
      },
      async (request) => ({ room: await admin.updateRoom(request.params.id, request.body) }),
    );

    // Audit trail

    app.get(
      '/transactions',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Find a transaction by its ticket code and business day',
          querystring: ticketLookupQuerySchema,
          response: { 200: transactionResultSchema },
        },
      },
      async (request) => ({ transaction: await admin.findTicket(request.query.date, request.query.code) }),
    );

    app.get(
      '/transactions/:id/events',
      {
        config,
        schema: {
          tags,
          security,
          summary: "A transaction's audit trail, oldest first",
          params: idParamsSchema,
          response: { 200: transactionEventListSchema },
        },
      },
      async (request) => ({ events: await admin.transactionEvents(request.params.id) }),
    );
  };
}
