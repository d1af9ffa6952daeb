/**
 * The HTTP server (Fastify): the engine's endpoints (endpoints.ts) run on a worker pool, the OpenAPI document
 * and its reference page, the web page, the examples and /health. Bodies are read raw, never parsed here: the
 * engine's own readers read them, as they read files, so the answers are the command line's. Limits: body size,
 * files per request, time per task (queued and running), memory per worker, waiting tasks; CORS is off (no
 * cross-origin headers are ever sent).
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { ENGINE, prettyJson } from '../index.js';
import { checkBearer } from './auth.js';
import { ENDPOINTS, type Endpoint } from './endpoints.js';
import { installErrorHandlers } from './errors.js';
import { exampleFile, listExamples } from './examples.js';
import { openApiDocument } from './openapi.js';
import { parseParams } from './params.js';
import { EnginePool } from './pool.js';
import { HttpProblem, problemsBody, requestProblem } from './problems.js';
import { readBody, stage } from './uploads.js';
import { registerDocs, registerPage } from './page.js';

export interface Limits {
  /** Largest body, and largest total of a multipart body's files, in bytes. */
  bodyBytes: number;
  /** Most files and fields in one multipart body. */
  files: number;
  /** Milliseconds an engine task may take, queued and running. */
  timeoutMs: number;
  /** Heap of each worker thread, MiB. */
  memoryMb: number;
  /** Tasks waiting for a worker before requests are turned away. */
  maxQueue: number;
}

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 256 * 1024 * 1024,
  files: 64,
  timeoutMs: 120_000,
  memoryMb: 2048,
  maxQueue: 1000,
};

export interface ServerOptions {
  /** The bearer token every /v1/ request must carry (none: no authentication, loopback only: see cli/serve). */
  token?: string | undefined;
  limits?: Partial<Limits>;
  /** Worker threads (default: available parallelism). */
  threads?: number | undefined;
  /** Fastify's logger (pino): true logs a JSON line per request to stdout. */
  logger?: boolean;
}

export interface Server {
  app: FastifyInstance;
  pool: EnginePool;
  limits: Limits;
}

const JSON_TYPE = 'application/json; charset=utf-8';

async function runEndpoint(server: Server, e: Endpoint, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const body = await readBody(request, e.body, server.limits.bodyBytes);
  const params = parseParams(e.params, { ...(request.query as Record<string, unknown>), ...body.fields });
  const staged = await stage(body);
  try {
    const result = await server.pool.run(e.task(staged.dir, body, params));
    if (result.kind === 'internal') {
      request.log.error({ fault: result.message }, 'internal error in a worker');
      throw new HttpProblem(500, [
        { code: 'INTERNAL_ERROR', path: '', file: '(server)', message: 'internal error: the server has logged it' },
      ]);
    }
    if (result.kind === 'problems') {
      await reply
        .code(result.status)
        .type(JSON_TYPE)
        .send(prettyJson(problemsBody(result.problems)));
      return;
    }
    for (const [name, value] of Object.entries(result.headers)) void reply.header(name, value);
    await reply
      .code(result.status)
      .type(result.contentType)
      .send(typeof result.body === 'string' ? result.body : Buffer.from(result.body));
  } finally {
    await staged.remove();
  }
}

export async function buildServer(options: ServerOptions = {}): Promise<Server> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: limits.bodyBytes,
    requestTimeout: 10 * 60_000,
    connectionTimeout: 0,
    keepAliveTimeout: 5_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  const pool = new EnginePool({
    threads: options.threads,
    maxQueue: limits.maxQueue,
    timeoutMs: limits.timeoutMs,
    memoryMb: limits.memoryMb,
  });
  const server: Server = { app, pool, limits };
  app.addHook('onClose', async () => {
    await pool.close();
  });
  installErrorHandlers(app);

  // Bodies are kept as bytes for the engine's readers; no JSON is parsed by the server itself.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', 'application/yaml', 'application/x-yaml', 'text/yaml', 'application/pdf'],
    { parseAs: 'buffer', bodyLimit: limits.bodyBytes },
    (_request, body, done) => done(null, body),
  );
  await app.register(multipart, {
    limits: {
      fileSize: limits.bodyBytes,
      files: limits.files,
      fields: limits.files,
      parts: limits.files * 2,
      fieldSize: 64 * 1024,
      headerPairs: 200,
    },
    throwFileSizeLimit: true,
    // File names as sent, so that one with a path is refused rather than cut to its last part.
    preservePath: true,
  });

  const token = options.token;
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-content-type-options', 'nosniff');
    if (token !== undefined && request.url.startsWith('/v1/')) checkBearer(request, token);
  });

  for (const e of ENDPOINTS)
    app.post(e.path, async (request, reply) => {
      await runEndpoint(server, e, request, reply);
      return reply;
    });

  app.get('/health', async (_request, reply) =>
    reply
      .type(JSON_TYPE)
      .send(prettyJson({ status: 'ok', engine: ENGINE, workers: pool.threads, queued: pool.queued })),
  );

  const document = `${JSON.stringify(openApiDocument(), null, 2)}\n`;
  app.get('/openapi.json', async (_request, reply) => reply.type(JSON_TYPE).send(document));

  app.get('/v1/examples', async (_request, reply) =>
    reply.type(JSON_TYPE).send(prettyJson({ format: 'usmca-roo/examples@1', examples: listExamples() })),
  );
  app.get<{ Params: { name: string; file: string } }>('/v1/examples/:name/:file', async (request, reply) => {
    const bytes = exampleFile(request.params.name, request.params.file);
    if (!bytes)
      throw requestProblem('NOT_FOUND', 'path', `no example file ${request.params.name}/${request.params.file}`);
    return reply
      .type(/\.xlsx$/i.test(request.params.file) ? 'application/octet-stream' : 'text/plain; charset=utf-8')
      .send(bytes);
  });

  await registerDocs(app);
  await registerPage(app);
  return server;
}
