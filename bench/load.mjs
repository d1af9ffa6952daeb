#!/usr/bin/env node
/**
 * Load on `usmca-roo serve` (not a test: figures are printed, and checked against the targets below).
 *
 *   node bench/load.mjs [--connections 200] [--workers N] [--big 100000]
 *
 * Starts the server as its own process on a free loopback port, then:
 *   1. the single-request latency of evaluating the example (examples/aurora-sedan, multipart: claim and producer),
 *      as the median of 30 requests one after another;
 *   2. 200 concurrent evaluations of the same claim (autocannon, one request per connection): every one must
 *      succeed; its p99 latency against the single-request median (target: under 5 times); the server's memory
 *      (resident set, peak) sampled from /proc;
 *   3. as many concurrent evaluations as the server has workers, 200 in all: p99 against the single-request median;
 *   4. 200 concurrent evaluations of 200 different claims (the example, each with its own claim id): the server
 *      shares one evaluation among identical requests in flight together (src/server/inflight.ts), which step 2's
 *      identical requests benefit from and these do not; /health is asked every 50 ms meanwhile, from a thread of
 *      its own, while every worker is busy and requests queue (target: under 100 ms);
 *   5. a 100,000-line claim (bench/generate.mjs) evaluated while /health is asked every 50 ms, from a thread of
 *      its own (so that sending the large body does not delay the asking): the slowest health answer (target:
 *      under 100 ms).
 * With 200 different requests in flight on a few worker threads, a request waits for those before it: by Little's
 * law its latency is about 200 / workers service times, so step 4's ratio measures queueing, step 3's the server.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import { generate } from './generate.mjs';

const ROOT = join(import.meta.dirname, '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const CONNECTIONS = arg('connections', 200);
const BIG = arg('big', 100_000);
const WORKERS = arg('workers', 0);

function multipart(files) {
  const boundary = 'usmca-roo-load-boundary';
  const parts = files.flatMap(([field, name, bytes]) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from('\r\n'),
  ]);
  return {
    body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

const example = join(ROOT, 'examples', 'aurora-sedan');
const claimText = readFileSync(join(example, 'claim.yaml'), 'utf8');
const producer = readFileSync(join(example, 'producer.yaml'));
const exampleBody = (claim) =>
  multipart([
    ['claim', 'claim.yaml', Buffer.from(claim)],
    ['files', 'producer.yaml', producer],
  ]);
const { body, type } = exampleBody(claimText);
/** The example under 200 claim ids: as many different requests. */
const distinct = Array.from(
  { length: CONNECTIONS },
  (_, i) => exampleBody(claimText.replace(/^id: (.*)$/m, `id: $1-${i}`)).body,
);

async function startServer() {
  const args = [join(ROOT, 'bin', 'usmca-roo.js'), 'serve', '--port', '0', '--timeout', '600'];
  if (WORKERS) args.push('--workers', String(WORKERS));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  while (!/listening on (http:\/\/\S+)/.test(err)) {
    if (child.exitCode !== null) throw new Error(`the server did not start:\n${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, url: /listening on (http:\/\/\S+)/.exec(err)[1] };
}

/** Resident and peak resident set of a process, MiB (Linux). */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function evaluateOnce(url) {
  const t = performance.now();
  const res = await fetch(`${url}/v1/evaluate`, { method: 'POST', body, headers: { 'content-type': type } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`status ${res.status}`);
  return performance.now() - t;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The `q` quantile (0..1) of latencies sorted ascending. */
const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

async function cannon(url, connections, amount, bodies = [body]) {
  let next = 0;
  return autocannon({
    url: `${url}/v1/evaluate`,
    method: 'POST',
    headers: { 'content-type': type },
    body,
    requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) }],
    connections,
    amount,
    timeout: 600,
  });
}

/** Asks /health every `everyMs` from a thread of its own until told to stop; answers the latencies, ms. */
function healthProber(url, everyMs) {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     let stop = false;
     parentPort.on('message', () => (stop = true));
     (async () => {
       const times = [];
       while (!stop) {
         const t = performance.now();
         const res = await fetch(workerData.url + '/health');
         await res.arrayBuffer();
         times.push(performance.now() - t);
         await new Promise((r) => setTimeout(r, workerData.everyMs));
       }
       parentPort.postMessage(times);
     })();`,
    { eval: true, workerData: { url, everyMs } },
  );
  const times = new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    stop: async () => {
      worker.postMessage('stop');
      const t = await times;
      await worker.terminate();
      return t;
    },
  };
}

