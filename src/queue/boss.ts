/**
 * The job queue for workers on many machines: pg-boss, in its own schema of the PostgreSQL server that holds
 * the store. A run is a set of jobs with one run id; each job's outcome is written to the store's run_results
 * table, which the process that queued the run reads to know when it is done. A job whose worker dies is
 * expired after its timeout and retried by another worker; the store makes the retry add nothing twice.
 */
import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import { StoreError, type Store } from '../store/open.js';

export const QUEUE_SCHEMA = 'usmca_roo_queue';
export const EVALUATE_QUEUE = 'usmca-roo-evaluate';
export const IMPACT_QUEUE = 'usmca-roo-impact';

export interface QueueOptions {
  /** Seconds a job may run before it counts as abandoned and is retried. */
  jobTimeoutSeconds?: number;
  /** Seconds between checks for abandoned jobs (on workers). */
  checkSeconds?: number;
}

/** Starts pg-boss on the store's server; refuses a store that is a folder. */
export async function startBoss(store: Store, options: QueueOptions & { supervise?: boolean } = {}): Promise<PgBoss> {
  if (store.kind !== 'postgres' || !store.url)
    throw new StoreError(
      'the job queue needs a PostgreSQL store (--store postgres://...); a folder serves one machine',
    );
  const boss = new PgBoss({
    connectionString: store.url,
    schema: QUEUE_SCHEMA,
    max: 2,
    supervise: options.supervise ?? false,
    schedule: false,
    maintenanceIntervalSeconds: options.checkSeconds ?? 30,
  });
  boss.on('error', () => {
    // Transient errors of the maintenance loop are retried by pg-boss itself; jobs report their own.
  });
  await boss.start();
  for (const name of [EVALUATE_QUEUE, IMPACT_QUEUE]) {
    if (!(await boss.getQueue(name)))
      await boss
        .createQueue(name, { name, retryLimit: 3, expireInSeconds: options.jobTimeoutSeconds ?? 300 })
        .catch(async (err: unknown) => {
          // Two processes may create the queue at once: the loser finds it made.
          if (!(await boss.getQueue(name))) throw err;
        });
  }
  return boss;
}

export function newRunId(): string {
  return randomUUID();
}

/** Records a job's outcome for its run (once: a retried job's second report is ignored). */
export async function reportOutcome(store: Store, runId: string, item: string, outcome: unknown): Promise<void> {
  await store.db
    .insertInto('run_results')
    .values({ run_id: runId, item, body: JSON.stringify(outcome) })
    .onConflict((oc) => oc.columns(['run_id', 'item']).doNothing())
    .execute();
}

/**
 * Waits until `count` outcomes of the run are in, polling every `intervalMs`; calls `progress` with the count
 * so far; returns the outcomes by item.
 */
export async function awaitRun(
  store: Store,
  runId: string,
  count: number,
  progress: (done: number) => void,
  intervalMs = 500,
): Promise<Map<string, unknown>> {
  let last = -1;
  for (;;) {
    const row = await store.db
      .selectFrom('run_results')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('run_id', '=', runId)
      .executeTakeFirstOrThrow();
    const done = Number(row.n);
    if (done !== last) progress(done);
    last = done;
    if (done >= count) break;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const rows = await store.db.selectFrom('run_results').select(['item', 'body']).where('run_id', '=', runId).execute();
  return new Map(rows.map((r) => [r.item, JSON.parse(r.body) as unknown]));
}
