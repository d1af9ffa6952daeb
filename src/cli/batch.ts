/** `usmca-roo evaluate-batch <claims...> --out DIR [--jobs N]`. */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import { prettyJson } from '../canonical/json.js';
import { runBatch } from '../batch/run.js';
import type { CliIo } from './io.js';

export async function batchCommand(
  files: string[],
  flags: { out: string; jobs?: string; rules?: string; progress?: boolean },
  io: CliIo,
): Promise<number> {
  const jobs = flags.jobs === undefined ? availableParallelism() : Number(flags.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) {
    io.stderr(`usmca-roo: --jobs takes a whole number of at least 1, not "${flags.jobs}"\n`);
    return 2;
  }
  const showProgress = flags.progress ?? io.isTTY === true;
  const started = Date.now();
  const results = await runBatch({
    files,
    outDir: flags.out,
    jobs,
    cwd: io.cwd,
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
    claim: r.claimId ?? '',
    result:
      r.verdict ??
      (r.problems ? `invalid (${r.problems.length} problem${r.problems.length === 1 ? '' : 's'})` : 'internal error'),
    rvc: r.rvc ?? '',
    failing: (r.failing ?? []).join(', '),
  }));
  const summary = {
    format: 'usmca-roo/batch-summary@1',
    claims: results.map((r) => ({
      file: r.file,
      ...(r.claimId ? { claim: r.claimId } : {}),
      ...(r.verdict ? { verdict: r.verdict, failing: r.failing ?? [] } : {}),
      ...(r.output ? { decision: r.output.slice(resolve(io.cwd, flags.out).length + 1) } : {}),
      ...(r.problems ? { problems: r.problems } : {}),
      ...(r.error ? { error: r.error.split('\n')[0] } : {}),
    })),
  };
  writeFileSync(resolve(io.cwd, flags.out, 'summary.json'), prettyJson(summary));
  const w = (k: keyof (typeof rows)[number]) => Math.max(k.length, ...rows.map((r) => r[k].length));
  const line = (r: Record<string, string>) =>
    `${r.file!.padEnd(w('file'))}  ${r.claim!.padEnd(w('claim'))}  ${r.result!.padEnd(w('result'))}  ${r.rvc!.padStart(w('rvc'))}  ${r.failing}`;
  io.stdout(`${line({ file: 'file', claim: 'claim', result: 'result', rvc: 'rvc', failing: 'failing' })}\n`);
  for (const r of rows) io.stdout(`${line(r)}\n`);
  const invalid = results.filter((r) => r.problems);
  const crashed = results.filter((r) => r.error);
  const notOriginating = results.filter((r) => r.verdict === 'not-originating');
  io.stdout(
    `\n${results.length} claims: ${results.length - invalid.length - crashed.length - notOriginating.length} originating, ${notOriginating.length} not originating, ${invalid.length} invalid, ${crashed.length} internal errors; decisions in ${flags.out}\n`,
  );
  for (const r of invalid) {
    io.stderr(`${r.file}: ${r.problems?.length} problem(s)\n`);
    for (const p of (r.problems ?? []).slice(0, 10))
      io.stderr(`  ${p.file.split('/').pop()}${p.line ? `:${p.line}` : ''}  ${p.path}  ${p.code}: ${p.message}\n`);
  }
  for (const r of crashed) io.stderr(`${r.file}: internal error: ${r.error}\n`);
  return crashed.length > 0 ? 3 : invalid.length > 0 ? 2 : notOriginating.length > 0 ? 1 : 0;
}
