#!/usr/bin/env node
/**
 * Decision fingerprints: evaluates every example claim, every official worked example, every broken input of
 * test/invalid, synthetic claims from the benchmark's generator, and variants of each (the other core-part
 * reading, each core-parts method, category averaging, the other LVC formula, other decision dates), and prints
 * one sha256 per outcome: the decision JSON and its worksheet, or the input problems. It also writes a record
 * and the certificate (JSON, Markdown) of the first example through the command line.
 *
 * A refactoring must leave every line unchanged:
 *   npm run build && node scripts/decision-fingerprint.mjs --out /tmp/before.txt
 *   ... refactor ...
 *   npm run build && node scripts/decision-fingerprint.mjs --check /tmp/before.txt
 * Uses only the built public API (dist/index.js) and the command line, so it survives moves inside src/.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { generate } from '../bench/generate.mjs';
import { exampleClaims } from './examples.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const api = await import('../dist/index.js');
const { evaluate, loadClaimFile, loadClaimDocument, parseText, readDocument, prettyJson, renderWorksheet, InputError } =
  api;

// --ignore-pack-hash: the rule pack's sha256 is left out of what is hashed, for a commit that changes the pack's
// content (e.g. moves a scope from code into the rules) but no result.
const packHash = process.argv.includes('--ignore-pack-hash') ? api.loadRulePack().sha256 : undefined;
const sha = (text) =>
  createHash('sha256')
    .update(packHash ? text.split(packHash).join('<pack>').split(packHash.slice(0, 16)).join('<pack>') : text, 'utf8')
    .digest('hex');
const lines = [];
const rel = (f) => relative(ROOT, f);

/** The outcome of evaluating a loaded claim (or the problems of loading it), as text to hash. */
async function outcome(load) {
  try {
    const decision = await evaluate(load());
    return { kind: decision.verdict, text: `${prettyJson(decision)}\n${renderWorksheet(decision)}` };
  } catch (err) {
    // Problems name files: hashed relative to the checkout, so two checkouts can be compared.
    if (err instanceof InputError) return { kind: 'invalid', text: prettyJson(err.problems).split(ROOT).join('') };
    return { kind: 'crash', text: String(err?.stack ?? err) };
  }
}

async function add(name, load) {
  const o = await outcome(load);
  lines.push(`${sha(o.text)}  ${o.kind.padEnd(15)} ${name}`);
}

/** A claim document read from `file`, changed by `edit`, with its producer document read relative to `file`. */
function edited(file, edit) {
  const data = parse(readFileSync(file, 'utf8'));
  edit(data);
  const doc = parseText(file, stringify(data));
  return () => loadClaimDocument(doc, (p) => readDocument(resolve(dirname(file), p)), dirname(file));
}

const VARIANTS = [
  [
    'core-roll-up-other',
    (c) => (c.interpretation = { coreRollUp: c.interpretation?.coreRollUp === 'rvc-only' ? 'full' : 'rvc-only' }),
  ],
  ...['full', 'listed-components', 'super-core-full', 'super-core-listed'].map((m) => [
    `core-method-${m}`,
    (c) => (c.elections = { ...c.elections, corePartsMethod: m }),
  ]),
  ['core-averaging', (c) => (c.elections = { ...c.elections, coreAveraging: 'parts-category' })],
  ['lvc-annual-purchase-value', (c) => (c.elections = { ...c.elections, lvcFormula: 'annual-purchase-value' })],
  ...['2020-07-01', '2023-06-30', '2027-07-01', '2030-01-01'].map((d) => [`date-${d}`, (c) => (c.decisionDate = d)]),
];

// The examples, and their variants.
for (const [claimFile] of exampleClaims()) {
  await add(rel(claimFile), () => loadClaimFile(claimFile));
  for (const [name, edit] of VARIANTS) await add(`${rel(claimFile)} [${name}]`, edited(claimFile, edit));
}

// The official worked examples.
const official = join(ROOT, 'test/golden/official');
for (const f of readdirSync(official)
  .filter((x) => /^USMCA-.*\.yaml$/.test(x))
  .sort())
  await add(rel(join(official, f)), () => loadClaimFile(join(official, f)));

// One broken input per problem code.
const invalid = join(ROOT, 'test/invalid/fixtures');
for (const f of readdirSync(invalid)
  .filter((x) => !x.startsWith('_') && !x.startsWith('tab-') && !x.endsWith('.csv'))
  .sort())
  await add(rel(join(invalid, f)), () => loadClaimFile(join(invalid, f)));

// Synthetic vehicles from the benchmark's generator, and their variants.
const tmp = mkdtempSync(join(tmpdir(), 'fingerprint-'));
try {
  for (const seed of [1, 2, 3, 4, 5]) {
    const file = join(tmp, `bench-${seed}.json`);
    writeFileSync(file, JSON.stringify(generate(300, seed)));
    await add(`bench generate(300, ${seed})`, () => loadClaimFile(file));
    for (const [name, edit] of VARIANTS) {
      const data = generate(300, seed);
      edit(data);
      const vfile = join(tmp, `bench-${seed}-${name}.json`);
      writeFileSync(vfile, JSON.stringify(data));
      await add(`bench generate(300, ${seed}) [${name}]`, () => loadClaimFile(vfile));
    }
  }

  // A record, its replay and its certificate, through the command line.
  const cli = join(ROOT, 'bin/usmca-roo.js');
  const run = (...args) => {
    try {
      return execFileSync(process.execPath, [cli, ...args], { cwd: ROOT, encoding: 'utf8' })
        .split(tmp)
        .join('');
    } catch (err) {
      return `exit ${err.status}\n${err.stdout}${err.stderr}`.split(tmp).join('');
    }
  };
  const record = join(tmp, 'record.json');
  run('evaluate', 'examples/aurora-sedan/claim.yaml', '--record', record);
  const hashed = JSON.parse(readFileSync(record, 'utf8'));
  lines.push(`${sha(JSON.stringify(hashed.hashed))}  record          examples/aurora-sedan (hashed part)`);
  lines.push(`${sha(run('replay', record, '--json', '--unreleased-rules'))}  replay          examples/aurora-sedan`);
  for (const format of ['json', 'md']) {
    const out = run(
      'certificate',
      record,
      '--certifier',
      'examples/parties/certifier-aurora.yaml',
      '--exporter',
      'same',
      '--importer',
      'examples/parties/importer-maple.yaml',
      '--blanket',
      '2026-01-01..2026-12-31',
      '--signed-on',
      '2026-03-20',
      '--format',
      format,
      '--unreleased-rules',
    );
    lines.push(`${sha(out)}  certificate     examples/aurora-sedan (${format})`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const report = `${lines.join('\n')}\n${sha(lines.join('\n'))}  ALL (${lines.length} outcomes)\n`;
const flag = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
if (flag('--out')) writeFileSync(flag('--out'), report);
const check = flag('--check');
if (check) {
  const before = readFileSync(check, 'utf8').split('\n');
  const after = report.split('\n');
  const changed = after.filter((l) => !before.includes(l));
  const gone = before.filter((l) => !after.includes(l));
  if (changed.length === 0 && gone.length === 0) {
    console.log(`fingerprints unchanged: ${after.at(-2)}`);
  } else {
    console.log(`fingerprints CHANGED (${changed.length} new or different, ${gone.length} missing):`);
    for (const l of gone) console.log(`- ${l}`);
    for (const l of changed) console.log(`+ ${l}`);
    process.exitCode = 1;
  }
} else if (!flag('--out')) process.stdout.write(report);
else console.log(report.split('\n').at(-2));
