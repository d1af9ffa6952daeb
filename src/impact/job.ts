/**
 * Impact on queue workers: one job per stored record; the worker reads and checks the record, re-runs it
 * under the run's change, and writes the outcome to the run's results (never to the record).
 */
import type PgBoss from 'pg-boss';
import { IMPACT_QUEUE, reportOutcome } from '../queue/boss.js';
import type { Store } from '../store/open.js';
import { fetchRecords } from '../store/query.js';
import { ImpactContext, impactOf, type ImpactChange, type ImpactOutcome } from './run.js';

export interface ImpactJob {
  runId: string;
  seq: number;
  change: ImpactChange;
}

export async function queueImpact(boss: PgBoss, jobs: ImpactJob[], timeoutSeconds: number): Promise<void> {
  for (let i = 0; i < jobs.length; i += 500)
    await boss.insert(
      jobs
        .slice(i, i + 500)
        .map((data) => ({ name: IMPACT_QUEUE, data, expireInSeconds: timeoutSeconds, retryLimit: 3 })),
    );
}

/** A worker's handler for impact jobs; keeps one context (packs, evidence uses) per run. */
export function impactJobHandler(store: Store): (data: unknown) => Promise<ImpactOutcome | undefined> {
  const contexts = new Map<string, ImpactContext>();
  return async (data) => {
    const job = data as ImpactJob;
    let ctx = contexts.get(job.runId);
    if (!ctx) {
      ctx = new ImpactContext(store, job.change);
      contexts.set(job.runId, ctx);
    }
    const [stored] = await fetchRecords(store, { seqs: [job.seq] });
    if (!stored) return undefined;
    const outcome = await impactOf(ctx, stored);
    await reportOutcome(store, job.runId, String(job.seq), outcome);
    return outcome;
  };
}
