import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { STATION_PATHS } from '@spaflow/domain';
import type { FastifyInstance } from 'fastify';

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

/**
 * Serves the station screens: the built files, and index.html at each station's path (the web app routes
 * from there). Without a build (tests of the API alone) there is nothing to serve and the API runs alone.
 */
export async function registerWebApp(app: FastifyInstance, distDir = WEB_DIST_DIR): Promise<void> {
  if (!existsSync(`${distDir}/index.html`)) return;
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
  for (const path of STATION_PATHS) {
    app.get(path, { config: { access: 'public' }, schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', 'no-cache').header('content-security-policy', SCREEN_CSP).sendFile('index.html'),
    );
  }
}
