/** `usmca-roo evaluate-batch <claims...> --out DIR [--jobs N]`. */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { prettyJson } from '../canonical/json.js';
import { batchOutcome, outputNames, runBatch, type BatchOutcome } from '../batch/run.js';
import { EXIT, type CliIo } from './io.js';
import { readPolicy, type LimitFlags } from './limits.js';
import { checkWritableFolder, CliRefusal, makeFolder, writeOutput } from './output.js';
import { printable } from '../render/printable.js';

export interface BatchFlags extends LimitFlags {
  out: string;
  jobs?: string;
  rules?: string;
  progress?: boolean;
}

/** The exit code of a batch: its worst result. */
const BATCH_EXIT: Record<BatchOutcome, number> = {
  'all-originating': EXIT.originating,
  'some-not-originating': EXIT.notOriginating,
  'some-invalid': EXIT.invalidInput,
  'some-crashed': EXIT.internal,
};

/** Whole number of workers: at least 1, at most the processors this process may use. */
function workers(flags: BatchFlags, io: CliIo): number {
  const cores = availableParallelism();
  if (flags.jobs === undefined) return cores;
  if (!/^[1-9][0-9]{0,8}$/.test(flags.jobs))
    throw new CliRefusal(`--jobs takes a whole number of at least 1, not "${flags.jobs}"`);
  const jobs = Number(flags.jobs);
  if (jobs > cores) io.stderr(`usmca-roo: --jobs ${jobs}: using ${cores}, the processors available\n`);
  return Math.min(jobs, cores);
}

function prepareOutDir(flags: BatchFlags, io: CliIo): string {
  const dir = resolve(io.cwd, flags.out);
  try {
    makeFolder(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliRefusal(
      code === 'EEXIST' || code === 'ENOTDIR'
        ? `--out ${flags.out}: exists and is not a folder (or a part of its path is a file)`
        : `--out ${flags.out}: the folder cannot be created (${code ?? 'error'})`,
    );
  }
  checkWritableFolder(dir, `--out ${flags.out}`);
  return dir;
}

function identity(path: string): string | undefined {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

export async function batchCommand(files: string[], flags: BatchFlags, io: CliIo): Promise<number> {
  const jobs = workers(flags, io);
  const policy = readPolicy(flags, io.cwd);
  const outDir = prepareOutDir(flags, io);
  // No decision file, nor the summary, may land on a claim of the batch (a claim kept in the output folder).
  // A claim that does not exist has no identity: it is reported as that claim's problem, not as a collision.
  const claims = new Map<string, string>();
  for (const f of files) {
    const id = identity(resolve(io.cwd, f));
    if (id !== undefined) claims.set(id, f);
  }
  const claimAt = (path: string) => {
    const id = identity(path);
    return id === undefined ? undefined : claims.get(id);
  };
  outputNames(files, io.cwd).forEach((name, i) => {
    const over = claimAt(resolve(outDir, name));
    if (over !== undefined)
      throw new CliRefusal(
        `--out ${flags.out}: the decision of ${files[i]} would be written over the claim ${over}; choose another folder`,
      );
  });
  const summaryOver = claimAt(resolve(outDir, 'summary.json'));
  if (summaryOver !== undefined)
    throw new CliRefusal(
      `--out ${flags.out}: the batch summary (summary.json) would be written over the claim ${summaryOver}; choose another folder`,
    );
  const showProgress = flags.progress ?? io.isTTY === true;
  const started = Date.now();
  const results = await runBatch({
    files,
    outDir: flags.out,
    jobs,
    cwd: io.cwd,
    policy,
    ...(flags.rules ? { rulesDir: resolve(io.cwd, flags.rules) } : {}),
    onProgress: showProgress
      ? (done, total) => {
          const width = 30;
          const filled = Math.round((done / total) * width);
          io.stderr(
            `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} claims, ${((Date.now() - started) / 1000).toFixed(1)} s`,
          );
          if (done === total) io.stderr('\n');
        }
      : undefined,
  });
  const rows = results.map((r) => ({
    file: r.file,
    claim: r.kind === 'decided' ? r.claimId : '',
    result:
      r.kind === 'decided'
        ? r.verdict
        : r.kind === 'invalid'
          ? `invalid (${r.problems.length} problem${r.problems.length === 1 ? '' : 's'})`
          : r.kind === 'refused'
            ? 'not written'
            : 'internal error',
    rvc: r.kind === 'decided' ? (r.rvc ?? '') : '',
    failing: r.kind === 'decided' ? r.failing.join(', ') : '',
  }));
  const summary = {
    format: 'usmca-roo/batch-summary@1',
    claims: results.map((r) => ({
      file: r.file,
      ...(r.kind === 'decided'
        ? {
            ...(r.claimId ? { claim: r.claimId } : {}),
            verdict: r.verdict,
            failing: r.failing,
            decision: r.output.slice(outDir.length + 1),
          }
        : {}),
      ...(r.kind === 'invalid' ? { problems: r.problems } : {}),
      ...(r.kind === 'refused' ? { refused: r.reason } : {}),
      ...(r.kind === 'crashed' ? { error: r.error.split('\n')[0] } : {}),
    })),
  };
  writeOutput(resolve(outDir, 'summary.json'), prettyJson(summary));
  const w = (k: keyof (typeof rows)[number]) => Math.max(k.length, ...rows.map((r) => printable(r[k]).length));
  const line = (r: Record<string, string>) =>
    printable(
      `${printable(r.file!).padEnd(w('file'))}  ${printable(r.claim!).padEnd(w('claim'))}  ${r.result!.padEnd(w('result'))}  ${r.rvc!.padStart(w('rvc'))}  ${r.failing}`,
    );
  io.stdout(`${line({ file: 'file', claim: 'claim', result: 'result', rvc: 'rvc', failing: 'failing' })}\n`);
  for (const r of rows) io.stdout(`${line(r)}\n`);
  const totals = batchOutcome(results);
  io.stdout(
    `\n${printable(`${results.length} claims: ${totals.originating} originating, ${totals.notOriginating} not originating, ${totals.invalid} invalid, ${totals.crashed} internal errors; decisions in ${flags.out}`)}\n`,
  );
  for (const r of results) {
    if (r.kind === 'refused') io.stderr(`${printable(`${r.file}: not written: ${r.reason}`)}\n`);
    if (r.kind !== 'invalid') continue;
    io.stderr(`${printable(`${r.file}: ${r.problems.length} problem(s)`)}\n`);
    for (const p of r.problems.slice(0, 10))
      io.stderr(
        `  ${printable(`${p.file.split('/').pop()}${p.line ? `:${p.line}` : ''}  ${p.path}  ${p.code}: ${p.message}`)}\n`,
      );
  }
  for (const r of results)
    if (r.kind === 'crashed') io.stderr(`${printable(`${r.file}: internal error: ${r.error.split('\n')[0] ?? ''}`)}\n`);
  return BATCH_EXIT[totals.outcome];
}
