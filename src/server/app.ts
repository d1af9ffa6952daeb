/**
 * The HTTP server (Fastify): the engine's endpoints (endpoints.ts) run on a worker pool, the OpenAPI document
 * and its reference page, the web page, the examples, /health and /status. Bodies are read raw, never parsed here: the
 * engine's own readers read them, as they read files, so the answers are the command line's. Limits: body size,
 * files per request, time per task (queued and running), memory per worker, waiting tasks; CORS is off (no
 * cross-origin headers are ever sent).
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { ENGINE, loadRulePack, prettyJson } from '../index.js';
import { RecentAnswers } from './answers.js';
import { FastLane, type LaneAnswer } from './fastlane.js';
import { checkBearer } from './auth.js';
import { ENDPOINTS, oneDocument, type Endpoint } from './endpoints.js';
import { installErrorHandlers, sendProblem } from './errors.js';
import { exampleFile, listExamples } from './examples.js';
import { openApiDocument } from './openapi.js';
import { parseParams } from './params.js';
import { Admission, admissionHook } from './admission.js';
import { InFlight, requestKey } from './inflight.js';
import { EnginePool } from './pool.js';
import { HttpProblem, internalProblem, requestProblem } from './problems.js';
import { referenceProblems } from './references.js';
import { registerImpactRoute } from './impact.js';
import { registerStoreRoutes, StorePool, storeProblem, type StoreOptions } from './store.js';
import type { TaskResult } from './task.js';
import { readBody, stage, type BodySpec, type ReadBody } from './uploads.js';
import { receiverOf, removeReceived } from './receive.js';
import { DEFAULT_BODY_RATE, type BodyRate } from './slow-body.js';
import { registerDocs, registerPage } from './page.js';
import { answerHealth } from './health.js';
import { acceptsGzip, compressible, gzipOf } from './encoding.js';
import { batchedLines, logRequests, markAnswered, markRoute, type AnsweredLine } from './request-log.js';

export interface Limits {
  /** Largest body, and largest total of a multipart body's files, in bytes. */
  bodyBytes: number;
  /** Most files and fields in one multipart body. */
  files: number;
  /** Milliseconds an engine task may take, queued and running. */
  timeoutMs: number;
  /** Heap of each worker thread, MiB. */
  memoryMb: number;
  /** Tasks waiting for a worker (in each lane) before requests are turned away. */
  maxQueue: number;
  /** Uploads of this many bytes or more are evaluated in the lane of large requests (see pool.ts). */
  largeBytes: number;
  /** Engine requests read and worked on at once; the others wait, unread, for one to be answered (admission.ts). */
  activeRequests: number;
  /** Recent answers of /v1/evaluate kept to answer the same request again (answers.ts): most entries, 0 for none. */
  recentAnswers: number;
  /** ... and most bytes of them, all together. */
  recentAnswerBytes: number;
  /** The rate a body must keep once it is being read (slow-body.ts). */
  bodyRate: BodyRate;
}

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 256 * 1024 * 1024,
  files: 64,
  timeoutMs: 120_000,
  memoryMb: 2048,
  maxQueue: 1000,
  largeBytes: 1024 * 1024,
  activeRequests: 32,
  recentAnswers: 256,
  recentAnswerBytes: 64 * 1024 * 1024,
  bodyRate: DEFAULT_BODY_RATE,
};

export interface ServerOptions {
  /** The bearer token every /v1/ request must carry (none: no authentication, loopback only: see cli/serve). */
  token?: string | undefined;
  limits?: Partial<Limits>;
  /** Worker threads (default: available parallelism). */
  threads?: number | undefined;
  /**
   * The server's logger (Fastify's, pino): true writes JSON lines to stdout, a `stream` to it: one line per
   * request answered (request-log.ts), and internal errors with their stack.
   */
  logger?: boolean | { stream: { write(line: string): void } };
  /** The decision store, for the records and impact endpoints and evaluate?store=true. */
  store?: StoreOptions | undefined;
  /**
   * Warm every worker of both lanes before answering (an evaluation of the Aurora sedan example each, see
   * `warmUp`): `usmca-roo serve` does; tests, which start many servers, need not.
   */
  warm?: boolean | undefined;
}

