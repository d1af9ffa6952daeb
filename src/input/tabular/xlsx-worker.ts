/**
 * The worker thread that reads a workbook for `readXlsxSync`: it receives the file's bytes (it opens no
 * file itself), checks and dumps the chosen sheet (xlsx-dump.ts), posts the result and raises the signal the
 * waiting thread blocks on.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import type { ReadLimits } from '../../documents/files.js';
import { dumpXlsx, type Dump } from './xlsx-dump.js';

const { bytes, sheet, limits, port, signal } = workerData as {
  bytes: Uint8Array;
  sheet: string | undefined;
  limits: ReadLimits;
  port: MessagePort;
  signal: Int32Array;
};

function finish(message: Dump): void {
  try {
    port.postMessage(message);
  } finally {
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  }
}

// Whatever fails outside the promise (an exception thrown in a stream's callback) still ends the wait at once.
process.on('uncaughtException', (e: unknown) => finish({ names: [], error: String((e as Error)?.message ?? e) }));

dumpXlsx(bytes, sheet, limits).then(finish, (e: unknown) =>
  finish({ names: [], error: String((e as Error)?.message ?? e) }),
);
