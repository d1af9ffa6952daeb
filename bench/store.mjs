#!/usr/bin/env node
/**
 * npm run bench:store [-- --count 10000] [--jobs 1,2] [--store postgres://...] [--out FILE] [--keep]
 *
 * The decision store at scale: COUNT small vehicle claims (eight model lines, two vehicle kinds, a year of decision
 * dates, about a third not originating) are evaluated by `evaluate-batch` into a folder of decision files (the
 * reference time), then into the store; `impact` re-runs every stored decision under a proposed change (the
 * passenger-vehicle RVC at 82 %); and `records list` is timed with each filter, in process on the open store (the
 * query) and as a command (process start and store opening included). Figures only: nothing is asserted.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// The claims are the store tests' own (TypeScript, run through tsx: `node --import tsx`, as npm run bench:store does).
import { line, withCoreGroupsAccounted } from '../test/helpers.ts';
import { sedan } from '../test/store/fixtures.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const BIN = join(ROOT, 'bin', 'usmca-roo.js');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const count = Number(opt('count', '10000'));
const jobs = opt('jobs', '1,2').split(',').map(Number);
const serverUrl = opt('store', undefined);
const outFile = opt('out', join(ROOT, 'bench', 'out', 'store.md'));
const work = join(tmpdir(), `usmca-roo-bench-store-${process.pid}`);
mkdirSync(work, { recursive: true });

const MODEL_LINES = ['Tern', 'Heron', 'Egret', 'Plover', 'Avocet', 'Curlew', 'Dunlin', 'Godwit'];

/**
 * Claim i: the store tests' sedan (test/store/fixtures.ts, so the benchmark measures the claims the tests check),
 * deterministic: a van on every fifth, eight model lines, a year of decision dates, seats of unknown origin on
 * every third (RVC 69 %, not originating), else originating (89 %), with a harness and glass besides.
 */
function claim(i) {
  const van = i % 5 === 0;
  const month = String((i % 12) + 1).padStart(2, '0');
  const day = String((i % 28) + 1).padStart(2, '0');
  const doc = sedan(`BENCH-${String(i).padStart(5, '0')}`, {
    decisionDate: `2026-${month}-${day}`,
    good: {
      kind: 'vehicle',
      description: van ? 'bench van' : 'bench sedan',
      hs: van ? '8704.21' : '8703.23',
      plant: 'ASM',
      modelLine: MODEL_LINES[i % MODEL_LINES.length],
    },
  });
  const [engine, seats, camera] = doc.materials;
  doc.materials = [
    engine,
    { ...seats, origin: i % 3 === 0 ? 'unknown' : 'originating' },
    camera,
    line('HARN', '400.00', 'originating', { country: 'MX', hs: '8544.30' }),
    line('GLASS', '300.00', 'originating', { country: 'US', hs: '7007.21' }),
  ];
  return withCoreGroupsAccounted(doc);
}

function time(argv, label) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: work,
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 28,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`${label} failed (exit ${r.status}):\n${r.stderr.toString().slice(-2000)}`);
  process.stderr.write(`${label}: ${(ms / 1000).toFixed(1)} s\n`);
  return ms;
}

const files = [];
const listFile = join(work, 'claims');
mkdirSync(listFile, { recursive: true });
for (let i = 0; i < count; i++) {
  const f = join(listFile, `c${i}.json`);
  writeFileSync(f, JSON.stringify(claim(i)));
  files.push(`claims/c${i}.json`);
}
const store = serverUrl ?? join(work, 'db');
const scenario = join(work, 'rvc82.json');
writeFileSync(
  scenario,
  JSON.stringify({
    format: 'usmca-roo/scenario@1',
    title: 'Passenger-vehicle RVC at 82 %',
    changes: [{ rule: 'usmca.auto.rvc.passenger_vehicle', from: '2026-01-01', value: '82' }],
  }),
);

