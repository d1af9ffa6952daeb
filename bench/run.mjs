#!/usr/bin/env node
/**
 * npm run bench [-- --sizes 1000,10000,100000] [--batch 1000] [--batch-lines 2000] [--repeat 3] [--batch-repeat 3] [--out FILE]
 *
 * Generates realistic synthetic vehicles (bench/generate.mjs) as JSON, YAML and CSV, and measures end-to-end
 * evaluation (a fresh process running `usmca-roo evaluate`) against a floor measured in the same run: a fresh
 * process doing JSON.parse of the same claim plus a decimal.js sum of its lines. The floor and the three formats
 * are run in turn, once each per round, and each ratio is the median of the rounds' ratios, so that a change in
 * the machine's load between rounds weighs on both sides of a ratio alike. Reports ratios of elapsed time and of
 * CPU time (all threads), peak memory, scaling, and the speed-up of `evaluate-batch` with two jobs over one.
 * Figures only: nothing is asserted.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { flatten, generate } from './generate.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`npm run bench [-- options]   (or: node bench/run.mjs [options], after npm run build)

Times a fresh \`usmca-roo evaluate\` of synthetic vehicles (JSON, YAML, CSV) against a floor measured in the same
run, and \`evaluate-batch --jobs 2\` against \`--jobs 1\`. Figures only; writes a table to bench/out/results.md.

  --sizes LIST         BOM lines of the vehicles, comma-separated (default 1000,10000,100000)
  --repeat N           rounds of the floor and the three formats (default 3)
  --batch N            claims in the batch; 0 skips the batch (default 1000)
  --batch-lines N      BOM lines of each batch claim (default 2000)
  --batch-repeat N     alternating runs of --jobs 1 and --jobs 2 (default 3)
  --out FILE           where the table is written (default bench/out/results.md)

A quick run: npm run bench -- --sizes 1000 --batch 20 --repeat 1
`);
  process.exit(0);
}
// Every argument is an option and its value: a misspelt option stops here rather than run the whole benchmark.
const OPTIONS = ['sizes', 'repeat', 'batch', 'batch-lines', 'batch-repeat', 'out'];
for (let i = 0; i < args.length; i += 2) {
  if (!OPTIONS.includes(String(args[i]).replace(/^--/, '')) || !args[i].startsWith('--') || args[i + 1] === undefined) {
    process.stderr.write(`bench: unknown option or missing value: ${args[i]} (see --help)\n`);
    process.exit(2);
  }
}
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const sizes = opt('sizes', '1000,10000,100000').split(',').map(Number);
const batch = Number(opt('batch', '1000'));
const batchLines = Number(opt('batch-lines', '2000'));
const repeat = Number(opt('repeat', '3'));
const batchRepeat = Number(opt('batch-repeat', '3'));
const outFile = opt('out', join(ROOT, 'bench', 'out', 'results.md'));
const work = join(tmpdir(), `usmca-roo-bench-${process.pid}`);
mkdirSync(work, { recursive: true });

/** One fresh process: elapsed ms, CPU ms (all its threads, as it reports), peak memory. */
function timeOnce(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let report;
  try {
    report = JSON.parse(r.stderr.toString().trim().split('\n').pop());
  } catch {
    throw new Error(`benchmark step failed: node ${argv.join(' ')}\n${r.stderr}`);
  }
  return { ms, cpuMs: report.cpuMs ?? NaN, rssMb: (report.maxRssKb ?? 0) / 1024, code: report.code };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * `repeat` rounds of the floor and each command, in turn: each command's median time and peak memory, and its
 * ratios to the floor (elapsed and CPU time), the median of the rounds' ratios.
 */
function timeRounds(floorArgv, commands) {
  const floors = [];
  const runs = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < repeat; i++) {
    floors.push(timeOnce(floorArgv));
    for (const [k, argv] of Object.entries(commands)) runs[k].push(timeOnce(argv));
  }
  const summary = (list) => ({ ms: median(list.map((r) => r.ms)), rssMb: Math.max(...list.map((r) => r.rssMb)) });
  const out = { floor: summary(floors) };
  for (const [k, list] of Object.entries(runs)) {
    out[k] = {
      ...summary(list),
      x: median(list.map((r, i) => r.ms / floors[i].ms)),
      cpuX: median(list.map((r, i) => r.cpuMs / floors[i].cpuMs)),
    };
  }
  return out;
}

