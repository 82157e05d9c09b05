import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { AppError } from '@spaflow/domain';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { registerAccessControl } from './http/access.js';
import { registerErrorHandling, registerNotFound } from './http/errors.js';
import { healthRoutes } from './http/health.routes.js';
import { shopRoutes } from './http/shop.routes.js';
import { registerWebApp } from './http/web.routes.js';
import { adminRoutes } from './modules/admin/admin.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { AuthService } from './modules/auth/auth.service.js';
import { boardRoutes } from './modules/board/board.routes.js';
import { BoardService } from './modules/board/board.service.js';
import { catalogRoutes } from './modules/catalog/catalog.routes.js';
import { handoffRoutes } from './modules/handoff/handoff.routes.js';
import { HandoffService } from './modules/handoff/handoff.service.js';
import { IdempotencyService } from './modules/idempotency/idempotency.service.js';
import { monitorRoutes } from './modules/monitor/monitor.routes.js';
import { MonitorService } from './modules/monitor/monitor.service.js';
import { paymentsRoutes } from './modules/payments/payments.routes.js';
import { discountsRoutes } from './modules/discounts/discounts.routes.js';
import { DiscountsService } from './modules/discounts/discounts.service.js';
import { PaymentsService } from './modules/payments/payments.service.js';
import { queueRoutes } from './modules/queue/queue.routes.js';
import { reportsRoutes } from './modules/reports/reports.routes.js';
import { drawersRoutes } from './modules/drawers/drawers.routes.js';
import { DrawersService } from './modules/drawers/drawers.service.js';
import { ReportsService } from './modules/reports/reports.service.js';
import { QueueService } from './modules/queue/queue.service.js';
import { roomsRoutes } from './modules/rooms/rooms.routes.js';
import { RoomsService } from './modules/rooms/rooms.service.js';
import { transactionsRoutes } from './modules/transactions/transactions.routes.js';
import { TransactionsService } from './modules/transactions/transactions.service.js';
import { ChangeFeed, RevocationFeed } from './realtime/changes.js';
import { attachRealtime } from './realtime/socket-server.js';
import type { ServiceContext } from './context.js';

export type AppOptions = {
  config: Config;
  database: Database;
  clock?: Clock;
  /** Where log lines go (stdout by default); tests read them to prove no secret is ever written. */
  logStream?: DestinationStream;
};

/** Request bodies above this are refused with 413 before they are parsed. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** How often each node expires idle selections and old idempotency keys. */
const SWEEP_INTERVAL_MS = 60_000;

export type Services = {
  context: ServiceContext;
  auth: AuthService;
  transactions: TransactionsService;
  queue: QueueService;
  rooms: RoomsService;
  idempotency: IdempotencyService;
  payments: PaymentsService;
  discounts: DiscountsService;
  monitor: MonitorService;
  reports: ReportsService;
  drawers: DrawersService;
  board: BoardService;
  handoff: HandoffService;
};

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    io: Awaited<ReturnType<typeof attachRealtime>>;
  }
}

/** Builds the whole HTTP application without listening, so tests and main.ts start the very same thing. */
export async function buildApp({
  config,
  database,
  clock = systemClock,
  logStream,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    // A loaded machine (a busy CI box, several nodes starting at once) can take more than the default 10 s.
    pluginTimeout: 60_000,
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    logger: {
      level: config.logLevel,
      // Tokens and passwords never reach the logs, even if a future log line includes headers or bodies.
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token', '*.customerToken'],
        censor: '[redacted]',
      },
      ...(logStream ? { stream: logStream } : {}),
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(helmet, {
    // The OpenAPI UI at /docs needs its own CSP (set by swagger-ui's staticCSP); the API answers JSON only.
    contentSecurityPolicy: false,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () =>
      new AppError('rate_limited', 'Too many requests from this address. Wait a minute and try again.'),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'SpaFlow API',
        version: '0.1.0',
        description: 'The HTTP contract of SpaFlow: the kiosk, the stations, the board and the admin console.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  registerErrorHandling(app);

  const context: ServiceContext = {
    config,
    database,
    clock,
    changes: new ChangeFeed(),
    revocations: new RevocationFeed(),
  };
  const transactions = new TransactionsService(context);
  const idempotency = new IdempotencyService(context);
  const services: Services = {
    context,
    auth: new AuthService(context),
    transactions,
    queue: new QueueService(context),
    rooms: new RoomsService(context),
    idempotency,
    payments: new PaymentsService(context, transactions, idempotency),
    discounts: new DiscountsService(context, transactions),
    monitor: new MonitorService(context),
    reports: new ReportsService(context),
    drawers: new DrawersService(context),
    board: new BoardService(context, transactions),
    handoff: new HandoffService(context, transactions),
  };
  app.decorate('services', services);
  registerAccessControl(app, services.auth);

  await app.register(healthRoutes(database));
  await app.register(authRoutes(services.auth), { prefix: '/api/auth' });
  await app.register(shopRoutes(config), { prefix: '/api/shop' });
  await app.register(catalogRoutes(database), { prefix: '/api/catalog' });
  await app.register(transactionsRoutes(services.transactions), { prefix: '/api/transactions' });
  await app.register(paymentsRoutes(services.payments, config.testPaymentAnswerDelayMs), { prefix: '/api' });
  await app.register(discountsRoutes(services.discounts), { prefix: '/api' });
  await app.register(queueRoutes(services.queue), { prefix: '/api' });
  await app.register(roomsRoutes(services.rooms), { prefix: '/api/rooms' });
  await app.register(adminRoutes(services.context), { prefix: '/api/admin' });
  await app.register(monitorRoutes(services.monitor), { prefix: '/api/monitor' });
  await app.register(reportsRoutes(services.reports), { prefix: '/api/reports' });
  await app.register(drawersRoutes(services.drawers), { prefix: '/api' });
  await app.register(boardRoutes(services.board), { prefix: '/api' });
  await app.register(handoffRoutes(services.handoff), { prefix: '/api' });

  registerNotFound(app, await registerWebApp(app, config.webDistDir));
  app.decorate('io', await attachRealtime(app, services));

  let sweeper: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    sweeper = setInterval(() => {
      Promise.all([
        services.transactions.sweepIdleSelections(),
        services.idempotency.deleteExpired(),
        services.auth.sweepLoginFailures(),
      ]).catch((error: unknown) => app.log.error({ err: error }, 'housekeeping failed'));
    }, SWEEP_INTERVAL_MS).unref();
  });
  app.addHook('onClose', async () => clearInterval(sweeper));

  return app;
}
