/**
 * A worker thread of `impact`: re-runs the stored records the main thread sends (rows as read, a page at a time)
 * under the change it was given, with the rule packs it was handed (it has no store), and sends back each
 * record's outcome. Each row is checked against its hash here, as every read of a record is.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkRow, PackCache, type Row } from '../store/read.js';
import { ImpactContext, impactOf, type ImpactChange, type ImpactOutcome } from './run.js';

const { change, packs } = workerData as { change: ImpactChange; packs: Record<string, string> };
const source = new PackCache(packs);
const ctx = new ImpactContext(undefined, change, source);

parentPort?.on('message', async (rows: Row[] | null) => {
  if (rows === null) {
    parentPort?.close();
    return;
  }
  const out: Array<ImpactOutcome | { error: string }> = [];
  for (const row of rows) {
    try {
      out.push(await impactOf(ctx, await checkRow(row, source)));
    } catch (err) {
      out.push({ error: (err as Error).stack ?? String(err) });
    }
  }
  parentPort?.postMessage(out);
});
