/**
 * `evaluate-batch --store`: many claims evaluated on worker threads, each decision stored by this thread as
 * soon as it arrives, in its own transaction. A process killed in the middle loses no committed decision and
 * leaves no half record; running the batch again adds the missing ones (as new versions of the others).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DecisionRecord } from '../audit/record.js';
import type { ReadPolicy } from '../documents/files.js';
import type { AppliedEvidence, StoredEvidence } from '../evidence/apply.js';
import type { InputProblem } from '../input/problems.js';
import { PACKAGE_ROOT } from '../paths.js';
import { loadRulePack } from '../rules/load.js';
import { storeEvaluated } from './evaluate.js';
import type { Store } from './open.js';
import type { StoredRef } from './records.js';

export interface StoreBatchResult {
  file: string;
  ref?: StoredRef;
  verdict?: string;
  problems?: InputProblem[];
  error?: string;
}

type WorkerReply = {
  index: number;
  record?: Omit<DecisionRecord, 'hashed'> & { hashed: Omit<DecisionRecord['hashed'], 'rulePack'> };
  uses?: AppliedEvidence[];
  problems?: InputProblem[];
  error?: string;
};

function workerModule(): URL {
  const bundled = join(PACKAGE_ROOT, 'dist', 'bundle', 'store-worker.mjs');
  return pathToFileURL(existsSync(bundled) ? bundled : join(PACKAGE_ROOT, 'dist', 'store', 'batch-worker.js'));
}

export async function runStoreBatch(options: {
  store: Store;
  files: string[];
  jobs: number;
  cwd: string;
  evidence: StoredEvidence[];
  rulesDir?: string;
  /** What the readers take (--root, --max-file-size, --max-cells). */
  policy?: ReadPolicy;
  estimated?: string;
  runId?: string;
  onResult?: (r: StoreBatchResult) => void;
}): Promise<StoreBatchResult[]> {
  const { files } = options;
  const pack = loadRulePack(options.rulesDir);
  const results: StoreBatchResult[] = new Array(files.length);
  let next = 0;
  // Stores run one after another, in arrival order.
  let storing: Promise<unknown> = Promise.resolve();
  const workers = Math.max(1, Math.min(options.jobs, files.length));
  await Promise.all(
    Array.from(
      { length: workers },
      () =>
        new Promise<void>((done, fail) => {
          const worker = new Worker(workerModule(), {
            workerData: { rulesDir: options.rulesDir, evidence: options.evidence, policy: options.policy ?? {} },
          });
          const send = () => {
            if (next >= files.length) return worker.postMessage(null);
            const index = next++;
            worker.postMessage({
              index,
              file: resolve(options.cwd, files[index]!),
              command: `evaluate-batch ${files[index]}`,
            });
          };
          worker.on('message', (msg: WorkerReply) => {
            const file = files[msg.index]!;
            storing = storing.then(async () => {
              let result: StoreBatchResult;
              if (msg.record) {
                const record = {
                  ...msg.record,
                  hashed: { ...msg.record.hashed, rulePack: pack.content },
                } as DecisionRecord;
                const ref = await storeEvaluated(options.store, record, msg.uses ?? [], {
                  estimated: options.estimated,
                  runId: options.runId,
                });
                result = { file, ref, verdict: record.hashed.decision.verdict };
              } else result = { file, ...(msg.problems ? { problems: msg.problems } : { error: msg.error ?? '' }) };
              results[msg.index] = result;
              options.onResult?.(result);
            });
            storing.catch(fail);
            send();
          });
          worker.on('error', fail);
          worker.on('exit', () => done());
          send();
        }),
    ),
  );
  await storing;
  return results;
}
