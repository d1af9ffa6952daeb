/** A batch worker thread: evaluates the claims the main thread sends, one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { runJob } from './job.js';

const { rulesDir } = workerData as { rulesDir?: string };

parentPort?.on('message', async (msg: { index: number; file: string; output: string } | null) => {
  if (msg === null) {
    parentPort?.close();
    return;
  }
  const result = await runJob(msg.file, msg.output, rulesDir);
  parentPort?.postMessage({ index: msg.index, result });
});
