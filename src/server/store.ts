/**
 * The decision store over HTTP (`usmca-roo serve --store DB`): GET /v1/records (records list), GET
 * /v1/records/replay (records replay), GET /v1/records/{ref} (records show: the record file), POST /v1/impact
 * (impact, with a scenario file, a rule pack the operator named, or without a piece of evidence) and POST
 * /v1/evaluate?store=true (evaluate --store). Each runs the command line's own command in a worker thread of a
 * pool of one (the command line gives its worker file: cli/store-worker.ts), so the answers are its bytes and the
 * server's thread never waits on the work. The store is opened once, by the first command, and kept open (an
 * embedded PGlite has a single connection, which only that thread uses); commands run one at a time, in the
 * order they came. A command's time limit applies to its wait: once started, it runs to its end, so that no
 * transaction is cut off. On close, the commands queued finish, then the store is closed, then the thread stops.
 */
import { existsSync } from 'node:fs';
import { Piscina } from 'piscina';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { busy } from './pool.js';
import { HttpProblem, internalProblem, requestProblem, type ProblemObject } from './problems.js';

/** Where the store is, and the worker module that runs the store commands (the command line's). */
export interface StoreOptions {
  /** A folder (embedded PostgreSQL) or a postgres:// URL, as --store takes it. */
  location: string;
  workerFile: string;
  /**
   * Rule packs /v1/impact may re-run the stored decisions under (`impact --rules DIR`), by the names the operator
   * gave them (`serve --rules-dir NAME=DIR`): absolute folders on the server, never named by a client.
   */
  rules?: Record<string, string> | undefined;
}

/** A name of a rule pack folder given with serve --rules-dir NAME=DIR. */
export const RULES_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** What a store command answers (cli/store-worker.ts). */
export interface StoreAnswer {
  code: number;
  stdout: string;
  stderr: string;
  file?: Uint8Array | undefined;
}

export interface StoreCommand {
  args: string[];
  cwd: string;
  readBack?: string | undefined;
  scenario?: string | undefined;
}

/** The store commands' pool: one thread, the store kept open in it, commands in turn, a limit on each one's wait. */
export class StorePool {
  private readonly piscina: Piscina<(StoreCommand & { location: string }) | { close: true }, StoreAnswer>;
  /** Settles when every command handed over so far has finished. */
  private last: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private closing = false;

  constructor(
    readonly location: string,
    workerFile: string,
    private readonly timeoutMs: number,
    private readonly maxQueue: number,
    /** Rule pack folders by the names the operator gave them (serve --rules-dir NAME=DIR). */
    readonly rules: Record<string, string> = {},
  ) {
    if (!existsSync(workerFile)) throw new Error(`internal: ${workerFile} is missing: run npm run build`);
    this.piscina = new Piscina({ filename: workerFile, minThreads: 1, maxThreads: 1, idleTimeout: Infinity });
  }

  /**
   * Runs a command once those before it have finished. Turned away when the queue is full (SERVER_BUSY), when it
   * waited longer than the time limit (TIME_LIMIT; it never ran), or when the server is stopping (SHUTTING_DOWN).
   */
  run(command: StoreCommand): Promise<StoreAnswer> {
    if (this.closing) return Promise.reject(requestProblem('SHUTTING_DOWN', 'body', 'the server is stopping'));
    if (this.waiting >= this.maxQueue) return Promise.reject(busy(1));
    this.waiting++;
    const before = this.last;
    const answer = (async () => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.timeoutMs)));
      const turn = await Promise.race([before.then(() => 'turn' as const), late]);
      clearTimeout(timer);
      this.waiting--;
      if (turn === 'late')
        throw requestProblem('TIME_LIMIT', 'body', `the store command waited longer than ${this.timeoutMs} ms`);
      try {
        return await this.piscina.run({ ...command, location: this.location });
      } catch (err) {
        if (/terminat|destroy|closed/i.test((err as Error).message))
          throw requestProblem('SHUTTING_DOWN', 'body', 'the server is stopping');
        throw err;
      }
    })();
    this.last = Promise.all([before, answer.catch(() => undefined)]);
    return answer;
  }

  /** Lets the commands handed over finish, closes the store (its transactions committed), then stops the thread. */
  async close(): Promise<void> {
    this.closing = true;
    await this.last;
    try {
      await this.piscina.run({ close: true });
    } finally {
      await this.piscina.close();
    }
  }
}

const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
/** A value handed to the command line: one printable line that cannot be read as an option. */
const text = z.string().regex(/^[^\s-][^\u0000-\u001f\u007f]{0,199}$/, 'one line of text, not starting with a dash');

/** The selection of stored records, as the commands' --claim, --model-line, ... options. */
export const selectionParams = {
  claim: text.optional().describe('only this claim id (--claim)'),
  modelLine: text.optional().describe('only this model line (--model-line)'),
  hs: z
    .string()
    .regex(/^\d{2,4}(\.\d{2,6})?$/, 'an HS code or prefix such as 8703 or 8703.23')
    .optional()
    .describe('only HS codes starting with this (--hs)'),
  verdict: z.enum(['originating', 'not-originating']).optional().describe('only this verdict (--verdict)'),
  from: date.optional().describe('only decisions dated on or after this day (--from)'),
  to: date.optional().describe('only decisions dated on or before this day (--to)'),
  rulesVersion: text.optional().describe('only decisions made under this rule-pack version (--rules-version)'),
  estimated: flag.describe('only decisions whose figures were estimated (--estimated)'),
};

export const recordsListParams = z
  .object({ ...selectionParams, latest: flag.describe('only the latest version of each claim (--latest)') })
  .strict();

