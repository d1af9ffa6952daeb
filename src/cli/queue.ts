/**
 * `usmca-roo evaluate-batch CLAIMS... --store postgres://... --queue` and `usmca-roo worker`: evaluations (and
 * impact re-runs) done by worker processes on any machine that reaches the PostgreSQL server.
 */
import { resolve } from 'node:path';
import { loadClaimFile } from '../input/load-claim.js';
import { InputError, type InputProblem } from '../input/problems.js';
import { ruleFacts } from '../rules/facts.js';
import { loadRulePack } from '../rules/load.js';
import { awaitRun, newRunId, startBoss } from '../queue/boss.js';
import { handleEvaluate, queueEvaluations, type EvaluateJob, type EvaluateOutcome } from '../queue/evaluate-job.js';
import { runWorker } from '../queue/worker.js';
import { EXIT, type CliIo } from './io.js';
import { readPolicy, type LimitFlags } from './limits.js';
import { estimatedOption } from './store-evaluate.js';
import { table, withStore } from './store-open.js';

function seconds(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} takes a whole number of seconds, not "${value}"`);
  return n;
}

export async function queueBatchCommand(
  files: string[],
  flags: LimitFlags & { store?: string; estimated?: string; jobTimeout?: string; wait?: boolean; rules?: string },
  io: CliIo,
): Promise<number> {
  let estimated: string;
  let timeout: number;
  try {
    estimated = estimatedOption(flags.estimated);
    timeout = seconds('--job-timeout', flags.jobTimeout, 300);
  } catch (err) {
    io.stderr(`usmca-roo: ${(err as Error).message}\n`);
    return EXIT.invalidInput;
  }
  // Each claim is read and checked here, where its files are: the job carries it whole. The workers evaluate
  // under their own rule pack; the one here (--rules, or the bundled one) checks the claims as they are read.
  const policy = readPolicy(flags, io.cwd);
  const facts = ruleFacts(loadRulePack(flags.rules ? resolve(io.cwd, flags.rules) : undefined));
  const runId = newRunId();
  const jobs: EvaluateJob[] = [];
  const invalid: Array<{ file: string; problems: InputProblem[] }> = [];
  files.forEach((file, i) => {
    try {
      const loaded = loadClaimFile(resolve(io.cwd, file), { ...policy, rules: facts });
      jobs.push({ runId, item: String(i), file, claim: loaded.canonicalInput.claim, estimated });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      invalid.push({ file, problems: err.problems });
    }
  });
  return withStore(flags, io, async (store) => {
    const boss = await startBoss(store, { jobTimeoutSeconds: timeout });
    try {
      await queueEvaluations(boss, jobs, timeout);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    io.stderr(`queued ${jobs.length} claims as run ${runId}; workers: usmca-roo worker --store ${store.location}\n`);
    if (flags.wait === false) {
      io.stdout(`${runId}\n`);
      return invalid.length > 0 ? EXIT.invalidInput : EXIT.originating;
    }
    const outcomes = await awaitRun(store, runId, jobs.length, (done) => io.stderr(`${done}/${jobs.length} done\n`));
    const rows = jobs.map((j) => {
      const o = outcomes.get(j.item) as EvaluateOutcome;
      return [
        j.file,
        'stored' in o ? `${o.stored.claimId}@${o.stored.version}` : '',
        'stored' in o ? o.verdict : 'problems' in o ? `invalid (${o.problems.length} problems)` : 'internal error',
      ];
    });
    for (const r of invalid) rows.push([r.file, '', `invalid (${r.problems.length} problems)`]);
    io.stdout(table(['file', 'stored as', 'result'], rows));
    for (const r of invalid)
      for (const p of r.problems.slice(0, 10))
        io.stderr(
          `${r.file}: ${p.file.split('/').pop()}${p.line ? `:${p.line}` : ''}  ${p.path}  ${p.code}: ${p.message}\n`,
        );
    const results = rows.map((r) => r[2]!);
    return results.some((r) => r.startsWith('internal'))
      ? EXIT.internal
      : results.some((r) => r.startsWith('invalid'))
        ? EXIT.invalidInput
        : results.includes('not-originating')
          ? EXIT.notOriginating
          : EXIT.originating;
  });
}

export async function workerCommand(
  flags: { store?: string; rules?: string; untilIdle?: boolean; idleSeconds?: string; checkSeconds?: string },
  io: CliIo,
): Promise<number> {
  let idle: number;
  let check: number;
  try {
    idle = seconds('--idle-seconds', flags.idleSeconds, 10);
    check = seconds('--check-seconds', flags.checkSeconds, 30);
  } catch (err) {
    io.stderr(`usmca-roo: ${(err as Error).message}\n`);
    return EXIT.invalidInput;
  }
  const pack = loadRulePack(flags.rules ? resolve(io.cwd, flags.rules) : undefined);
  return withStore(flags, io, async (store) => {
    const boss = await startBoss(store, { supervise: true, checkSeconds: check });
    const { impactHandler } = await import('./impact-worker.js');
    io.stderr(`worker: taking jobs from ${store.location}\n`);
    const handled = await runWorker(
      boss,
      {
        'usmca-roo-evaluate': (data) => handleEvaluate(store, pack, data as EvaluateJob),
        'usmca-roo-impact': impactHandler(store),
      },
      {
        untilIdle: flags.untilIdle === true,
        idleSeconds: idle,
        onJob: (queue, result) => {
          const r = result as { stored?: { claimId: string; version: number } };
          io.stderr(
            `${queue === 'usmca-roo-evaluate' ? 'evaluated' : 'impact'}${r?.stored ? ` ${r.stored.claimId}@${r.stored.version}` : ''}\n`,
          );
        },
      },
    );
    io.stderr(`worker: ${handled} jobs done\n`);
    return EXIT.originating;
  });
}
