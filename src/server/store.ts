/**
 * The decision store over HTTP (`usmca-roo serve --store DB`): GET /v1/records (records list), GET
 * /v1/records/replay (records replay), GET /v1/records/{ref} (records show: the record file), POST /v1/impact
 * (impact, with a scenario file or without a piece of evidence) and POST /v1/evaluate?store=true (evaluate
 * --store). Each runs the command line's own command in a worker thread of a pool of one (the command line gives
 * its worker file: cli/store-worker.ts), so the answers are its bytes, the embedded database is opened by one
 * command at a time, and the server's thread never waits on the work. On close, the pool lets the command in
 * flight finish (its transaction committed, the store closed) before it stops.
 */
import { existsSync } from 'node:fs';
import { Piscina } from 'piscina';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { runGuarded } from './pool.js';
import { HttpProblem, internalProblem, requestProblem, type ProblemObject } from './problems.js';

/** Where the store is, and the worker module that runs the store commands (the command line's). */
export interface StoreOptions {
  /** A folder (embedded PostgreSQL) or a postgres:// URL, as --store takes it. */
  location: string;
  workerFile: string;
}

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

/** The store commands' pool: one thread, a queue, a time limit per command (queued and running). */
export class StorePool {
  private readonly piscina: Piscina<StoreCommand, StoreAnswer>;

  constructor(
    readonly location: string,
    workerFile: string,
    private readonly timeoutMs: number,
    maxQueue: number,
  ) {
    if (!existsSync(workerFile)) throw new Error(`internal: ${workerFile} is missing: run npm run build`);
    this.piscina = new Piscina({ filename: workerFile, minThreads: 1, maxThreads: 1, maxQueue });
  }

  run(command: StoreCommand): Promise<StoreAnswer> {
    return runGuarded(this.piscina, command, {
      timeoutMs: this.timeoutMs,
      timedOut: `the store command took longer than ${this.timeoutMs} ms`,
    });
  }

  async close(): Promise<void> {
    await this.piscina.close();
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
