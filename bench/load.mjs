#!/usr/bin/env node
/**
 * Load on `usmca-roo serve` (not a test: figures are printed, and checked against the targets below).
 *
 *   node bench/load.mjs [--connections 200] [--workers N] [--big 100000]
 *
 * Starts the server as its own process on a free loopback port (its workers warmed), then:
 *   1. the single-request latency of evaluating the example (examples/aurora-sedan, multipart: claim and producer),
 *      as the median of 30 requests one after another, measured two ways: cold, each request a claim id not sent
 *      before (so each is evaluated), and warm, the same request each time (answered from the server's recent
 *      answers, src/server/answers.ts, after the first);
 *   1b. the machine's floor: the same 200 requests at once on a bare Node HTTP server (a process of its own) that
 *      answers as many bytes as the decision at once: the latency the machine and the client alone give;
 *   2. 200 concurrent evaluations of one claim not sent before (autocannon, one request per connection): every
 *      one must succeed; its p99 latency against the cold single-request median (target: under 5 times): the
 *      burst starts as a single cold request does, with no answer known; one evaluation answers all of them (those
 *      in flight together share it, src/server/inflight.ts; later ones find it kept). The server's memory (resident
 *      set, peak) sampled from /proc meanwhile;
 *   3. the same 200 again, now answered from the recent answers: p99 against the warm single-request median (the
 *      same path for both);
 *   4. as many concurrent evaluations as the server has workers, 200 different claims in all: p99 against the cold
 *      single-request median;
 *   5. 200 concurrent evaluations of 200 different claims (the example, each with its own claim id), which share
 *      nothing; /health is asked every 50 ms meanwhile, from a thread of its own, while every worker is busy and
 *      requests queue (target: under 100 ms);
 *   6. a 100,000-line claim (bench/generate.mjs) evaluated while /health is asked every 50 ms, from a thread of
 *      its own (so that sending the large body does not delay the asking): the slowest health answer (target:
 *      under 100 ms).
 * With 200 different requests in flight on a few worker threads, a request waits for those before it: by Little's
 * law its latency is about 200 / workers service times, so step 5's ratio measures queueing, step 4's the server.
 * The machine's load average is printed before and after: on a shared machine the figures move with it. For each
 * burst, the CPU time of the server (all its threads) and of this script; for /health, also the server's own
 * measure of each answer (its request log: from the request's arrival to the answer sent).
 *
 * A ratio is only as meaningful as its single-request median: the warm median (an answer kept) is about a
 * millisecond, which no burst of 200 can stay within 5 times of on one server thread (Little's law); the cold one
 * is an evaluation, the work the target is about.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
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
const { type } = exampleBody(claimText);
/** The example under claim id `id`: a request the server has not answered before. */
const under = (id) => exampleBody(claimText.replace(/^id: (.*)$/m, `id: $1-${id}`)).body;
/** The example under `n` claim ids made of `step`: as many different requests, none sent in another step. */
const distinct = (step, n = CONNECTIONS) => Array.from({ length: n }, (_, i) => under(`${step}-${i}`));

async function startServer() {
  const args = [join(ROOT, 'bin', 'usmca-roo.js'), 'serve', '--port', '0', '--timeout', '600'];
  if (WORKERS) args.push('--workers', String(WORKERS));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // The server's own measure of each /health answer (its request log: from the request's arrival to its answer sent).
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.includes('"answered"')) return;
    const entry = JSON.parse(line);
    if (entry.url === '/health') healthServerMs.push(entry.ms);
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  while (!/listening on (http:\/\/\S+)/.test(err)) {
    if (child.exitCode !== null) throw new Error(`the server did not start:\n${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, url: /listening on (http:\/\/\S+)/.exec(err)[1] };
}

/** Each /health answer's time as the server measured it, ms, in the order answered. */
const healthServerMs = [];
/** The slowest of the server's own /health times since `from` (an index into healthServerMs), ms. */
const slowestServerSide = (from) => Math.max(0, ...healthServerMs.slice(from));

/**
 * A bare Node HTTP server in a process of its own that reads each request and answers `bytes` bytes at once: the
 * latency the machine and the client alone give a burst, whatever the server does.
 */
async function startFloor(bytes) {
  const code = `const body = Buffer.alloc(${bytes}, 120);
    const s = require('node:http').createServer((req, res) => { req.resume(); req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }); res.end(body); }); });
    s.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + s.address().port));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await once(createInterface({ input: child.stdout }), 'line');
  return { child, url: line };
}