export interface Server {
  app: FastifyInstance;
  pool: EnginePool;
  store?: StorePool | undefined;
  limits: Limits;
  /** The engine requests being worked on, shared by identical requests arriving meanwhile. */
  inflight: InFlight<Answer>;
  /** The places of engine requests being read and worked on. */
  admission: Admission;
  /** The last answers of /v1/evaluate, by request key and rule pack (answers.ts), and by exact bytes (fastlane.ts). */
  answers: RecentAnswers<LaneAnswer>;
  /** Repeated evaluate requests answered on arrival (fastlane.ts). */
  lane: FastLane;
  /** The sha256 of the rule pack the workers evaluate under: answers computed under it alone are kept. */
  rulesSha256: string;
}

/** A task's answer with its body as bytes, made once and sent as they are to every request it answers. */
type Answer = Exclude<TaskResult, { kind: 'body' }> | (Extract<TaskResult, { kind: 'body' }> & { body: Buffer });

/** The answer with its body as bytes: encoded once here (or moved from the worker as bytes), never per request. */
function asAnswer(result: TaskResult): Answer {
  if (result.kind !== 'body') return result;
  return { ...result, body: typeof result.body === 'string' ? Buffer.from(result.body) : asBuffer(result.body) };
}

const JSON_TYPE = 'application/json; charset=utf-8';
/** Where each request's folder is made (read once: it does not change while the server runs). */
const TEMP = tmpdir();

/** evaluate?store=true: `evaluate CLAIM --store DB` in the store's worker; the decision kept as the next version. */
async function evaluateIntoStore(
  server: Server,
  dir: string,
  body: ReadBody,
  params: { output: string; set: string[] },
  reply: FastifyReply,
): Promise<void> {
  const store = server.store;
  if (!store)
    throw requestProblem('PARAMETER_INVALID', 'query.store', 'this server keeps no store: start it with --store DB');
  if (params.output === 'report')
    throw requestProblem('PARAMETER_INVALID', 'query.output', 'with store=true: decision, worksheet or record');
  const claim = body.files.get('claim')?.[0] as string;
  const refused = referenceProblems(dir, claim);
  if (refused.length > 0) throw new HttpProblem(422, refused);
  const patch = body.files.get('patch')?.[0];
  const args = [
    'evaluate',
    claim,
    '--store',
    store.location,
    ...(params.output === 'decision' ? ['--json'] : []),
    ...(params.output === 'record' ? ['--record', 'record.json'] : []),
    ...(patch !== undefined ? ['--patch', patch] : []),
    ...params.set.map((v) => `--set=${v}`),
  ];
  const answer = await store.run({ args, cwd: dir, readBack: params.output === 'record' ? 'record.json' : undefined });
  if (answer.code !== 0 && answer.code !== 1) throw storeProblem(answer, dir);
  await reply
    .code(200)
    .header('usmca-roo-verdict', answer.code === 0 ? 'originating' : 'not-originating')
    .type(params.output === 'worksheet' ? 'text/plain; charset=utf-8' : JSON_TYPE)
    .send(params.output === 'record' ? Buffer.from(answer.file ?? new Uint8Array()) : answer.stdout);
}

/** Bytes as a Buffer over the same memory (an answer moved from a worker is not copied again). */
const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Runs the request's task in the lane its size calls for, in a new folder the worker creates and fills with the
 * request's files and removes after; removed here only if the worker was stopped (time limit) or never started.
 */
