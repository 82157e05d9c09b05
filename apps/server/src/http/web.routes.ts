import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { WEB_APP_PATHS } from '@spaflow/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build` puts the web app (apps/web/dist), from this file in src/ or dist/. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** The screens load only their own code; Mantine sets inline styles; the socket is same-origin. */
const SCREEN_CSP = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Addresses that are never the web app's: a mistyped one there keeps the JSON 404. */
const NOT_WEB_APP = /^\/(api|socket\.io|docs|healthz|readyz|metrics)(\/|$)/;

function sendAppShell(reply: FastifyReply, status = 200) {
  return reply
    .status(status)
    .header('cache-control', 'no-cache')
    .header('content-security-policy', SCREEN_CSP)
    .sendFile('index.html');
}

/**
 * Whether a request nobody routes is a mistyped page address (`/kiosk/xyz`, `/nope`): a GET for a path
 * without a file extension, outside the API. Those get the web app, which shows its own not-found page.
 */
export function isPageAddress(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0]!;
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  return (
    (request.method === 'GET' || request.method === 'HEAD') && !NOT_WEB_APP.test(path) && !lastSegment.includes('.')
  );
}

/**
 * Serves the screens: the built files, and index.html at each screen's path (the web app routes from there)
 * and, with status 404, at any other page address. Without a build (tests of the API alone) there is
 * nothing to serve and the API runs alone. Answers whether the web app is served.
 */
export async function registerWebApp(app: FastifyInstance, distDir = WEB_DIST_DIR): Promise<boolean> {
  if (!existsSync(`${distDir}/index.html`)) return false;
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    index: false,
    wildcard: false,
    // Hashed asset names change with every build; index.html must always be fresh.
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  for (const path of WEB_APP_PATHS) {
    app.get(path, { config: { access: 'public' }, schema: { hide: true } }, (_request, reply) => sendAppShell(reply));
  }
  return true;
}

/** The web app's shell with status 404, for a mistyped page address (see isPageAddress). */
export function sendNotFoundPage(reply: FastifyReply) {
  return sendAppShell(reply, 404);
}