function writeClaim(lines) {
  const claim = generate(lines);
  const base = join(work, `bom-${lines}`);
  writeFileSync(`${base}.json`, JSON.stringify(claim));
  writeFileSync(`${base}.yaml`, yaml.dump(claim, { lineWidth: -1, noRefs: true }));
  // CSV: the BOM as rows with a parent-id column, and a claim that points to it through a mapping.
  const head = [
    'id',
    'parent',
    'description',
    'hs',
    'quantity',
    'unit_value',
    'currency',
    'origin',
    'country',
    'plant',
    'self_produced',
    'core_part',
    'core_component',
    'net_cost',
  ];
  const cell = (v) =>
    v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
  const rows = [head.join(',')];
  for (const [m, parent] of flatten(claim.materials)) {
    const money = typeof m.unitValue === 'string' ? { amount: m.unitValue, currency: 'USD' } : m.unitValue;
    rows.push(
      [
        m.id,
        parent,
        m.description,
        m.hs,
        m.quantity,
        money.amount,
        money.currency,
        m.origin,
        m.country,
        m.plant,
        m.selfProduced ? 'Y' : '',
        m.corePart,
        m.coreComponent,
        typeof m.netCost === 'object' ? m.netCost.amount : m.netCost,
      ]
        .map(cell)
        .join(','),
    );
  }
  writeFileSync(`${base}.csv`, `${rows.join('\n')}\n`);
  writeFileSync(
    `${base}-mapping.yaml`,
    yaml.dump({
      format: 'usmca-roo/mapping@1',
      kind: 'materials',
      columns: {
        id: 'id',
        parentId: 'parent',
        description: 'description',
        hs: 'hs',
        quantity: 'quantity',
        unitValue: 'unit_value',
        currency: 'currency',
        origin: 'origin',
        country: 'country',
        plant: 'plant',
        selfProduced: 'self_produced',
        corePart: 'core_part',
        coreComponent: 'core_component',
        netCost: 'net_cost',
      },
      values: { selfProduced: { Y: true, '': false } },
    }),
  );
  const csvClaim = { ...claim, materials: { file: `bom-${lines}.csv`, mapping: `bom-${lines}-mapping.yaml` } };
  writeFileSync(`${base}-csv.json`, JSON.stringify(csvClaim));
  return base;
}

const cli = (file) => [join(HERE, 'measure.mjs'), 'evaluate', file, '--json'];
const results = [];
for (const lines of sizes) {
  const base = writeClaim(lines);
  const {
    floor,
    json,
    yaml: yamlT,
    csv,
  } = timeRounds([join(HERE, 'floor.mjs'), `${base}.json`], {
    json: cli(`${base}.json`),
    yaml: cli(`${base}.yaml`),
    csv: cli(`${base}-csv.json`),
  });
  results.push({ lines, floor, json, yaml: yamlT, csv });
  process.stderr.write(
    `${lines} lines: floor ${floor.ms.toFixed(0)} ms, json ${json.ms.toFixed(0)} ms, yaml ${yamlT.ms.toFixed(0)} ms, csv ${csv.ms.toFixed(0)} ms\n`,
  );
}

// Batch: jobs 1 against jobs 2 on the same claims.
let batchRow;
if (batch > 0) {
  const dir = join(work, 'batch');
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (let i = 0; i < batch; i++) {
    const claim = generate(batchLines, 1000 + i);
    claim.id = `BATCH-${i}`;
    const f = join(dir, `claim-${String(i).padStart(5, '0')}.json`);
    writeFileSync(f, JSON.stringify(claim));
    files.push(f);
  }
  // Alternate the two settings and take medians: a shared machine's load drifts over a long run.
  const ones = [];
  const twos = [];
  const splits = [];
  for (let i = 0; i < batchRepeat; i++) {
    ones.push(timeBatch(files, 1));
    twos.push(timeBatch(files, 2));
    splits.push(await timeSplit(files));
  }
  const one = median(ones);
  const two = median(twos);
  const split = median(splits);
  batchRow = { claims: batch, lines: batchLines, one, two, split, runs: batchRepeat };
  process.stderr.write(
    `batch of ${batch} x ${batchLines}: jobs 1 ${one.toFixed(0)} ms, jobs 2 ${two.toFixed(0)} ms, two processes ${split.toFixed(0)} ms\n`,
  );
}

/**
 * The machine's own ceiling for this work: two independent `--jobs 1` processes, each given half of the claims,
 * run at the same time. Nothing is shared between them, so what keeps this from being twice as fast as one
 * process is the machine (shared caches, memory bandwidth, neighbours on a virtual machine), not the engine.
 */
