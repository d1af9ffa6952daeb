/**
 * What people read: the web page (built by scripts/bundle.mjs from web/ into dist/web/, served from this server,
 * nothing from elsewhere) and the API reference (Swagger UI from @fastify/swagger-ui, its assets served locally)
 * at /docs, over the same OpenAPI document as /openapi.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { PACKAGE_ROOT } from '../paths.js';
import { openApiDocument } from './openapi.js';

const WEB_DIR = join(PACKAGE_ROOT, 'dist', 'web');

/** The page's files, by URL path, with their media types. */
const ASSETS: Record<string, [string, string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/app.js': ['app.js', 'text/javascript; charset=utf-8'],
  '/app.css': ['app.css', 'text/css; charset=utf-8'],
};

/** Scripts and styles from this server only; no inline script; data: images for chart downloads. */
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

export async function registerPage(app: FastifyInstance): Promise<void> {
  for (const [url, [file, type]] of Object.entries(ASSETS))
    app.get(url, async (_request, reply) => {
      const path = join(WEB_DIR, file);
      if (!existsSync(path))
        return reply.code(503).type('text/plain; charset=utf-8').send('The page is not built: run npm run build.\n');
      return reply
        .type(type)
        .header('content-security-policy', PAGE_CSP)
        .header('cache-control', 'no-cache')
        .send(readFileSync(path));
    });
}

export async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, { mode: 'static', specification: { document: openApiDocument() as never } });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: false } });
}