export const recordsReplayParams = z
  .object({
    ...selectionParams,
    ref: text.optional().describe('one record: CLAIM, CLAIM@VERSION, #SEQ or a sha256 prefix (default: the selection)'),
    latest: flag.describe('only the latest version of each claim (--latest)'),
    rules: z.enum(['recorded', 'current']).default('recorded').describe('the recorded rule pack, or the bundled one'),
    unreleasedRules: flag.describe('accept records made under a rule pack that is not a released version'),
  })
  .strict();

export const impactParams = z
  .object({
    ...selectionParams,
    rules: z
      .string()
      .regex(RULES_NAME, 'the name of a rule pack this server was started with (serve --rules-dir NAME=DIR)')
      .optional()
      .describe(
        'a rule pack the server was started with (`serve --rules-dir NAME=DIR`), by its NAME: each record re-run under it (as `impact --rules DIR`), with the scenario if one is given',
      ),
    withoutEvidence: text.optional().describe('the decisions that relied on this evidence, re-run without it'),
    allVersions: flag.describe('every stored version, not only the latest of each claim (--all-versions)'),
    output: z
      .enum(['impact', 'text', 'csv'])
      .default('impact')
      .describe('impact: JSON (as `impact --json`); text: as printed; csv: the flips (as `--csv`)'),
  })
  .strict();

const OPTION: Record<string, string> = {
  claim: '--claim',
  modelLine: '--model-line',
  hs: '--hs',
  verdict: '--verdict',
  from: '--from',
  to: '--to',
  rulesVersion: '--rules-version',
  estimated: '--estimated',
  latest: '--latest',
  allVersions: '--all-versions',
  unreleasedRules: '--unreleased-rules',
  rules: '--rules',
  withoutEvidence: '--without-evidence',
};

/** The command-line options for validated parameters: `--name=value`, or `--name` for a true flag. */
export function optionsOf(params: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    const option = OPTION[key];
    if (option === undefined || value === undefined || value === false) continue;
    out.push(value === true ? option : `${option}=${String(value)}`);
  }
  return out;
}

/** A store command that did not give its answer, as problems: its problems JSON, or its one-line message. */
export function storeProblem(answer: StoreAnswer, dir?: string): HttpProblem {
  try {
    const parsed = JSON.parse(answer.stdout) as { format?: string; problems?: ProblemObject[] };
    if (parsed.format === 'usmca-roo/problems@1' && parsed.problems) return new HttpProblem(422, parsed.problems);
  } catch {
    // not JSON: the message is on stderr
  }
  let message = answer.stderr.replace(/^usmca-roo: /, '').trim();
  if (dir) message = message.split(`${dir}/`).join('');
  if (answer.code === 3 || /internal error/.test(message)) return internalProblem();
  if (/^TAMPERED/m.test(message)) return requestProblem('RECORD_TAMPERED', 'path.ref', message, '(store)');
  if (/no stored record is named/.test(message)) return requestProblem('NOT_FOUND', 'path.ref', message, '(store)');
  return requestProblem('STORE_REFUSED', 'query', message, '(store)');
}

/** Sends a store command's JSON answer, with the exit code the command gave. */
export async function sendJson(reply: FastifyReply, answer: StoreAnswer): Promise<FastifyReply> {
  return reply
    .code(200)
    .header('usmca-roo-exit-code', String(answer.code))
    .type('application/json; charset=utf-8')
    .send(answer.stdout);
}

/** Where the server has no store, every store endpoint says so. */
export function noStore(): HttpProblem {
  return requestProblem('NOT_FOUND', 'path', 'this server keeps no decision store: start it with --store DB');
}

export function registerStoreRoutes(
  app: FastifyInstance,
  pool: StorePool | undefined,
  parse: <S extends z.ZodType>(schema: S, raw: Record<string, unknown>) => z.output<S>,
): void {
  const need = (): StorePool => {
    if (!pool) throw noStore();
    return pool;
  };
  app.get('/v1/records', async (request, reply) => {
    const params = parse(recordsListParams, request.query as Record<string, unknown>);
    const store = need();
    const args = ['records', 'list', '--store', store.location, '--json', ...optionsOf(params)];
    const answer = await store.run({ args, cwd: process.cwd() });
    if (answer.code !== 0) throw storeProblem(answer);
    return sendJson(reply, answer);
  });
  app.get('/v1/records/replay', async (request, reply) => {
    const { ref, ...params } = parse(recordsReplayParams, request.query as Record<string, unknown>);
    const store = need();
    const args = ['records', 'replay', ...(ref ? [ref] : []), '--store', store.location, '--json'];
    const answer = await store.run({ args: [...args, ...optionsOf(params)], cwd: process.cwd() });
    // 0 identical, 1 some different, 4 some altered or refused: each an answer, the outcome per record in the body.
    if (![0, 1, 4].includes(answer.code)) throw storeProblem(answer);
    return sendJson(reply, answer);
  });
  app.get<{ Params: { ref: string } }>('/v1/records/:ref', async (request, reply) => {
    const ref = text.safeParse(request.params.ref);
    if (!ref.success) throw requestProblem('PARAMETER_INVALID', 'path.ref', 'a record: CLAIM, CLAIM@VERSION or #SEQ');
    if (Object.keys(request.query as object).length > 0)
      throw requestProblem('FIELD_UNKNOWN', 'query', 'this endpoint takes no parameter');
    const store = need();
    const answer = await store.run({
      args: ['records', 'show', ref.data, '--store', store.location, '--json'],
      cwd: process.cwd(),
    });
    if (answer.code !== 0) throw storeProblem(answer);
    return sendJson(reply, answer);
  });
}
