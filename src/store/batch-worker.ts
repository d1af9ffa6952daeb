/**
 * A worker thread of `evaluate-batch --store`: evaluates the claims the main thread sends with the evidence it
 * was given, and sends back each record (without its rule pack, which the main thread holds) for the main
 * thread to store. Never throws: a claim's problems or an internal error come back as its result.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ReadPolicy } from '../documents/files.js';
import type { StoredEvidence } from '../evidence/apply.js';
import { loadClaimFile } from '../input/load-claim.js';
import { InputError } from '../input/problems.js';
import { ruleFacts } from '../rules/facts.js';
import { loadRulePack } from '../rules/load.js';
import { evaluateWithEvidence } from './evaluate.js';

const { rulesDir, evidence, policy } = workerData as {
  rulesDir?: string;
  evidence: StoredEvidence[];
  policy: ReadPolicy;
};

parentPort?.on('message', async (msg: { index: number; file: string; command: string } | null) => {
  if (msg === null) {
    parentPort?.close();
    return;
  }
  try {
    const pack = loadRulePack(rulesDir);
    const made = await evaluateWithEvidence(loadClaimFile(msg.file, { ...policy, rules: ruleFacts(pack) }), pack, {
      evidence,
      file: msg.file,
      command: msg.command,
    });
    const { rulePack: _p, ...hashed } = made.record.hashed;
    parentPort?.postMessage({ index: msg.index, record: { ...made.record, hashed }, uses: made.uses });
  } catch (err) {
    if (err instanceof InputError) parentPort?.postMessage({ index: msg.index, problems: err.problems });
    else parentPort?.postMessage({ index: msg.index, error: (err as Error).stack ?? String(err) });
  }
});
