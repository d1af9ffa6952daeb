#!/usr/bin/env node
/**
 * `npm run release-pack`: registers the bundled rule packs (rules/usmca, and the tariff measures in rules/tariffs)
 * as released versions, writing each one's id, version and content sha256 into src/rules/released-packs.ts (the
 * registry that ships with the engine). Run it once per release, after setting the new versions in the packs'
 * pack.yaml; it refuses to register a version already released with other content (set a new version instead),
 * and then writes nothing. A pack already registered with this content is left as it is. `npm run release-pack`
 * builds before and after.
 *
 *   node scripts/release-pack.mjs [--rules DIR] [--registry FILE]     (--rules: that one USMCA-kind pack only)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PACK_DIR, loadRulePackUncached } from '../dist/rules/load.js';
import { loadTariffPack } from '../dist/tariffs/pack.js';

const REGISTRY = fileURLToPath(new URL('../src/rules/released-packs.ts', import.meta.url));
const ENTRY = /\{\s*id: '([a-z0-9-]+)',\s*version: '(\d+\.\d+\.\d+)',\s*sha256: '([0-9a-f]{64})',?\s*\}/g;
const START = 'export const RELEASED_RULE_PACKS: readonly ReleasedRulePack[] = [\n';

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const registryFile = option('--registry', REGISTRY);
const only = option('--rules', undefined);
const packs = only ? [loadRulePackUncached(only)] : [loadRulePackUncached(DEFAULT_PACK_DIR), loadTariffPack()];
const text = readFileSync(registryFile, 'utf8');
const at = text.indexOf(START);
if (at < 0) {
  console.error(`${registryFile}: the list of releases was not found`);
  process.exit(2);
}
const entries = [...text.slice(at).matchAll(ENTRY)].map(([, id, version, sha256]) => ({ id, version, sha256 }));
let added = 0;
for (const pack of packs) {
  const same = entries.find((e) => e.id === pack.id && e.version === pack.version);
  if (same && same.sha256 !== pack.sha256) {
    console.error(
      `rule pack ${pack.id} ${pack.version} was already released with other content (sha256 ${same.sha256}); this content hashes to ${pack.sha256}: set a new version in pack.yaml (nothing registered)`,
    );
    process.exit(1);
  }
  if (same) {
    console.log(`rule pack ${pack.id} ${pack.version} is already registered (sha256 ${pack.sha256})`);
    continue;
  }
  entries.push({ id: pack.id, version: pack.version, sha256: pack.sha256 });
  added++;
  console.log(`registering rule pack ${pack.id} ${pack.version} (sha256 ${pack.sha256})`);
}
if (added === 0) process.exit(0);
const key = (e) => [e.id, ...e.version.split('.').map((n) => n.padStart(6, '0'))].join(' ');
entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
// One line per entry where it fits the formatter's width (120), else one field per line, as Prettier writes it.
const entryText = (e) => {
  const line = `  { id: '${e.id}', version: '${e.version}', sha256: '${e.sha256}' },`;
  if (line.length <= 120) return `${line}\n`;
  return `  {\n    id: '${e.id}',\n    version: '${e.version}',\n    sha256: '${e.sha256}',\n  },\n`;
};
const list = entries.map(entryText).join('');
writeFileSync(registryFile, `${text.slice(0, at)}${START}${list}];\n`);
console.log(`written: ${registryFile}`);
