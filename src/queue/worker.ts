/**
 * A worker process: takes jobs from the queue (evaluations, impact re-runs) one at a time per slot, until
 * stopped, or with `untilIdle` once the queues have stayed empty for `idleSeconds`. Each job's result is in the
 * store before the job is marked done, so a worker killed at any point loses nothing that was committed.
 */
import type PgBoss from 'pg-boss';
import { EVALUATE_QUEUE, IMPACT_QUEUE } from './boss.js';

export type JobHandler = (data: unknown) => Promise<unknown>;

export async function runWorker(
  boss: PgBoss,
  handlers: Record<string, JobHandler>,
  options: { untilIdle?: boolean; idleSeconds?: number; onJob?: (queue: string, result: unknown) => void },
): Promise<number> {
  let handled = 0;
  let busy = 0;
  let lastWork = Date.now();
  for (const [queue, handler] of Object.entries(handlers)) {
    await boss.work(queue, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      busy++;
      try {
        for (const job of jobs) {
          const result = await handler(job.data);
          handled++;
          options.onJob?.(queue, result);
        }
      } finally {
        busy--;
        lastWork = Date.now();
      }
    });
  }
  if (!options.untilIdle) {
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
  } else {
    const idleMs = (options.idleSeconds ?? 5) * 1000;
    for (;;) {
      await new Promise((r) => setTimeout(r, 500));
      if (busy > 0) {
        lastWork = Date.now();
        continue;
      }
      // Jobs still active on a worker that died are counted: they come back once they expire.
      const waiting =
        (await boss.getQueueSize(EVALUATE_QUEUE, { before: 'completed' })) +
        (await boss.getQueueSize(IMPACT_QUEUE, { before: 'completed' }));
      if (waiting > 0) lastWork = Date.now();
      else if (Date.now() - lastWork >= idleMs) break;
    }
  }
  await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  return handled;
}
