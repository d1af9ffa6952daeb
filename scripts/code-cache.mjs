#!/usr/bin/env node
/**
 * Part of `npm run build`, after scripts/bundle.mjs: runs the command line's bundle (dist/bundle/cli.cjs) on the
 * examples, a claim of each kind and format (YAML, JSON, a CSV bill of materials), in one process with its output
 * thrown away, then writes V8's code cache of everything that ran to dist/bundle/cli.cjs.cache, which
 * dist/bundle/cli.mjs then uses (src/cli/cached-bundle.ts). Nothing the commands write depends on it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { codeCacheOf, loadBundle } from '../dist/cli/cached-bundle.js';

const file = resolve('dist/bundle/cli.cjs');
const { exports: cli, script } = loadBundle(file);
const io = {
  stdout: (t) => process.env.DEBUG && process.stderr.write(t),
  stderr: (t) => process.env.DEBUG && process.stderr.write(t),
  cwd: process.cwd(),
};

// The same vehicle as JSON, and with its bill of materials as a CSV table, in a folder of their own.
const work = mkdtempSync(join(tmpdir(), 'usmca-roo-code-cache-'));
try {
  const claim = yaml.load(readFileSync('examples/aurora-sedan/claim.yaml', 'utf8'), { schema: yaml.JSON_SCHEMA });
  copyFileSync('examples/aurora-sedan/producer.yaml', join(work, 'producer.yaml'));
  writeFileSync(join(work, 'claim.json'), JSON.stringify(claim));
  // Every line of the bill of materials as a row, its parent's id beside it.
  const columns = ['id', 'parentId', 'hs', 'quantity', 'unitValue', 'currency', 'origin', 'country', 'plant'];
  const rows = [];
  const flatten = (list, parentId) => {
    for (const m of list) {
      const value = typeof m.unitValue === 'object' ? m.unitValue : { amount: m.unitValue };
      const row = { ...m, parentId, unitValue: value.amount, currency: value.currency ?? m.currency };
      rows.push(columns.map((c) => row[c] ?? ''));
      flatten(m.materials ?? [], m.id);
    }
  };
  flatten(claim.materials, '');
  writeFileSync(join(work, 'bom.csv'), [columns, ...rows].map((r) => r.join(',')).join('\n'));
  writeFileSync(
    join(work, 'bom-mapping.yaml'),
    yaml.dump({
      format: 'usmca-roo/mapping@1',
      kind: 'materials',
      columns: Object.fromEntries(columns.map((c) => [c, c])),
    }),
  );
  writeFileSync(
    join(work, 'claim-csv.json'),
    JSON.stringify({ ...claim, materials: { file: 'bom.csv', mapping: 'bom-mapping.yaml' } }),
  );
  const runs = [
    ['evaluate', 'examples/aurora-sedan/claim.yaml', '--json'],
    ['evaluate', 'examples/aurora-sedan/claim.yaml'],
    ['evaluate', 'examples/brake-module-part/claim.yaml', '--json'],
    ['evaluate', join(work, 'claim.json'), '--json'],
    ['evaluate', join(work, 'claim-csv.json'), '--json'],
  ];
  for (const argv of runs) {
    const code = await cli.run(argv, io);
    // A run that fails only leaves its functions out of the cache (they are compiled when first used): said, not
    // fatal, so that a change to the claim format cannot stop the build here.
    if (code > 1)
      process.stderr.write(
        `code cache: usmca-roo ${argv.join(' ')} exited ${code}; the cache holds less (DEBUG=1 shows why)\n`,
      );
  }
} catch (err) {
  process.stderr.write(`code cache: the runs stopped (${err.message}); the cache holds what ran before\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
writeFileSync(`${file}.cache`, codeCacheOf(readFileSync(file, 'utf8'), script));
console.log(`code cache of ${file} written`);
