/** A recorded, originating decision and party documents, shared by the audit and certificate tests. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { canonicalHash } from '../../src/canonical/json.js';
import { makeRecord, type DecisionRecord } from '../../src/audit/record.js';
import { evaluate } from '../../src/evaluate.js';
import type { PartyInput } from '../../src/input/documents.js';
import { DEFAULT_PACK_DIR, loadRulePack } from '../../src/rules/load.js';
import { claim, declaredEngine, line, load, passingProducer, withCoreGroupsAccounted, type Obj } from '../helpers.js';

export const ENVELOPE = { recordedAt: '2026-03-16T10:00:00.000Z', host: 'test-host' };

export async function recordFor(doc: Obj): Promise<DecisionRecord> {
  const loaded = load(doc);
  const pack = loadRulePack();
  return makeRecord(loaded, pack, await evaluate(loaded, { pack }), ENVELOPE);
}

export const originatingClaim = (): Obj =>
  withCoreGroupsAccounted(
    claim({
      id: 'CERT-TEST-1',
      producer: passingProducer({
        name: 'Aurora Motors de Mexico',
        address: {
          street: 'Blvd. Industrial 1200',
          city: 'Hermosillo',
          region: 'Sonora',
          postalCode: '83299',
          country: 'MX',
        },
        email: 'trade@aurora.example',
        phone: '+52 662 555 0100',
      }),
      good: { kind: 'vehicle', description: 'Aurora compact sedan', hs: '8703.23', plant: 'ASM', modelLine: 'Aurora' },
      materials: [declaredEngine(), line('SEATS', '900.00', 'non-originating', { hs: '9401.20' })],
    }),
  );

export const certifier: PartyInput = {
  format: 'usmca-roo/party@1',
  role: 'producer',
  name: 'Laura Mendez',
  title: 'Trade Compliance Director',
  company: 'Aurora Motors de Mexico',
  address: {
    street: 'Blvd. Industrial 1200',
    city: 'Hermosillo',
    region: 'Sonora',
    postalCode: '83299',
    country: 'MX',
  },
  email: 'l.mendez@aurora.example',
  phone: '+52 662 555 0100',
};

export const importer: PartyInput = {
  format: 'usmca-roo/party@1',
  name: 'Great Lakes Auto Imports LLC',
  address: { street: '400 Renaissance Center', city: 'Detroit', region: 'MI', postalCode: '48243', country: 'US' },
  email: 'customs@glai.example',
  phone: '+1 313 555 0199',
};

export const yamlOf = (o: unknown) => stringify(o);

/** A vehicle that fails only its RVC (about 60 %, against 75 %): originating under a pack that asks 50 %. */
export const rvcSixtyClaim = (): Obj => {
  const c = originatingClaim();
  c.id = 'CERT-TEST-RVC60';
  (c.materials as Obj[]).push(line('IMPORTS', '3100.00', 'non-originating'));
  return c;
};

/** A temporary folder. */
export function tempDir(prefix = 'audit-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes a claim document as YAML in a new temporary folder; returns its path. */
export function writeClaim(doc: Obj, dir = tempDir()): string {
  const file = join(dir, `${String(doc.id)}.yaml`);
  writeFileSync(file, stringify(withCoreGroupsAccounted(doc)));
  return file;
}

/**
 * A copy of the bundled rule pack in a temporary folder, with the passenger-vehicle RVC from 2023-07-01 set to
 * `rvc` and the manifest's id and version left as they are (or replaced): a pack that claims a release it is not.
 */
export function editedPack(rvc = '50', manifest: { id?: string; version?: string } = {}): string {
  const dir = tempDir('pack-');
  cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
  const f = join(dir, 'rvc', 'passenger-vehicle.yaml');
  writeFileSync(f, readFileSync(f, 'utf8').replace('2023-07-01: { value: "75"', `2023-07-01: { value: "${rvc}"`));
  const m = join(dir, 'pack.yaml');
  let text = readFileSync(m, 'utf8');
  if (manifest.id) text = text.replace(/^id: .*$/m, `id: ${manifest.id}`);
  if (manifest.version) text = text.replace(/^version: .*$/m, `version: ${manifest.version}`);
  writeFileSync(m, text);
  return dir;
}

/** The record's sha256 computed again over its (edited) content: what a forger would do. */
export function rehash<T extends { sha256: string; hashed: unknown }>(record: T): T {
  record.sha256 = canonicalHash(record.hashed);
  return record;
}
