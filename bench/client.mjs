/**
 * The load client of bench/load.mjs, run as a process of its own (forked, `serialization: 'advanced'`), so that
 * what it spends is not the load script's and what the load script does (making bodies, sending a large claim)
 * does not delay it. HTTP/1.1 over plain sockets: each request written whole in one write, each answer read to its
 * Content-Length; a request's latency runs from just before its write to its answer's last byte. With `--gzip`
 * every request asks for a compressed answer (Accept-Encoding: gzip), as most HTTP client libraries do, and each
 * compressed answer is decoded once received (in the client's CPU time, not in the latency).
 *
 * Messages (each answered with one message):
 *   { op: 'open', url, connections }          opens that many keep-alive connections, each used once (GET /health)
 *                                             so that the server has accepted it, as a client with a connection pool
 *                                             holds them: answers { opened }
 *   { op: 'burst', path, type, bodies, fresh, perConnection }
 *                                             one request per body at once, request i on connection i (fresh: each
 *                                             on a connection opened at that moment, its setup in the latency;
 *                                             perConnection: request i on connection i % n, each connection sending
 *                                             its next once its last is answered): answers { latencies, statuses,
 *                                             errors, durationMs, cpuMs }
 *   { op: 'sequence', path, type, bodies }     the requests one after another on the first open connection: answers
 *                                             { latencies, statuses, sizes: [[bytes sent, bytes decoded]], errors }
 *   { op: 'probe', url, everyMs }              GET /health every everyMs on a keep-alive connection of its own, until
 *   { op: 'stop' }                            answers { latencies }
 *   { op: 'close' }                           closes the connections: answers { closed }
 */
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';

/** Whether requests ask for compressed answers (`--gzip`, as the load script passes it). */
const GZIP = process.argv.includes('--gzip');

/** One keep-alive connection: `send(bytes)` resolves with the answer's status and latency (ms). */
class Connection {
  constructor(host, port) {
    this.host = host;
    this.port = port;
    this.socket = undefined;
    this.pending = undefined;
    this.buffer = Buffer.alloc(0);
  }

  open() {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port, noDelay: true }, () => resolve(this));
      socket.once('error', reject);
      socket.on('data', (chunk) => this.onData(chunk));
      socket.on('close', () => this.fail(new Error('the connection closed')));
      socket.on('error', (err) => this.fail(err));
      this.socket = socket;
    });
  }

  fail(err) {
    this.closed = true;
    const p = this.pending;
    this.pending = undefined;
    p?.reject(err);
  }

  /** Writes `bytes` (a whole request) and resolves with { status, ms } once its answer is read. */
  send(bytes) {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('the connection closed'));
      this.pending = { resolve, reject, start: performance.now(), head: undefined };
      this.socket.write(bytes);
    });
  }

  onData(chunk) {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const p = this.pending;
    if (!p) return;
    if (!p.head) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buffer.subarray(0, end).toString('latin1');
      const status = Number(head.slice(9, 12));
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (!length) return this.fail(new Error(`an answer without Content-Length: ${head.split('\r\n')[0]}`));
      const gzip = /\r\ncontent-encoding:\s*gzip/i.test(head);
      p.head = { status, gzip, bodyStart: end + 4, total: end + 4 + Number(length[1]) };
    }
    if (this.buffer.length < p.head.total) return;
    const ms = performance.now() - p.start;
    const body = this.buffer.subarray(p.head.bodyStart, p.head.total);
    this.buffer = this.buffer.subarray(p.head.total);
    this.pending = undefined;
    // Decoded as a client would (after the latency is taken: it ends at the last byte received).
    const decoded = p.head.gzip ? gunzipSync(body).length : body.length;
    p.resolve({ status: p.head.status, ms, bytes: body.length, decoded });
  }

  close() {
    this.closed = true;
    this.socket?.destroy();
  }
}

const request = (method, host, path, type, body) =>
  Buffer.concat([
    Buffer.from(
      `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\n` +
        (body ? `Content-Type: ${type}\r\nContent-Length: ${body.length}\r\n` : '') +
        (GZIP ? 'Accept-Encoding: gzip\r\n' : '') +
        'Connection: keep-alive\r\n\r\n',
      'latin1',
    ),
    body ? Buffer.from(body) : Buffer.alloc(0),
  ]);

let connections = [];
let target;
let probing;

/** Each request's status and latency, sent `requests` at once, request i on connection i. */
async function settle(promises) {
  const latencies = [];
  const statuses = [];
  let errors = 0;
  for (const r of await Promise.allSettled(promises)) {
    if (r.status === 'fulfilled') {
      latencies.push(r.value.ms);
      statuses.push(r.value.status);
    } else errors++;
  }
  return { latencies, statuses, errors };
}

async function onMessage(m) {
  switch (m.op) {
    case 'open': {
      for (const c of connections) c.close();
      const url = new URL(m.url);
      target = { host: url.hostname, port: Number(url.port), hostHeader: url.host };
      connections = await Promise.all(
        Array.from({ length: m.connections }, () => new Connection(target.host, target.port).open()),
      );
      const health = request('GET', target.hostHeader, '/health');
      await Promise.all(connections.map((c) => c.send(health)));
      return { opened: connections.length };
    }
    case 'burst': {
      const bytes = m.bodies.map((b) => request('POST', target.hostHeader, m.path, m.type, b));
      const cpu = process.cpuUsage();
      const started = performance.now();
      let promises;
      if (m.fresh) {
        // Each connection's setup counted in its request's latency.
        promises = bytes.map(async (b) => {
          const t = performance.now();
          const c = await new Connection(target.host, target.port).open();
          const { status } = await c.send(b);
          const ms = performance.now() - t;
          c.close();
          return { status, ms };
        });
      } else if (m.perConnection) {
        // Request i on connection i % n, each connection sending its next once its last is answered.
        const n = connections.length;
        promises = [];
        const chains = connections.map(() => Promise.resolve());
        bytes.forEach((b, i) => {
          const p = chains[i % n].then(() => connections[i % n].send(b));
          chains[i % n] = p.then(
            () => undefined,
            () => undefined,
          );
          promises.push(p);
        });
      } else promises = bytes.map((b, i) => connections[i].send(b));
      const result = await settle(promises);
      const used = process.cpuUsage(cpu);
      return { ...result, durationMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
    }
    case 'sequence': {
      const latencies = [];
      const statuses = [];
      const sizes = [];
      for (const b of m.bodies) {
        const r = await connections[0].send(request('POST', target.hostHeader, m.path, m.type, b));
        latencies.push(r.ms);
        statuses.push(r.status);
        sizes.push([r.bytes, r.decoded]);
      }
      return { latencies, statuses, sizes, errors: 0 };
    }
    case 'probe': {
      const url = new URL(m.url);
      const c = await new Connection(url.hostname, Number(url.port)).open();
      const health = request('GET', url.host, '/health');
      const latencies = [];
      let stop = false;
      probing = {
        stop: () => (stop = true),
        done: (async () => {
          while (!stop) {
            latencies.push((await c.send(health)).ms);
            await new Promise((r) => setTimeout(r, m.everyMs));
          }
          c.close();
          return latencies;
        })(),
      };
      return { probing: true };
    }
    case 'stop': {
      probing.stop();
      return { latencies: await probing.done };
    }
    case 'close':
      for (const c of connections) c.close();
      connections = [];
      return { closed: true };
    default:
      throw new Error(`unknown op ${m.op}`);
  }
}

process.on('message', (m) => {
  onMessage(m).then(
    (answer) => process.send(answer),
    (err) => process.send({ error: String(err?.stack ?? err) }),
  );
});
