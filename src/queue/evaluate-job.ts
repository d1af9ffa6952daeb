/**
 * Queued evaluations: the claim travels in the job (its canonical input, producer inlined, as a record keeps
 * it), so a worker on another machine needs no file of the submitter's. The worker applies the store's
 * evidence, evaluates under its rule pack, and stores the record under the run id (a retry stores nothing
 * twice), then reports the outcome.
 */
import type PgBoss from 'pg-boss';
import { InputError } from '../input/problems.js';
import type { RulePack } from '../rules/pack.js';
import { evaluateWithEvidence, loadCanonical, storeEvaluated } from '../store/evaluate.js';
import { currentEvidence } from '../store/evidence.js';
import type { Store } from '../store/open.js';
import { EVALUATE_QUEUE, reportOutcome } from './boss.js';

export interface EvaluateJob {
  runId: string;
  item: string;
  file: string;
  claim: unknown;
  estimated: string;
}

export type EvaluateOutcome =
  | { stored: { claimId: string; version: number }; verdict: string }
  | { problems: Array<{ code: string; path: string; message: string }> }
  | { error: string };

/** Queues one job per claim; returns how many were queued. */
export async function queueEvaluations(boss: PgBoss, jobs: EvaluateJob[], timeoutSeconds: number): Promise<number> {
  for (let i = 0; i < jobs.length; i += 500)
    await boss.insert(
      jobs
        .slice(i, i + 500)
        .map((data) => ({ name: EVALUATE_QUEUE, data, expireInSeconds: timeoutSeconds, retryLimit: 3 })),
    );
  return jobs.length;
}

/** Handles one evaluation job on a worker. */
export async function handleEvaluate(store: Store, pack: RulePack, job: EvaluateJob): Promise<EvaluateOutcome> {
  let outcome: EvaluateOutcome;
  try {
    const evidence = (await currentEvidence(store)).filter((e) => e.intact);
    const made = await evaluateWithEvidence(loadCanonical(job.claim, job.file), pack, {
      evidence,
      file: job.file,
      command: `worker: evaluate-batch ${job.file}`,
    });
    const ref = await storeEvaluated(store, made.record, made.uses, { estimated: job.estimated, runId: job.runId });
    outcome = { stored: { claimId: ref.claimId, version: ref.version }, verdict: made.decision.verdict };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    outcome = { problems: err.problems.map((p) => ({ code: p.code, path: p.path, message: p.message })) };
  }
  await reportOutcome(store, job.runId, job.item, outcome);
  return outcome;
}