const { child, url } = await startServer();
const health = await (await fetch(`${url}/health`)).json();
const workers = health.workers;
const rows = [];
let ok = true;
const check = (what, figure, target, pass) => {
  rows.push([what, figure, target, pass ? 'yes' : 'NO']);
  ok &&= pass;
};
try {
  for (let i = 0; i < 5; i++) await evaluateOnce(url); // warm the workers
  const single = [];
  for (let i = 0; i < 30; i++) single.push(await evaluateOnce(url));
  const singleMedian = median(single);
  rows.push(['single request, median of 30', `${singleMedian.toFixed(1)} ms`, '', '']);
  const before = memory(child.pid);

  let peak = before.rss;
  const sampler = setInterval(() => (peak = Math.max(peak, memory(child.pid).rss)), 100);
  const burst = await cannon(url, CONNECTIONS, CONNECTIONS);
  clearInterval(sampler);
  const succeeded = burst['2xx'];
  check(
    `${CONNECTIONS} concurrent evaluations: succeeded`,
    `${succeeded} of ${CONNECTIONS}`,
    'all',
    succeeded === CONNECTIONS && burst.errors === 0,
  );
  rows.push([
    `${CONNECTIONS} concurrent: median / p99 latency`,
    `${burst.latency.p50} / ${burst.latency.p99} ms`,
    '',
    '',
  ]);
  const queued = burst.latency.p99 / singleMedian;
  check(`${CONNECTIONS} concurrent: p99 / single median`, `${queued.toFixed(1)} x`, 'under 5 x', queued < 5);
  rows.push([
    `${CONNECTIONS} concurrent: p99 / its own median`,
    `${(burst.latency.p99 / burst.latency.p50).toFixed(2)} x`,
    '',
    '',
  ]);
  rows.push([
    `${CONNECTIONS} concurrent: throughput`,
    `${(CONNECTIONS / burst.duration).toFixed(1)} evaluations/s on ${workers} workers`,
    '',
    '',
  ]);
  const after = memory(child.pid);
  check(
    'server memory (resident): before, peak, after',
    `${before.rss.toFixed(0)}, ${peak.toFixed(0)}, ${after.rss.toFixed(0)} MiB`,
    'bounded (under 2 GiB)',
    peak < 2048,
  );

  const paced = await cannon(url, workers, CONNECTIONS);
  const pacedRatio = paced.latency.p99 / singleMedian;
  check(
    `${workers} concurrent (one per worker), ${CONNECTIONS} in all: p99 / single median`,
    `${paced.latency.p99} ms, ${pacedRatio.toFixed(1)} x`,
    'under 5 x',
    pacedRatio < 5 && paced['2xx'] === CONNECTIONS,
  );

  const saturated = healthProber(url, 50);
  const spread = await cannon(url, CONNECTIONS, CONNECTIONS, distinct);
  const duringSpread = (await saturated.stop()).sort((a, b) => a - b);
  const spreadRatio = spread.latency.p99 / singleMedian;
  check(
    `${CONNECTIONS} concurrent evaluations of ${CONNECTIONS} different claims: succeeded`,
    `${spread['2xx']} of ${CONNECTIONS}`,
    'all',
    spread['2xx'] === CONNECTIONS && spread.errors === 0,
  );
  check(
    `${CONNECTIONS} different claims: median / p99 latency, p99 / single median`,
    `${spread.latency.p50} / ${spread.latency.p99} ms, ${spreadRatio.toFixed(1)} x`,
    'under 5 x',
    spreadRatio < 5,
  );
  check(
    `/health while the pool is saturated by them: slowest of ${duringSpread.length} (median, p99)`,
    `${(duringSpread.at(-1) ?? 0).toFixed(1)} ms (${median(duringSpread).toFixed(1)}, ${percentile(duringSpread, 0.99).toFixed(1)} ms)`,
    'under 100 ms',
    (duringSpread.at(-1) ?? 0) < 100,
  );
  rows.push([
    `${CONNECTIONS} different claims: throughput`,
    `${(CONNECTIONS / spread.duration).toFixed(1)} evaluations/s on ${workers} workers`,
    '',
    '',
  ]);

  const big = JSON.stringify(generate(BIG));
  const prober = healthProber(url, 50);
  const started = performance.now();
  const res = await fetch(`${url}/v1/evaluate`, {
    method: 'POST',
    body: big,
    headers: { 'content-type': 'application/json' },
  });
  await res.arrayBuffer();
  const status = res.status;
  const times = (await prober.stop()).sort((a, b) => a - b);
  const asked = times.length;
  const slowest = times.at(-1) ?? 0;
  const p99 = percentile(times, 0.99);
  rows.push([
    `${BIG.toLocaleString('en')}-line claim (${(big.length / 1048576).toFixed(1)} MiB JSON)`,
    `status ${status}, ${((performance.now() - started) / 1000).toFixed(1)} s`,
    '',
    '',
  ]);
  check(
    `/health during it: slowest of ${asked} (median, p99)`,
    `${slowest.toFixed(1)} ms (${median(times).toFixed(1)}, ${p99.toFixed(1)} ms)`,
    'under 100 ms',
    slowest < 100 && status === 200,
  );
  rows.push([
    'server memory after it (resident, peak)',
    `${memory(child.pid).rss.toFixed(0)}, ${memory(child.pid).peak.toFixed(0)} MiB`,
    '',
    '',
  ]);
} finally {
  child.kill('SIGTERM');
}

console.log(
  `| measure | figure | target | met |\n|---|---|---|---|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`,
);
console.log(`\nNode ${process.version}, ${workers} workers, ${(await import('node:os')).availableParallelism()} CPUs`);
process.exitCode = ok ? 0 : 1;
