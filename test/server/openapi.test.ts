/**
 * The OpenAPI 3.1 document is made from the zod schemas the command line reads with: the claim's fields are the
 * claim schema's, the parameters the endpoint table's; the reference page is served from this server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { claimSchema } from '../../src/input/documents.js';
import { ENDPOINTS } from '../../src/server/endpoints.js';
import { startServer, type Running } from './helpers.js';

let server: Running;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

describe('/openapi.json', () => {
  it('is OpenAPI 3.1 with every engine endpoint, its parameters and its problem answers', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, { post?: { parameters: Array<{ name: string }>; responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const e of ENDPOINTS) {
      const op = doc.paths[e.path]?.post;
      expect(op, e.path).toBeDefined();
      expect(op?.parameters.map((p) => p.name).sort()).toEqual(
        Object.keys((e.params as unknown as z.ZodObject).shape).sort(),
      );
      expect(Object.keys(op?.responses ?? {})).toEqual(
        expect.arrayContaining(['200', '400', '401', '413', '415', '422']),
      );
    }
    expect(doc.paths['/v1/evaluate']?.post?.parameters.map((p) => p.name)).toEqual(['output', 'set', 'store']);
    for (const path of ['/v1/records', '/v1/records/replay', '/v1/records/{ref}', '/v1/impact'])
      expect(doc.paths[path], path).toBeDefined();
    const fromZod = z.toJSONSchema(claimSchema, { unrepresentable: 'any', io: 'input' }) as {
      properties: object;
      required: string[];
    };
    expect(Object.keys(doc.components.schemas.Claim?.properties ?? {})).toEqual(Object.keys(fromZod.properties));
    expect(doc.components.schemas.Claim?.required).toEqual(fromZod.required);
    expect(doc.components.schemas.Problems).toBeDefined();
  });

  it('has a reference page at /docs, its assets from this server', async () => {
    const page = await fetch(`${server.url}/docs/`, { redirect: 'follow' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/swagger/i);
    expect(html).not.toMatch(/https?:\/\/(?!localhost|127\.0\.0\.1)[a-z0-9.-]+\/[^"']*\.(js|css)/i);
  });
});