/** Resident and peak resident set of a process, MiB (Linux). */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function evaluateOnce(url, body) {
  const t = performance.now();
  const res = await fetch(`${url}/v1/evaluate`, { method: 'POST', body, headers: { 'content-type': type } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`status ${res.status}`);
  return performance.now() - t;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The `q` quantile (0..1) of latencies sorted ascending. */
const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

/** CPU time of a process, all its threads, ms (Linux, 100 clock ticks a second). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

let serverPid = 0;
async function cannon(url, connections, amount, bodies) {
  let next = 0;
  const server = cpuMs(serverPid);
  const client = process.cpuUsage();
  const result = await autocannon({
    url: `${url}/v1/evaluate`,
    method: 'POST',
    headers: { 'content-type': type },
    body: bodies[0],
    requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) }],
    connections,
    amount,
    timeout: 600,
  });
  const used = process.cpuUsage(client);
  return { ...result, serverCpuMs: cpuMs(serverPid) - server, clientCpuMs: (used.user + used.system) / 1000 };
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

const { loadavg } = await import('node:os');
const loadBefore = loadavg();
const { child, url } = await startServer();
serverPid = child.pid;
const health = await (await fetch(`${url}/health`)).json();
const workers = health.workers;
const rows = [];
let ok = true;
const check = (what, figure, target, pass) => {
  rows.push([what, figure, target, pass ? 'yes' : 'NO']);
  ok &&= pass;
};
const note = (what, figure) => rows.push([what, figure, '', '']);
/** A burst of `bodies.length` requests at once: its checks and figures against `single` (ms), under `what`. */
function burstRows(what, result, single, singleWhat) {
  const n = CONNECTIONS;
  check(`${what}: succeeded`, `${result['2xx']} of ${n}`, 'all', result['2xx'] === n && result.errors === 0);
  const ratio = result.latency.p99 / single;
  check(
    `${what}: median / p99 latency; p99 / ${singleWhat} single median`,
    `${result.latency.p50} / ${result.latency.p99} ms; ${ratio.toFixed(1)} x`,
    'under 5 x',
    ratio < 5,
  );
  note(`${what}: throughput`, `${(n / result.duration).toFixed(1)} answers/s on ${workers} workers`);
  note(
    `${what}: CPU time of the server (all threads) / of this script (the client)`,
    `${result.serverCpuMs.toFixed(0)} / ${result.clientCpuMs.toFixed(0)} ms over ${(result.duration * 1000).toFixed(0)} ms`,
  );
}
try {
  for (const b of distinct('warmup', 5)) await evaluateOnce(url, b); // the workers' code compiled
  const cold = [];
  for (const b of distinct('single', 30)) cold.push(await evaluateOnce(url, b));
  const coldMedian = median(cold);
  note('single request, cold (each evaluated), median of 30', `${coldMedian.toFixed(1)} ms`);
  const same = under('warm');
  await evaluateOnce(url, same);
  const warm = [];
  for (let i = 0; i < 30; i++) warm.push(await evaluateOnce(url, same));
  const warmMedian = median(warm);
  note('single request, warm (the same request answered before), median of 30', `${warmMedian.toFixed(1)} ms`);
  const before = memory(child.pid);

  // The floor: the same burst on a server that does nothing but answer as many bytes as the decision has.
  const answerBytes = (
    await (
      await fetch(`${url}/v1/evaluate`, { method: 'POST', body: same, headers: { 'content-type': type } })
    ).arrayBuffer()
  ).byteLength;
  const floor = await startFloor(answerBytes);
  try {
    serverPid = floor.child.pid;
    const bare = await cannon(floor.url, CONNECTIONS, CONNECTIONS, [same]);
    note(
      `${CONNECTIONS} at once on a bare Node server answering ${answerBytes} bytes at once (the machine's floor): median / p99`,
      `${bare.latency.p50} / ${bare.latency.p99} ms`,
    );
  } finally {
    floor.child.kill();
    serverPid = child.pid;
  }

  let peak = before.rss;
  const sampler = setInterval(() => (peak = Math.max(peak, memory(child.pid).rss)), 100);
  const burst = [under('burst')];
  burstRows(
    `${CONNECTIONS} identical at once, cold`,
    await cannon(url, CONNECTIONS, CONNECTIONS, burst),
    coldMedian,
    'cold',
  );
  burstRows(
    `${CONNECTIONS} identical at once, warm`,
    await cannon(url, CONNECTIONS, CONNECTIONS, burst),
    warmMedian,
    'warm',
  );
  clearInterval(sampler);
  const after = memory(child.pid);
  check(
    'server memory (resident): before, peak, after',
    `${before.rss.toFixed(0)}, ${peak.toFixed(0)}, ${after.rss.toFixed(0)} MiB`,
    'bounded (under 2 GiB)',
    peak < 2048,
  );

  const paced = await cannon(url, workers, CONNECTIONS, distinct('paced'));
  burstRows(`${workers} at once (one per worker), ${CONNECTIONS} different in all`, paced, coldMedian, 'cold');

  const saturatedFrom = healthServerMs.length;
  const saturated = healthProber(url, 50);
  const spread = await cannon(url, CONNECTIONS, CONNECTIONS, distinct('spread'));
  const duringSpread = (await saturated.stop()).sort((a, b) => a - b);
  burstRows(`${CONNECTIONS} different claims at once`, spread, coldMedian, 'cold');
  check(
    `/health while the pool is saturated by them: slowest of ${duringSpread.length} (median, p99)`,
    `${(duringSpread.at(-1) ?? 0).toFixed(1)} ms (${median(duringSpread).toFixed(1)}, ${percentile(duringSpread, 0.99).toFixed(1)} ms)`,
    'under 100 ms',
    (duringSpread.at(-1) ?? 0) < 100,
  );
  note(
    '/health meanwhile, as the server measured it (request read to answer sent): slowest',
    `${slowestServerSide(saturatedFrom).toFixed(1)} ms`,
  );

  const big = JSON.stringify(generate(BIG));
  const proberFrom = healthServerMs.length;
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
  note(
    '/health during it, as the server measured it (request read to answer sent): slowest',
    `${slowestServerSide(proberFrom).toFixed(1)} ms`,
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
const la = (l) => l.map((x) => x.toFixed(2)).join(' ');
console.log(
  `\nNode ${process.version}, ${workers} workers, ${(await import('node:os')).availableParallelism()} CPUs; load average (1, 5, 15 min) before ${la(loadBefore)}, after ${la(loadavg())}`,
);
process.exitCode = ok ? 0 : 1;
