/**
 * Claims and evidence for the store tests, written to a temporary folder. The sedan's figures, per unit:
 * net cost 10000.00 USD (no excluded costs); an originating engine 2000.00; seats 2000.00 of unknown origin;
 * a camera 1100.00 non-originating. With the seats unknown, VNM = 3100.00 and RVC = (10000 - 3100) / 10000 =
 * 69 % < 75 % (fails); with the seats settled originating by a supplier's certification, VNM = 1100.00 and
 * RVC = 89 %. VNM stays above 10 % of the value either way, so de minimis (s. 5) never decides the RVC.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadRulePack } from '../../src/rules/load.js';
import { packRelease } from '../../src/rules/release.js';
import { claim, declaredEngine, line, passingProducer, type Obj } from '../helpers.js';

/**
 * While rules/ is in development (its content not the registered release of its version), replay refuses its
 * records unless told that an unreleased pack is intended.
 */
export const IN_DEVELOPMENT = packRelease(loadRulePack()) !== 'released';
export const ACCEPT = IN_DEVELOPMENT ? ['--unreleased-rules'] : [];

/** The example parties the store tests certify with: examples/parties. */
export const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');
export const CERTIFIER = join(EXAMPLES, 'parties', 'certifier-aurora.yaml');
export const IMPORTER = join(EXAMPLES, 'parties', 'importer-maple.yaml');

/** `certificate REF --store DB`, JSON, signed on `signedOn` by the example certifier for the example importer. */
export function certificateArgs(ref: string, db: string, signedOn: string): string[] {
  return [
    'certificate',
    ref,
    '--store',
    db,
    '--certifier',
    CERTIFIER,
    '--importer',
    IMPORTER,
    '--exporter',
    'same',
    '--signed-on',
    signedOn,
    '--format',
    'json',
    ...ACCEPT,
  ];
}

const ADDRESS = { street: '1 Test Way', city: 'Ramos Arizpe', region: 'COA', country: 'MX' };

/** The sedans' producer, Test Motors (passingProducer), with the identity a certificate prints. */
export function testMotors(extra: Obj = {}): Obj {
  return passingProducer({
    address: ADDRESS,
    email: 'origin@test-motors.example',
    phone: '+52 844 555 0100',
    ...extra,
  });
}

/**
 * Test Motors as a vehicle certification lists it (19 CFR 182.95-182.97; 29 CFR 810.405(a)(4)): with its tax id,
 * and its assembly plant ASM's address and identification number.
 */
export function certifyingProducer(extra: Obj = {}): Obj {
  const p = testMotors({ taxId: 'TMO850101AB1', ...extra });
  Object.assign((p.plants as Obj[])[0]!, { address: ADDRESS, identificationNumber: 'ASM-0001' });
  return p;
}

export function sedan(id: string, extra: Obj = {}): Obj {
  return claim({
    id,
    producer: testMotors(),
    good: { kind: 'vehicle', description: 'test sedan', hs: '8703.23', plant: 'ASM', modelLine: 'Tern' },
    materials: [
      declaredEngine(),
      line('SEAT', '2000.00', 'unknown', { country: 'MX', hs: '9401.20' }),
      line('CAM', '1100.00', 'non-originating', { country: 'JP', hs: '8525.80' }),
    ],
    ...extra,
  });
}

export const seatCertification = (extra: Obj = {}): Obj => ({
  id: 'SEATS-2026',
  kind: 'certification',
  supplier: { name: 'Asientos del Norte', country: 'MX' },
  period: { start: '2026-01-01', end: '2026-06-30' },
  covers: { partNumbers: ['SEAT'] },
  originCriterion: 'B',
  ...extra,
});

/** Writes documents as YAML files in a new folder; returns the paths, in order. */
export function writeAll(docs: Array<[string, Obj]>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'store-docs-'));
  return docs.map(([name, doc]) => {
    const file = join(dir, name);
    writeFileSync(file, name.endsWith('.json') ? JSON.stringify(doc) : stringify(doc));
    return file;
  });
}

export function evidenceFile(items: Obj[]): string {
  return writeAll([['evidence.yaml', { format: 'usmca-roo/evidence@1', evidence: items }]])[0]!;
}
