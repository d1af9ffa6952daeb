#!/usr/bin/env node
/**
 * Load on `usmca-roo serve` (not a test: figures are printed, and checked against the targets below).
 *
 *   node bench/load.mjs [--connections 200] [--workers N] [--big 100000] [--identity]
 *
 * Starts the server as its own process on a free loopback port (its workers warmed), and a load client as another
 * (bench/client.mjs: plain sockets, each request written whole, each latency from its write to its answer's last
 * byte), so that neither the client's work nor this script's (making bodies, sending the large claim) is the
 * server's. As an ERP system or a trade platform calls an API, the client holds keep-alive connections, opened
 * (and each used once, GET /health) before it sends; the single-request figures and the bursts are measured over
 * such connections alike. Every request asks for a compressed answer (Accept-Encoding: gzip), as most HTTP client
 * libraries do (the server compresses each answer once, src/server/encoding.ts), unless `--identity` is given. Then:
 *   1. the single-request latency of evaluating the example (examples/aurora-sedan, multipart: claim and producer),
 *      the median of 30 requests one after another on one connection, measured two ways: cold, each request a claim
 *      id not sent before (so each is evaluated), and warm, the same request each time (answered from the server's
 *      recent answers, src/server/answers.ts, after the first). The target's ratio uses the cold median: an
 *      evaluation is the work the target is about; the warm one (well under a millisecond of server work) is given
 *      beside it;
 *   2. the machine's floor: the same 200 requests at once on a bare Node HTTP server (a process of its own) that
 *      answers as many bytes as the decision at once, over connections opened before, and over connections opened
 *      at the burst: the latency the machine, Node and the client alone give;
 *   3. 200 concurrent evaluations of one claim not sent before, one on each of 200 open connections: every one
 *      must succeed; its p99 latency against the cold single-request median (target: under 5 times): the burst
 *      starts as a single cold request does, with no answer known; one evaluation answers all of them (those
 *      arriving while it runs wait for it, src/server/fastlane.ts; later ones find it kept). The server's memory
 *      (resident set, peak) sampled from /proc meanwhile; the same 200 again, now answered from the recent answers,
 *      against both medians; and the same cold burst on 200 connections opened at the burst (their setup counted);
 *   4. as many concurrent evaluations as the server has workers, 200 different claims in all: p99 against the cold
 *      single-request median;
 *   5. 200 concurrent evaluations of 200 different claims (the example, each with its own claim id), which share
 *      nothing; /health is asked every 50 ms meanwhile, by a client process of its own, while every worker is busy
 *      and requests queue (target: under 100 ms);
 *   6. a 100,000-line claim (bench/generate.mjs) evaluated while /health is asked every 50 ms by that client: the
 *      slowest health answer (target: under 100 ms).
 * With 200 different requests in flight on a few worker threads, a request waits for those before it: by Little's
 * law its latency is about 200 / workers service times, so step 5's ratio measures queueing, step 4's the server.
 * The machine's load average is printed before and after: on a shared machine the figures move with it. For each
 * burst, the CPU time of the server (all its threads) and of the client; for /health, also the server's own
 * measure of each answer (its request log: from the request's arrival to the answer sent).
 */
import { fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { generate } from './generate.mjs';

const ROOT = join(import.meta.dirname, '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const CONNECTIONS = arg('connections', 200);
const BIG = arg('big', 100_000);
const WORKERS = arg('workers', 0);
/** Whether the client asks for compressed answers (the default), or not (`--identity`). */
const GZIP = !process.argv.includes('--identity');

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
/**
 * The slowest of the server's own /health times since `from` (an index into healthServerMs), ms, once the lines
 * held by the server's log (written in batches, at most 50 ms apart) have come.
 */
async function slowestServerSide(from) {
  await new Promise((r) => setTimeout(r, 200));
  return Math.max(0, ...healthServerMs.slice(from));
}

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

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The `q` quantile (0..1) of latencies sorted ascending. */
const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

/** CPU time of a process, all its threads, ms (Linux, 100 clock ticks a second). */
function cpuMs(pid) {
  return ticks(`/proc/${pid}/stat`);
}
/** CPU time of a process's main thread alone (the one that reads requests and writes answers), ms. */
function mainThreadCpuMs(pid) {
  return ticks(`/proc/${pid}/task/${pid}/stat`);
}
function ticks(file) {
  const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A load client in a process of its own (bench/client.mjs): `ask(message)` resolves with its answer. */
function client() {
  const child = fork(join(ROOT, 'bench', 'client.mjs'), GZIP ? ['--gzip'] : [], { serialization: 'advanced' });
  let queue = Promise.resolve();
  const ask = (message) => {
    const answer = queue.then(
      () =>
        new Promise((resolve, reject) => {
          child.once('message', (m) => (m.error ? reject(new Error(m.error)) : resolve(m)));
          child.send(message);
        }),
    );
    queue = answer.then(
      () => undefined,
      () => undefined,
    );
    return answer;
  };
  return { ask, kill: () => child.kill() };
}

let serverPid = 0;
/**
 * `bodies` sent at once, each on a connection of its own opened before (or, `fresh`, at the burst), or on
 * `perConnection` connections in turn: latencies (sorted, ms), statuses, and the CPU time of the server and client.
 */
async function burst(load, url, bodies, { fresh = false, perConnection = 0 } = {}) {
  await load.ask({ op: 'open', url, connections: perConnection || (fresh ? 1 : bodies.length) });
  const server = cpuMs(serverPid);
  const main = mainThreadCpuMs(serverPid);
  const r = await load.ask({
    op: 'burst',
    path: '/v1/evaluate',
    type,
    bodies,
    fresh,
    perConnection: perConnection > 0,
  });
  const serverCpuMs = cpuMs(serverPid) - server;
  const mainCpuMs = mainThreadCpuMs(serverPid) - main;
  await load.ask({ op: 'close' });
  const sorted = [...r.latencies].sort((x, y) => x - y);
  return {
    ...r,
    sorted,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    ok: r.statuses.filter((s) => s === 200).length,
    serverCpuMs,
    mainCpuMs,
  };
}

/** Asks /health every `everyMs` from the client `probe` until stopped; answers the latencies, ms. */
async function healthProber(probe, url, everyMs) {
  await probe.ask({ op: 'probe', url, everyMs });
  return { stop: async () => (await probe.ask({ op: 'stop' })).latencies };
}

const { loadavg } = await import('node:os');
const loadBefore = loadavg();
const { child, url } = await startServer();
serverPid = child.pid;
const health = await (await fetch(`${url}/health`)).json();
const workers = health.workers;
const load = client();
const probe = client();
const rows = [];
let ok = true;
const check = (what, figure, target, pass) => {
  rows.push([what, figure, target, pass ? 'yes' : 'NO']);
  ok &&= pass;
};
const note = (what, figure) => rows.push([what, figure, '', '']);
const ms = (x) => `${x.toFixed(1)} ms`;
/** A burst's rows: all succeeded, median and p99, p99 against `single` (checked against 5 times if `target`). */
function burstRows(what, r, single, singleWhat, target = true) {
  const n = r.statuses.length + r.errors;
  check(`${what}: succeeded`, `${r.ok} of ${n}`, 'all', r.ok === n && r.errors === 0);
  const ratio = r.p99 / single;
  const figure = `${ms(r.p50)} / ${ms(r.p99)}; ${ratio.toFixed(1)} x`;
  const label = `${what}: median / p99 latency; p99 / ${singleWhat} single median`;
  if (target) check(label, figure, 'under 5 x', ratio < 5);
  else note(label, figure);
  note(
    `${what}: CPU time of the server (all threads; its main thread, per request) / of the client`,
    `${r.serverCpuMs.toFixed(0)} (${r.mainCpuMs.toFixed(0)}, ${(r.mainCpuMs / n).toFixed(2)}) / ${r.cpuMs.toFixed(0)} ms over ${r.durationMs.toFixed(0)} ms`,
  );
}
/** The median of `bodies` sent one after another on one open connection, each answered 200; the last answer's sizes. */
async function single(bodies) {
  await load.ask({ op: 'open', url, connections: 1 });
  const r = await load.ask({ op: 'sequence', path: '/v1/evaluate', type, bodies });
  await load.ask({ op: 'close' });
  if (r.statuses.some((s) => s !== 200)) throw new Error(`a single request answered ${r.statuses.join(' ')}`);
  const [sent, decoded] = r.sizes.at(-1);
  return { median: median(r.latencies), sent, decoded };
}
try {
  await single(distinct('warmup', 5)); // the workers' code compiled
  const { median: coldMedian } = await single(distinct('single', 30));
  note('single request, cold (each a new claim, evaluated), median of 30 on one open connection', ms(coldMedian));
  const same = under('warm');
  const warmed = await single(Array.from({ length: 31 }, () => same)); // the first one evaluated
  const warmMedian = warmed.median;
  note('single request, warm (the same request, a kept answer), median of 31 on one open connection', ms(warmMedian));
  const before = memory(child.pid);

  // The floor: the same burst on a server that does nothing but answer as many bytes as the server sends.
  const answerBytes = warmed.sent;
  note(
    'the answer: bytes sent (decoded)',
    `${answerBytes} (${warmed.decoded})${GZIP ? ', gzip asked' : ', not compressed (--identity)'}`,
  );
  const floor = await startFloor(answerBytes);
  try {
    serverPid = floor.child.pid;
    const bodies = Array.from({ length: CONNECTIONS }, () => same);
    const open = await burst(load, floor.url, bodies);
    const fresh = await burst(load, floor.url, bodies, { fresh: true });
    note(
      `${CONNECTIONS} at once on a bare Node server answering ${answerBytes} bytes (the machine's floor): median / p99, connections open before; opened at the burst`,
      `${ms(open.p50)} / ${ms(open.p99)}; ${ms(fresh.p50)} / ${ms(fresh.p99)}`,
    );
  } finally {
    floor.child.kill();
    serverPid = child.pid;
  }

  let peak = before.rss;
  const sampler = setInterval(() => (peak = Math.max(peak, memory(child.pid).rss)), 100);
  const identical = (id) => Array.from({ length: CONNECTIONS }, () => under(id));
  burstRows(`${CONNECTIONS} identical at once, cold`, await burst(load, url, identical('burst')), coldMedian, 'cold');
  const again = await burst(load, url, identical('burst'));
  burstRows(`${CONNECTIONS} identical at once, warm (answered from the kept answer)`, again, coldMedian, 'cold');
  note(`... its p99 / warm single median`, `${(again.p99 / warmMedian).toFixed(1)} x`);
  burstRows(
    `${CONNECTIONS} identical at once, cold, on connections opened at the burst`,
    await burst(load, url, identical('fresh'), { fresh: true }),
    coldMedian,
    'cold',
    false,
  );
  clearInterval(sampler);
  const after = memory(child.pid);
  check(
    'server memory (resident): before, peak, after',
    `${before.rss.toFixed(0)}, ${peak.toFixed(0)}, ${after.rss.toFixed(0)} MiB`,
    'bounded (under 2 GiB)',
    peak < 2048,
  );

  const paced = await burst(load, url, distinct('paced'), { perConnection: workers });
  burstRows(`${workers} at once (one per worker), ${CONNECTIONS} different in all`, paced, coldMedian, 'cold');

  const saturatedFrom = healthServerMs.length;
  const saturated = await healthProber(probe, url, 50);
  const spread = await burst(load, url, distinct('spread'));
  const duringSpread = (await saturated.stop()).sort((a, b) => a - b);
  burstRows(`${CONNECTIONS} different claims at once`, spread, coldMedian, 'cold', false);
  check(
    `/health while the pool is saturated by them: slowest of ${duringSpread.length} (median, p99)`,
    `${ms(duringSpread.at(-1) ?? 0)} (${ms(median(duringSpread))}, ${ms(percentile(duringSpread, 0.99))})`,
    'under 100 ms',
    (duringSpread.at(-1) ?? 0) < 100,
  );
  note(
    '/health meanwhile, as the server measured it (arrival to answer sent): slowest',
    ms(await slowestServerSide(saturatedFrom)),
  );

  const big = JSON.stringify(generate(BIG));
  const proberFrom = healthServerMs.length;
  const prober = await healthProber(probe, url, 50);
  const started = performance.now();
  const res = await fetch(`${url}/v1/evaluate`, {
    method: 'POST',
    body: big,
    headers: { 'content-type': 'application/json' },
  });
  await res.arrayBuffer();
  const status = res.status;
  const took = performance.now() - started;
  const times = (await prober.stop()).sort((a, b) => a - b);
  const slowest = times.at(-1) ?? 0;
  note(
    `${BIG.toLocaleString('en')}-line claim (${(big.length / 1048576).toFixed(1)} MiB JSON)`,
    `status ${status}, ${(took / 1000).toFixed(1)} s`,
  );
  check(
    `/health during it: slowest of ${times.length} (median, p99)`,
    `${ms(slowest)} (${ms(median(times))}, ${ms(percentile(times, 0.99))})`,
    'under 100 ms',
    slowest < 100 && status === 200,
  );
  note(
    '/health during it, as the server measured it (arrival to answer sent): slowest',
    ms(await slowestServerSide(proberFrom)),
  );
  note(
    'server memory after it (resident, peak)',
    `${memory(child.pid).rss.toFixed(0)}, ${memory(child.pid).peak.toFixed(0)} MiB`,
  );
} finally {
  child.kill('SIGTERM');
  load.kill();
  probe.kill();
}

console.log(
  `| measure | figure | target | met |\n|---|---|---|---|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`,
);
const la = (l) => l.map((x) => x.toFixed(2)).join(' ');
console.log(
  `\nNode ${process.version}, ${workers} workers, ${(await import('node:os')).availableParallelism()} CPUs; load average (1, 5, 15 min) before ${la(loadBefore)}, after ${la(loadavg())}`,
);
process.exitCode = ok ? 0 : 1;