const batch = {};
for (const j of jobs) {
  rmSync(join(work, `out-${j}`), { recursive: true, force: true });
  batch[j] = time(
    ['evaluate-batch', ...files, '--out', `out-${j}`, '--jobs', String(j), '--no-progress'],
    `evaluate-batch --jobs ${j}`,
  );
}
const intoStore = time(
  ['evaluate-batch', ...files, '--store', store, '--jobs', String(Math.max(...jobs)), '--no-progress'],
  'evaluate-batch --store',
);
const impact = time(['impact', '--scenario', scenario, '--store', store, '--json'], 'impact --scenario');

// records list: the query on the open store (median of 7), and the whole command once.
const { openStore } = await import(pathToFileURL(join(ROOT, 'dist', 'store', 'open.js')).href);
const { listRecords } = await import(pathToFileURL(join(ROOT, 'dist', 'store', 'query.js')).href);
const FILTERS = [
  ['--claim BENCH-04711', { claim: 'BENCH-04711' }],
  ['--model-line Heron', { modelLine: 'Heron' }],
  ['--hs 8704', { hs: '8704' }],
  ['--verdict not-originating', { verdict: 'not-originating' }],
  ['--from 2026-03-01 --to 2026-03-31', { from: '2026-03-01', to: '2026-03-31' }],
  ['--rules-version 1.1.0 --latest', { rulesVersion: '1.1.0', latest: true }],
  ['(none: every record)', {}],
];
const opened = await openStore(store, work);
const queries = [];
for (const [label, filter] of FILTERS) {
  const runs = [];
  let rows = 0;
  for (let k = 0; k < 7; k++) {
    const t0 = process.hrtime.bigint();
    rows = (await listRecords(opened, filter)).length;
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  runs.sort((a, b) => a - b);
  queries.push({ label, rows, ms: runs[3] });
}
await opened.close();
const command = time(
  ['records', 'list', '--store', store, '--model-line', 'Heron', '--json'],
  'records list (command)',
);

const ratio = (a, b) => (a / b).toFixed(2);
const best = Math.min(...Object.values(batch));
const lines = [
  `# Decision store benchmark (${count} decisions)`,
  '',
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} CPUs, load average ${loadavg()[0].toFixed(2)} at the end; Node ${process.version}; store: ${serverUrl ? 'PostgreSQL server' : 'PGlite folder'}.`,
  '',
  '| step | wall time |',
  '|---|---|',
  ...jobs.map(
    (j) =>
      `| \`evaluate-batch\` of ${count} claims to decision files, --jobs ${j} | ${(batch[j] / 1000).toFixed(1)} s |`,
  ),
  `| \`evaluate-batch --store\` (the same claims, kept in the store), --jobs ${Math.max(...jobs)} | ${(intoStore / 1000).toFixed(1)} s |`,
  `| \`impact --scenario\` over the ${count} stored decisions (RVC at 82 %) | ${(impact / 1000).toFixed(1)} s |`,
  '',
  `impact / evaluate-batch: ${jobs.map((j) => `${ratio(impact, batch[j])} (--jobs ${j})`).join(', ')}; target 1.3 against the faster: ${impact <= 1.3 * best ? 'met' : 'NOT met'}.`,
  '',
  '| `records list` filter | rows | query on the open store (median of 7) | target 100 ms |',
  '|---|---|---|---|',
  ...queries.map((q) => `| ${q.label} | ${q.rows} | ${q.ms.toFixed(1)} ms | ${q.ms < 100 ? 'met' : 'NOT met'} |`),
  '',
  `The whole command \`records list --model-line Heron --json\` (process start, opening the store, the query, printing): ${command.toFixed(0)} ms.`,
  '',
];
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, lines.join('\n'));
process.stdout.write(lines.join('\n'));
if (!args.includes('--keep')) rmSync(work, { recursive: true, force: true });
else process.stderr.write(`kept ${work}\n`);
