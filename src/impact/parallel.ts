/**
 * `impact` on worker threads: this thread reads the selected records a page at a time and hands them, a few
 * at a time, to `jobs` workers (impact/worker.ts), each of which checks every record against its hash and re-runs
 * it under the change, with the rule packs read once here. Outcomes come back in any order (the caller sorts
 * them). For a change under rules or a scenario; `--without-evidence` reads the evidence's uses from the store
 * and runs in this thread.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../paths.js';
import type { Store } from '../store/open.js';
import { forEachRowPage, packsOf, type RecordFilter } from '../store/query.js';
import type { ImpactChange, ImpactOutcome } from './run.js';

/** Records handed to a worker at a time. */
const CHUNK = 20;

function workerModule(): URL {
  const bundled = join(PACKAGE_ROOT, 'dist', 'bundle', 'impact-worker.mjs');
  return pathToFileURL(existsSync(bundled) ? bundled : join(PACKAGE_ROOT, 'dist', 'impact', 'worker.js'));
}

/** The outcome of every selected record under `change` (rules or scenario), on `jobs` worker threads. */
export async function impactInParallel(
  store: Store,
  change: Exclude<ImpactChange, { kind: 'without-evidence' }>,
  filter: RecordFilter,
  jobs: number,
): Promise<ImpactOutcome[]> {
  const shas = new Set(await packsOf(store, filter));
  if (change.packSha) shas.add(change.packSha);
  const packs: Record<string, string> = {};
  for (const sha of shas) {
    const row = await store.db.selectFrom('rule_packs').select('content').where('sha256', '=', sha).executeTakeFirst();
    if (row) packs[sha] = row.content;
  }
  const workers = Array.from(
    { length: Math.max(1, jobs) },
    () => new Worker(workerModule(), { workerData: { change, packs } }),
  );
  const idle = [...workers];
  const waiting: Array<() => void> = [];
  const running = new Set<Promise<void>>();
  const outcomes: ImpactOutcome[] = [];
  let failure: unknown;

  const acquire = async (): Promise<Worker> => {
    while (idle.length === 0) await new Promise<void>((r) => waiting.push(r));
    return idle.pop()!;
  };
  const release = (w: Worker) => {
    idle.push(w);
    waiting.shift()?.();
  };
  const send = (w: Worker, rows: unknown[]) =>
    new Promise<void>((resolve, reject) => {
      const done = () => {
        w.off('message', onMessage);
        w.off('error', onError);
      };
      const onMessage = (msg: Array<ImpactOutcome | { error: string }>) => {
        done();
        for (const o of msg) {
          if ('error' in o) return reject(new Error(`an impact worker failed: ${o.error}`));
          outcomes.push(o);
        }
        resolve();
      };
      const onError = (err: Error) => {
        done();
        reject(err);
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.postMessage(rows);
    });

  try {
    await forEachRowPage(store, filter, async (rows) => {
      for (let i = 0; i < rows.length && failure === undefined; i += CHUNK) {
        const w = await acquire();
        const job: Promise<void> = send(w, rows.slice(i, i + CHUNK))
          .catch((err: unknown) => {
            failure ??= err;
          })
          .finally(() => {
            running.delete(job);
            release(w);
          });
        running.add(job);
      }
    });
    await Promise.all(running);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failure !== undefined) throw failure;
  return outcomes;
}
