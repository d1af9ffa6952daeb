/** A batch worker thread: evaluates the claims the main thread sends, one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import type { ReadPolicy } from '../documents/files.js';
import { runJob } from './job.js';

const { rulesDir, policy } = workerData as { rulesDir?: string; policy?: ReadPolicy };

parentPort?.on('message', async (msg: { index: number; file: string; output: string } | null) => {
  if (msg === null) {
    parentPort?.close();
    return;
  }
  const result = await runJob(msg.file, msg.output, rulesDir, policy);
  parentPort?.postMessage({ index: msg.index, result });
});
