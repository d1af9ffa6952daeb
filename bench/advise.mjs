#!/usr/bin/env node
/**
 * npm run bench:advise [-- --sizes 2000,100000] [--repeat 3] [--out FILE]
 *
 * Times `usmca-roo advise` on the benchmark's synthetic vehicles (bench/generate.mjs) against one `usmca-roo
 * evaluate` of the same claim, each a fresh process, wall-clock and CPU time (the CPU time is steadier on a shared
 * machine). The 2,000-line vehicle passes with 1.7 points of RVC margin, so it is advised with --min-margin 3; the
 * 100,000-line vehicle fails its core parts. Targets: under 5 s for 2,000 lines; under 20 evaluations' time for
 * 100,000 lines. Figures only: nothing is asserted. Written to bench/out/advise.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const sizes = opt('sizes', '2000,100000').split(',').map(Number);
const repeat = Number(opt('repeat', '3'));
const outFile = opt('out', join(ROOT, 'bench', 'out', 'advise.md'));
const work = join(tmpdir(), `usmca-roo-bench-advise-${process.pid}`);
mkdirSync(work, { recursive: true });

function time(argv) {
  const runs = [];
  let report = {};
  let stdout = '';
  for (let i = 0; i < repeat; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [join(HERE, 'measure.mjs'), ...argv], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 28,
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    try {
      report = JSON.parse(r.stderr.toString().trim().split('\n').pop());
    } catch {
      throw new Error(`benchmark step failed: ${argv.join(' ')}\n${r.stderr}`);
    }
    stdout = r.stdout.toString();
    runs.push({ ms, cpuMs: report.cpuMs ?? 0, rssMb: (report.maxRssKb ?? 0) / 1024 });
  }
  const median = (key) => [...runs].map((x) => x[key]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  return { ms: median('ms'), cpuMs: median('cpuMs'), rssMb: median('rssMb'), code: report.code, stdout };
}

const rows = [];
for (const lines of sizes) {
  const file = join(work, `bom-${lines}.json`);
  writeFileSync(file, JSON.stringify(generate(lines)));
  const margin = lines <= 2000 ? ['--min-margin', '3'] : [];
  const evaluation = time(['evaluate', file, '--json']);
  const advice = time(['advise', file, '--json', ...margin]);
  // measure.mjs counts the output's characters only; run once more for the advice's own figures.
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'usmca-roo.js'), 'advise', file, '--json', ...margin], {
    cwd: ROOT,
    maxBuffer: 1 << 28,
  });
  const a = JSON.parse(r.stdout.toString());
  rows.push({ lines, evaluation, advice, a });
  process.stderr.write(
    `${lines} lines: evaluate ${evaluation.ms.toFixed(0)} ms (cpu ${evaluation.cpuMs}), advise ${advice.ms.toFixed(0)} ms (cpu ${advice.cpuMs}); ${a.plans.length} plans, ${a.search.evaluations} evaluations\n`,
  );
}
rmSync(work, { recursive: true, force: true });

const s = (ms) => (ms / 1000).toFixed(2);
const md = [
  '# advise: benchmark',
  '',
  `Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), median of ${repeat} fresh processes each.`,
  '',
  '| BOM lines | evaluate (s) | advise (s) | advise / evaluate | CPU: evaluate (s) | CPU: advise (s) | CPU ratio | advise peak MB | plans | proofs (evaluations) | candidates considered |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    ({ lines, evaluation, advice, a }) =>
      `| ${lines.toLocaleString('en-US')} | ${s(evaluation.ms)} | ${s(advice.ms)} | ${(advice.ms / evaluation.ms).toFixed(1)} | ${s(evaluation.cpuMs)} | ${s(advice.cpuMs)} | ${(advice.cpuMs / Math.max(1, evaluation.cpuMs)).toFixed(1)} | ${advice.rssMb.toFixed(0)} | ${a.plans.length} | ${a.search.evaluations} | ${a.search.considered} of ${a.search.candidates} |`,
  ),
  '',
  'Targets: advise on 2,000 lines under 5 s; on 100,000 lines under 20 times one evaluation.',
  '',
];
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, md.join('\n'));
process.stdout.write(md.join('\n'));
