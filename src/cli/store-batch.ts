/** `usmca-roo evaluate-batch CLAIMS... --store DB`: every decision kept in the store, one transaction each. */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { runStoreBatch } from '../store/batch.js';
import { currentEvidence } from '../store/evidence.js';
import { EXIT, type CliIo } from './io.js';
import { readPolicy, type LimitFlags } from './limits.js';
import { estimatedOption } from './store-evaluate.js';
import { table, withStore } from './store-open.js';

export async function storeBatchCommand(
  files: string[],
  flags: LimitFlags & { jobs?: string; rules?: string; store?: string; estimated?: string; runId?: string },
  io: CliIo,
): Promise<number> {
  const policy = readPolicy(flags, io.cwd);
  const jobs = flags.jobs === undefined ? availableParallelism() : Number(flags.jobs);
  let estimated: string;
  try {
    estimated = estimatedOption(flags.estimated);
    if (!Number.isInteger(jobs) || jobs < 1)
      throw new Error(`--jobs takes a whole number of at least 1, not "${flags.jobs}"`);
  } catch (err) {
    io.stderr(`usmca-roo: ${(err as Error).message}\n`);
    return EXIT.invalidInput;
  }
  return withStore(flags, io, async (store) => {
    const evidence = (await currentEvidence(store)).filter((e) => e.intact);
    const results = await runStoreBatch({
      store,
      files,
      jobs,
      cwd: io.cwd,
      evidence,
      estimated,
      policy,
      ...(flags.rules ? { rulesDir: resolve(io.cwd, flags.rules) } : {}),
      ...(flags.runId ? { runId: flags.runId } : {}),
      onResult: (r) => {
        if (r.ref) io.stderr(`stored ${r.ref.claimId}@${r.ref.version}\n`);
      },
    });
    io.stdout(
      table(
        ['file', 'stored as', 'result'],
        results.map((r) => [
          r.file,
          r.ref ? `${r.ref.claimId}@${r.ref.version}` : '',
          r.verdict ?? (r.problems ? `invalid (${r.problems.length} problems)` : 'internal error'),
        ]),
      ),
    );
    for (const r of results.filter((x) => x.problems))
      for (const p of r.problems!.slice(0, 10))
        io.stderr(
          `${r.file}: ${p.file.split('/').pop()}${p.line ? `:${p.line}` : ''}  ${p.path}  ${p.code}: ${p.message}\n`,
        );
    for (const r of results.filter((x) => x.error)) io.stderr(`${r.file}: internal error: ${r.error}\n`);
    const count = (f: (r: (typeof results)[number]) => boolean) => results.filter(f).length;
    io.stdout(
      `\n${results.length} claims: ${count((r) => r.verdict === 'originating')} originating, ${count((r) => r.verdict === 'not-originating')} not originating, ${count((r) => !!r.problems)} invalid, ${count((r) => !!r.error)} internal errors; stored in ${store.location}\n`,
    );
    return count((r) => !!r.error) > 0
      ? 3
      : count((r) => !!r.problems) > 0
        ? 2
        : count((r) => r.verdict === 'not-originating') > 0
          ? 1
          : 0;
  });
}