async function timeSplit(files) {
  const half = Math.ceil(files.length / 2);
  const t0 = process.hrtime.bigint();
  await Promise.all(
    [files.slice(0, half), files.slice(half)].map(
      (part, i) =>
        new Promise((resolveRun, rejectRun) => {
          const child = spawn(
            process.execPath,
            [
              join(ROOT, 'bin', 'usmca-roo.js'),
              'evaluate-batch',
              ...part,
              '--out',
              join(work, `batch-out-split-${i}`),
              '--jobs',
              '1',
              '--no-progress',
            ],
            { cwd: ROOT, stdio: ['ignore', 'ignore', 'ignore'] },
          );
          child.on('error', rejectRun);
          child.on('exit', (code) =>
            code === 0 || code === 1 ? resolveRun() : rejectRun(new Error(`evaluate-batch failed (${code})`)),
          );
        }),
    ),
  );
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function timeBatch(files, jobs) {
  const out = join(work, `batch-out-${jobs}`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    [
      join(ROOT, 'bin', 'usmca-roo.js'),
      'evaluate-batch',
      ...files,
      '--out',
      out,
      '--jobs',
      String(jobs),
      '--no-progress',
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 },
  );
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`evaluate-batch failed (${r.status}): ${r.stderr}`);
  return ms;
}

const x = (a, b) => (a / b).toFixed(2);
const lines = [];
lines.push(`# usmca-roo benchmark`);
lines.push('');
lines.push(
  `Node ${process.version}, ${cpus().length} CPUs (${availableParallelism()} available), median of ${repeat} runs per figure. Each figure is a fresh process, start to exit.`,
);
lines.push('');
lines.push(
  '| BOM lines | floor ms | JSON ms | x floor (target <= 3) | CSV ms | x floor (<= 5) | YAML ms | x floor (<= 6) | peak MB JSON / CSV / YAML (< 1024) |',
);
lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---|');
for (const r of results) {
  lines.push(
    `| ${r.lines} | ${r.floor.ms.toFixed(0)} | ${r.json.ms.toFixed(0)} | ${r.json.x.toFixed(2)} | ${r.csv.ms.toFixed(0)} | ${r.csv.x.toFixed(2)} | ${r.yaml.ms.toFixed(0)} | ${r.yaml.x.toFixed(2)} | ${r.json.rssMb.toFixed(0)} / ${r.csv.rssMb.toFixed(0)} / ${r.yaml.rssMb.toFixed(0)} |`,
  );
}
lines.push('');
lines.push(
  'Ratios are medians over rounds of the floor and the three formats run in turn. CPU time (all threads) as a multiple of the floor, which a busy machine disturbs less:',
);
for (const r of results) {
  lines.push(
    `- ${r.lines} lines: JSON ${r.json.cpuX.toFixed(2)}, CSV ${r.csv.cpuX.toFixed(2)}, YAML ${r.yaml.cpuX.toFixed(2)}`,
  );
}
lines.push('');
lines.push('Scaling (time for 10x the lines, target <= 12x):');
for (let i = 1; i < results.length; i++) {
  const a = results[i - 1];
  const b = results[i];
  lines.push(
    `- ${a.lines} -> ${b.lines} lines: JSON ${x(b.json.ms, a.json.ms)}x, CSV ${x(b.csv.ms, a.csv.ms)}x, YAML ${x(b.yaml.ms, a.yaml.ms)}x (lines ${x(b.lines, a.lines)}x)`,
  );
}
if (batchRow) {
  lines.push('');
  lines.push(
    `Batch of ${batchRow.claims} claims of ${batchRow.lines} lines (median of ${batchRow.runs} alternating runs): --jobs 1 ${batchRow.one.toFixed(0)} ms, --jobs 2 ${batchRow.two.toFixed(0)} ms: ${x(batchRow.one, batchRow.two)}x faster (target >= 1.6x).`,
  );
  if (batchRow.claims < 200)
    lines.push(
      `(Only ${batchRow.claims} claims: the start of the process and its workers weighs on these timings more than the claims do, so the ratios say little; the target is set for 1,000 claims.)`,
    );
  lines.push('');
  lines.push(
    `Machine ceiling: two independent --jobs 1 processes, each given half of the claims, take ${batchRow.split.toFixed(0)} ms: ${x(batchRow.one, batchRow.split)}x faster than one process. Nothing is shared between them, so this is what the machine allows two cores to gain on this work.`,
  );
}
const table = `${lines.join('\n')}\n`;
process.stdout.write(table);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, table);
rmSync(work, { recursive: true, force: true });