async function work(server: Server, e: Endpoint, body: ReadBody, params: unknown, bytes: number): Promise<Answer> {
  const dir = join(TEMP, `usmca-roo-serve-${randomUUID()}`);
  const task = e.task(dir, body, params);
  try {
    return asAnswer(await server.pool.run({ task, files: [...body.contents] }, bytes));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Evaluates the Aurora sedan example (examples/aurora-sedan, shipped with the package) once on every worker of both
 * lanes, so that each has loaded the engine and the rule pack before the first request; without the example, the
 * workers start cold.
 */
async function warmUp(pool: EnginePool): Promise<void> {
  const claim = exampleFile('aurora-sedan', 'claim.yaml');
  const producer = exampleFile('aurora-sedan', 'producer.yaml');
  if (!claim || !producer) return;
  await pool.warm(() => ({
    task: {
      kind: 'evaluate',
      dir: join(TEMP, `usmca-roo-serve-${randomUUID()}`),
      claim: 'claim.yaml',
      output: 'decision',
      set: [],
    },
    files: [
      ['claim.yaml', claim],
      ['producer.yaml', producer],
    ],
  }));
}

async function runEndpoint(server: Server, e: Endpoint, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const body = await readBody(request, e.body, {
    maxTotal: server.limits.bodyBytes,
    spillFrom: server.limits.largeBytes,
  });
  const params = parseParams(e.params, { ...(request.query as Record<string, unknown>), ...body.fields });
  if (e.path === '/v1/evaluate' && (params as { store?: boolean }).store) {
    const staged = await stage(body);
    try {
      await evaluateIntoStore(server, staged.dir, body, params as { output: string; set: string[] }, reply);
    } finally {
      await staged.remove();
    }
    return;
  }
  let bytes = 0;
  for (const b of body.contents.values()) bytes += b.length;
  // Identical requests in flight together share one task; a large one is not hashed (it has its own lane).
  const result =
    bytes >= server.limits.largeBytes
      ? await work(server, e, body, params, bytes)
      : await shared(server, e, requestKey(e.path, params, body), request, () => work(server, e, body, params, bytes));
  // Those waiting for the same bytes (fastlane.ts) get this answer; an evaluation's is kept for the next.
  server.lane.settle(
    request.raw,
    result.kind === 'internal' ? undefined : result,
    result.kind === 'body' && result.rules === server.rulesSha256,
  );
  if (result.kind === 'internal') {
    request.log.error({ fault: result.message }, 'internal error in a worker');
    throw internalProblem();
  }
  if (result.kind === 'problems') {
    await sendProblem(reply, new HttpProblem(result.status, result.problems));
    return;
  }
  for (const [name, value] of Object.entries(result.headers)) void reply.header(name, value);
  // JSON and text compressed once for the clients that ask (encoding.ts).
  let sent = result.body;
  if (compressible(result.contentType, sent.length)) {
    void reply.header('vary', 'accept-encoding');
    const gz = acceptsGzip(request.headers['accept-encoding']) ? await gzipOf(sent).catch(() => undefined) : undefined;
    if (gz) {
      void reply.header('content-encoding', 'gzip');
      sent = gz;
    }
  }
  await reply.code(result.status).type(result.contentType).send(sent);
}

/**
 * The answer of a small request: for /v1/evaluate, one kept from an identical request answered lately (answers.ts);
 * else the answer of an identical request in flight; else `work`'s, kept for the next identical evaluate request
 * if it was computed under the server's rule pack.
 */
function shared(
  server: Server,
  e: Endpoint,
  key: string,
  request: FastifyRequest,
  work: () => Promise<Answer>,
): Promise<Answer> {
  let worked = false;
  const mine = async () => {
    worked = true;
    return work();
  };
  const joined = <T>(answer: Promise<T>): Promise<T> => {
    if (!worked) markAnswered(request.raw, 'shared');
    return answer;
  };
  if (e.path !== '/v1/evaluate') return joined(server.inflight.run(key, mine));
  const kept = server.answers.get(key);
  if (kept) {
    markAnswered(request.raw, 'cached');
    return Promise.resolve(kept);
  }
  return joined(
    server.inflight.run(key, async () => {
      worked = true;
      const answer = await work();
      if (answer.kind === 'body' && answer.rules === server.rulesSha256)
        server.answers.set(key, answer, answer.body.length);
      return answer;
    }),
  );
}

export async function buildServer(options: ServerOptions = {}): Promise<Server> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const answers = new RecentAnswers<LaneAnswer>({ entries: limits.recentAnswers, bytes: limits.recentAnswerBytes });
  let rulesSha256 = loadRulePack().sha256;
  const lane = new FastLane({
    largeBytes: limits.largeBytes,
    maxHeldBytes: 32 * Math.min(limits.largeBytes, 1024 * 1024),
    token: options.token,
    rate: limits.bodyRate,
    rulesSha256: () => rulesSha256,
    answers,
  });
  const pool = new EnginePool({
    threads: options.threads,
    maxQueue: limits.maxQueue,
    timeoutMs: limits.timeoutMs,
    memoryMb: limits.memoryMb,
    largeBytes: limits.largeBytes,
  });
  const health = Buffer.from(
    prettyJson({ status: 'ok', engine: ENGINE, workers: pool.threads, largeWorkers: pool.largeThreads }),
  );
  // stdout's lines written in batches (request-log.ts); a stream given is written to line by line.
  const batched = options.logger === true ? batchedLines() : undefined;
  const logger = batched ? { level: 'info', stream: batched } : (options.logger ?? false);
  const app: FastifyInstance = Fastify({
    // Node's server as Fastify makes it, with /health and the fast lane of repeated requests in front (health.ts,
    // fastlane.ts), each request logged once it is answered, whichever answered it (request-log.ts).
    serverFactory: (handler) => {
      const front = answerHealth(health, lane.handler(handler), () => lane.closing);
      const http = createServer(
        logRequests(front, logger === false ? undefined : (line: AnsweredLine) => app.log.info(line, 'answered')),
      );
      http.keepAliveTimeout = 5_000;
      http.requestTimeout = 10 * 60_000;
      http.setTimeout(0);
      return http;
    },
    logger,
    // The request log is request-log.ts's one line per request, not the framework's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: limits.bodyBytes,
    requestTimeout: 10 * 60_000,
    connectionTimeout: 0,
    keepAliveTimeout: 5_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  const store = options.store
    ? new StorePool(
        options.store.location,
        options.store.workerFile,
        limits.timeoutMs,
        limits.maxQueue,
        options.store.rules,
      )
    : undefined;
  const server: Server = {
    app,
    pool,
    store,
    limits,
    inflight: new InFlight<Answer>(),
    admission: new Admission(limits.activeRequests),
    answers,
    lane,
    get rulesSha256() {
      return rulesSha256;
    },
    set rulesSha256(sha: string) {
      rulesSha256 = sha;
    },
  };
  app.addHook('preClose', async () => {
    lane.closing = true;
  });
  if (options.warm) await warmUp(pool);
  app.addHook('onClose', async () => {
    // In-flight work finishes first: a store command commits and closes the store before its worker stops.
    await Promise.all([pool.close(), store?.close()]);
    batched?.close();
  });
  installErrorHandlers(app);

  // Bodies are kept as bytes for the engine's readers (no JSON is parsed by the server itself), received as they
  // arrive, a large one onto disk, the size limit enforced byte by byte (receive.ts).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', 'application/yaml', 'application/x-yaml', 'text/yaml', 'application/pdf'],
    async (request: FastifyRequest, payload: Readable) => {
      const receiver = receiverOf(request.raw, limits.bodyBytes, limits.largeBytes);
      if (Number(request.headers['content-length']) > limits.bodyBytes) throw receiver.tooLarge();
      return receiver.receive(payload);
    },
  );
  // A request's files received onto disk are removed once it is answered, or its client gone.
  app.addHook('onResponse', async (request) => removeReceived(request.raw));
  app.addHook('onRequestAbort', async (request) => removeReceived(request.raw));
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
    if (request.routeOptions.url !== undefined) markRoute(request.raw, request.routeOptions.url);
    void reply.header('x-content-type-options', 'nosniff');
    if (token !== undefined && request.url.startsWith('/v1/')) checkBearer(request, token);
  });

  // Engine requests beyond limits.activeRequests wait, unread, for one to be answered (admission.ts).
  const preParsing = admissionHook(
    server.admission,
    limits.maxQueue,
    () => pool.retryAfterSeconds(server.admission.queued + pool.queued),
    limits.bodyRate,
  );
  for (const e of ENDPOINTS)
    app.post(e.path, { preParsing }, async (request, reply) => {
      await runEndpoint(server, e, request, reply);
      return reply;
    });

  registerStoreRoutes(app, store, parseParams);
  registerImpactRoute(app, store, { maxTotal: limits.bodyBytes, spillFrom: limits.largeBytes });

  // GET /health is answered in front of the framework (health.ts), here only while the server stops (503).
  app.get('/health', async (_request, reply) => reply.type(JSON_TYPE).send(health));
  // How the work stands.
  app.get('/status', async (_request, reply) =>
    reply.type(JSON_TYPE).send(
      prettyJson({
        status: 'ok',
        engine: ENGINE,
        workers: pool.threads,
        largeWorkers: pool.largeThreads,
        queued: pool.queued,
        inFlight: server.inflight.size,
        active: server.admission.inside,
        waiting: server.admission.queued,
      }),
    ),
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
