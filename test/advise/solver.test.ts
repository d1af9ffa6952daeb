/** HiGHS, the solver advice uses, runs in the process and in a worker thread (it needs no network and no file). */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { solveLp } from '../../src/advise/solver.js';

const LP = `Minimize
 obj: x + 2 y + 3 z
Subject To
 c1: x + y + z >= 2
 c2: x + z <= 1
Binaries
 x y z
End
`;

describe('the solver', () => {
  it('solves a small integer program, proving its optimum', async () => {
    const s = await solveLp(LP);
    expect(s).toEqual({ status: 'optimal', chosen: new Set(['x', 'y']), objective: 3 });
  });

  it('says when there is no solution', async () => {
    expect((await solveLp(LP.replace('>= 2', '>= 4'))).status).toBe('infeasible');
  });

  it('runs in a worker thread', async () => {
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      const { createRequire } = require('node:module');
      const load = createRequire(workerData.root + '/package.json')('highs');
      load().then((h) => parentPort.postMessage(h.solve(workerData.lp, { output_flag: false }).ObjectiveValue));`;
    const worker = new Worker(code, { eval: true, workerData: { lp: LP, root: process.cwd() } });
    const value = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(value).toBe(3);
  });
});
