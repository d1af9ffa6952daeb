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

export function sedan(id: string, extra: Obj = {}): Obj {
  return claim({
    id,
    producer: passingProducer({
      address: { street: '1 Test Way', city: 'Ramos Arizpe', region: 'COA', country: 'MX' },
      email: 'origin@test-motors.example',
      phone: '+52 844 555 0100',
    }),
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
