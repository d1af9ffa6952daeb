/**
 * `usmca-roo serve [--port N] [--host H] [--store DB] [--token-file FILE]`: the HTTP API and the web page (src/server),
 * with the decision store's records, replay and impact when a store is named (their commands run in a worker of
 * their own, store-worker.ts). Without
 * a token file it listens on loopback only; beyond it, every API request must carry the token. SIGTERM and
 * SIGINT stop it cleanly: no new requests, those in flight finish, then the workers stop.
 */
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import { EXIT, type CliIo, type CommandSetup } from './io.js';

export interface ServeFlags {
  port?: string;
  host?: string;
  tokenFile?: string;
  store?: string;
  workers?: string;
  maxBodyMb?: string;
  timeout?: string;
  rulesDir?: string[];
}

function positiveInt(text: string | undefined, name: string, max: number): number | string | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max)
    return `${name} takes a whole number from 1 to ${max}, not "${text}"`;
  return Number(text);
}

export function registerServe({ program, io, setCode }: CommandSetup): void {
  program
    .command('serve')
    .description('serve the HTTP API (OpenAPI at /openapi.json, reference at /docs) and the web page')
    .option('--port <n>', 'TCP port (0: any free port)', '8080')
    .option('--host <host>', 'address to listen on; beyond loopback only with --token-file', '127.0.0.1')
    .option(
      '--token-file <file>',
      'require Authorization: Bearer TOKEN on the API, the token being the first line of FILE',
    )
    .option(
      '--store <db>',
      'the decision store for /v1/records, /v1/impact and evaluate?store=true: a folder or a postgres:// URL (default: $USMCA_ROO_STORE)',
    )
    .option(
      '--rules-dir <name=dir>',
      'a rule pack folder POST /v1/impact may re-run stored decisions under, chosen by NAME (rules=NAME); repeatable',
      (value: string, all: string[] = []) => [...all, value],
    )
    .option('--workers <n>', 'worker threads evaluating claims (default: the number of CPUs)')
    .option('--max-body-mb <n>', 'largest request body, and total of uploaded files, in MiB', '256')
    .option('--timeout <seconds>', 'time an evaluation may take, waiting and running', '120')
    .addHelpText(
      'after',
      `
Endpoints: POST /v1/evaluate, /v1/advise, /v1/content, /v1/replay, /v1/certificate, /v1/validate; with --store,
GET /v1/records, /v1/records/{ref}, /v1/records/replay and POST /v1/impact; GET /health, /status, /openapi.json, /docs
(the API reference), / (the web page). Answers are the command line's, byte for byte; problems come back
as 4xx with the same problem objects and codes.

Examples:
  usmca-roo serve
  curl -s -H 'Content-Type: application/yaml' --data-binary @claim.yaml http://127.0.0.1:8080/v1/evaluate
  usmca-roo serve --host 0.0.0.0 --port 8443 --token-file /etc/usmca-roo/token`,
    )
    .action(async (flags: ServeFlags) => {
      setCode(await serveCommand(flags, io));
    });
}

/**
 * The --rules-dir NAME=DIR options as absolute folders by name, each a rule pack that loads (checked now, so a
 * broken one stops the server from starting rather than failing requests); or a message for the first bad one.
 */
async function rulesDirs(values: string[], cwd: string): Promise<Record<string, string> | string> {
  const { RULES_NAME } = await import('../server/store.js');
  const { loadRulePackUncached, RulePackError } = await import('../rules/load.js');
  const out: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    const name = value.slice(0, eq);
    if (eq < 1 || !RULES_NAME.test(name) || eq === value.length - 1)
      return `--rules-dir takes NAME=DIR, NAME of letters, digits, dots, dashes and underscores (at most 64), not "${value}"`;
    if (Object.hasOwn(out, name)) return `--rules-dir names "${name}" twice`;
    const dir = resolve(cwd, value.slice(eq + 1));
    try {
      loadRulePackUncached(dir);
    } catch (err) {
      if (err instanceof RulePackError || (err as { code?: string }).code === 'ENOENT')
        return `--rules-dir ${name}: ${dir} is not a rule pack that loads: ${(err as Error).message.split('\n')[0]}`;
      throw err;
    }
    out[name] = dir;
  }
  return out;
}

export async function serveCommand(flags: ServeFlags, io: CliIo): Promise<number> {
  const { isLoopback, readToken } = await import('../server/auth.js');
  const fail = (message: string) => {
    io.stderr(`usmca-roo: ${message}\n`);
    return EXIT.invalidInput;
  };
  const host = flags.host ?? '127.0.0.1';
  const port = flags.port === '0' ? 0 : positiveInt(flags.port ?? '8080', '--port', 65535);
  const workers = positiveInt(flags.workers, '--workers', 256);
  const maxBodyMb = positiveInt(flags.maxBodyMb ?? '256', '--max-body-mb', 4096);
  const timeout = positiveInt(flags.timeout ?? '120', '--timeout', 86_400);
  for (const v of [port, workers, maxBodyMb, timeout]) if (typeof v === 'string') return fail(v);
  let token: string | undefined;
  if (flags.tokenFile) {
    try {
      token = readToken(resolve(io.cwd, flags.tokenFile));
    } catch (err) {
      return fail((err as Error).message);
    }
  }
  if (!token && !isLoopback(host))
    return fail(
      `refusing to listen on ${host} without --token-file: beyond loopback, every request must carry a token`,
    );

  const location = flags.store ?? process.env.USMCA_ROO_STORE;
  const rules = await rulesDirs(flags.rulesDir ?? [], io.cwd);
  if (typeof rules === 'string') return fail(rules);
  if (!location && Object.keys(rules).length > 0)
    return fail('--rules-dir is for POST /v1/impact, which needs the decision store: add --store DB');
  const store = location
    ? {
        // A folder is named absolutely: each store command runs in its request's own folder.
        location: /^postgres(ql)?:\/\//i.test(location) ? location : resolve(io.cwd, location),
        workerFile: join(PACKAGE_ROOT, 'dist', 'cli', 'store-worker.js'),
        rules,
      }
    : undefined;
  const { buildServer } = await import('../server/app.js');
  const { app } = await buildServer({
    token,
    store,
    threads: workers as number | undefined,
    limits: { bodyBytes: (maxBodyMb as number) * 1024 * 1024, timeoutMs: (timeout as number) * 1000 },
    logger: true,
    warm: true,
  });
  let address: string;
  try {
    address = await app.listen({ host, port: port as number });
  } catch (err) {
    await app.close();
    return fail(`cannot listen on ${host}:${String(port)}: ${(err as Error).message}`);
  }
  io.stderr(
    `usmca-roo ${token ? 'with bearer-token authentication ' : ''}listening on ${address} (page: ${address}/, API reference: ${address}/docs)\n`,
  );
  return new Promise<number>((resolveExit) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      io.stderr(`usmca-roo: ${signal}: finishing the requests in flight, then stopping\n`);
      app.close().then(
        () => resolveExit(EXIT.originating),
        (err: unknown) => {
          io.stderr(`usmca-roo: error while stopping: ${(err as Error).message}\n`);
          resolveExit(EXIT.internal);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
