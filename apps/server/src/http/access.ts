import { AppError, type PrincipalRole } from '@spaflow/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthService } from '../modules/auth/auth.service.js';
import type { Principal, StaffPrincipal } from '../modules/auth/principal.js';

/** Who may call a route: anyone, or any principal holding one of the roles. Every route declares it. */
export type Access = 'public' | readonly PrincipalRole[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

function roleOf(principal: Principal): PrincipalRole {
  return principal.kind === 'customer' ? 'customer' : principal.role;
}

/**
 * Authentication and the role check run in onRequest, before the body is read or validated, so that the
 * order of answers is 401 → 403 → 400. Ownership checks belong to the services.
 */
export function registerAccessControl(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && route.config?.access === undefined) {
      throw new Error(`route ${route.method.toString()} ${route.url} does not declare who may call it (config.access)`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    const token = bearerToken(request);
    request.principal = token ? await auth.authenticate(token) : null;
    if (access === undefined || access === 'public') return;
    if (!request.principal) {
      throw new AppError('unauthenticated', token ? 'Your session has ended. Sign in again.' : 'Sign in first.');
    }
    if (!access.includes(roleOf(request.principal))) {
      throw new AppError('forbidden', 'Your role may not do this.');
    }
  });
}

export function staffOf(request: FastifyRequest): StaffPrincipal {
  const principal = request.principal;
  if (principal?.kind !== 'staff') throw new AppError('unauthenticated', 'Sign in first.');
  return principal;
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', 'Sign in first.');
  return request.principal;
}
