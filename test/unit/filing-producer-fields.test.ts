/**
 * The producer document's optional filing fields (customsIdentifiers, contact, plants[].address,
 * plants[].identificationNumber) and where a vehicle certification prints them: the MID, EIN and IOR numbers of
 * 19 CFR 182.97(c)(1), the point of contact of 182.95(c)(1), the place of production as the steel and aluminum
 * certifications' producer address, and each LVC plant's address and number (29 CFR 810.405(a)(4)). A bad number is
 * an input problem with its path.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { assembleFiling, type FilingKind } from '../../src/filing/assemble.js';
import { producerSchema } from '../../src/input/documents.js';
import { loadRulePack } from '../../src/rules/load.js';
import type { Decision } from '../../src/verdict/decision.js';
import { claim, declaredEngine, line, passingProducer, runCli, type Obj } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'filing-fields-'));
const PERIOD = { start: '2026-01-01', end: '2026-12-31' };

function producerDoc(extra: Obj = {}, plant: Obj = {}): Obj {
  const p = passingProducer({
    address: { street: '1 Corporate Way', city: 'Monterrey', region: 'NLE', country: 'MX' },
    email: 'origin@test-motors.example',
    phone: '+52 844 555 0100',
    taxId: 'TMO850101AB1',
    ...extra,
  });
  Object.assign((p.plants as Obj[])[0]!, plant);
  return p;
}

async function decisionOf(producer: Obj): Promise<Decision> {
  const f = join(dir, `claim-${Math.random().toString(36).slice(2)}.yaml`);
  const doc = claim({
    producer,
    period: PERIOD,
    materials: [declaredEngine(), line('CAM', '1100.00', 'non-originating', { country: 'JP', hs: '8525.80' })],
  });
  writeFileSync(f, stringify(doc));
  const r = await runCli('evaluate', f, '--json');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as Decision;
}

async function filing(kind: FilingKind, producer: Obj) {
  const decision = await decisionOf(producer);
  return assembleFiling(loadRulePack(), {
    kind,
    period: { start: '2027-01-01', end: '2027-12-31' },
    decisions: [{ record: 'TEST-1@1', sha256: 'x', decision, producer: producerSchema.parse(producer) }],
    certifier: {
      format: 'usmca-roo/party@1',
      name: 'Ana Ruiz',
      title: 'Trade Compliance Director',
      address: { street: '1 Corporate Way', city: 'Monterrey', country: 'MX' },
      email: 'ana@test-motors.example',
      phone: '+52 81 555 0199',
    },
  });
}

const value = (f: { elements: Array<{ id: string; value: string | null }> }, id: string) =>
  f.elements.find((e) => e.id === id)?.value;

const FIELDS = {
  customsIdentifiers: { mid: ['MXTESMOT1234RAM'], ein: ['12-3456789'], ior: ['12-345678900'] },
  contact: {
    name: 'Luis Ortega',
    title: 'Origin Manager',
    email: 'luis@test-motors.example',
    phone: '+52 844 555 0111',
  },
};
const PLANT = {
  address: { street: 'Blvd. Industrial 400', city: 'Ramos Arizpe', region: 'COA', postalCode: '25900', country: 'MX' },
  identificationNumber: 'RFC-TMO850101',
};

describe('producer filing fields', () => {
  it('steel and aluminum: MID, EIN and IOR listed; the producer address is the place of production', async () => {
    const steel = await filing('steel', producerDoc(FIELDS, PLANT));
    expect(value(steel, 'producer.customsIdentifiers')).toBe('MID MXTESMOT1234RAM; EIN 12-3456789; IOR 12-345678900');
    expect(value(steel, 'producer.address')).toBe('ASM: Blvd. Industrial 400, Ramos Arizpe, COA, 25900, MX');
    expect(steel.problems).toEqual([]);
    const aluminum = await filing('aluminum', producerDoc(FIELDS, PLANT));
    expect(aluminum.elements.find((e) => e.id === 'producer.customsIdentifiers')).toMatchObject({
      cite: '19 CFR 182.97(c)(1)',
      source: 'producer document: customsIdentifiers (mid, ein, ior)',
    });
  });

  it('without them: the tax id stands in and says what to add; the corporate address stands in for the plant', async () => {
    const steel = await filing('steel', producerDoc());
    expect(value(steel, 'producer.customsIdentifiers')).toBe('TMO850101AB1');
    expect(steel.elements.find((e) => e.id === 'producer.customsIdentifiers')?.source).toMatch(
      /add the MID, EIN and IOR numbers/,
    );
    expect(value(steel, 'producer.address')).toBe('1 Corporate Way, Monterrey, NLE, MX');
    expect(steel.elements.find((e) => e.id === 'producer.address')?.source).toMatch(/place of production/);
  });

  it('LVC: the EIN identifies the producer, the contact is the point of contact, each plant has its address and number', async () => {
    const lvc = await filing('lvc', producerDoc(FIELDS, PLANT));
    expect(value(lvc, 'producer.identifier')).toBe('12-3456789');
    expect(value(lvc, 'producer.contact')).toBe(
      'Luis Ortega; Origin Manager; luis@test-motors.example; +52 844 555 0111',
    );
    // LVC keeps the corporate address (182.95(c)(1)).
    expect(value(lvc, 'producer.address')).toBe('1 Corporate Way, Monterrey, NLE, MX');
    expect(value(lvc, 'plants')).toBe(
      'ASM (self, MX), Blvd. Industrial 400, Ramos Arizpe, COA, 25900, MX, identification number RFC-TMO850101',
    );
    expect(lvc.problems).toEqual([]);
  });

  it('LVC: a plant without address or number is a problem naming the fields to add', async () => {
    const lvc = await filing('lvc', producerDoc(FIELDS));
    expect(lvc.problems).toEqual([
      'data element plants (29 CFR 810.405(a)(4); 810.505(a)(1)): plant ASM gives no address and no identificationNumber in the producer document (plants[].address, plants[].identificationNumber)',
    ]);
  });

  it('a number with a blank, and an empty contact name, are input problems with their paths (exit 2)', async () => {
    const f = join(dir, 'bad.yaml');
    writeFileSync(
      f,
      stringify(
        claim({
          producer: producerDoc(
            { customsIdentifiers: { mid: ['MX TES'] }, contact: { name: '' } },
            { identificationNumber: '' },
          ),
        }),
      ),
    );
    const r = await runCli('evaluate', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/customsIdentifiers\.mid\[0\]/);
    expect(r.err).toMatch(/contact\.name/);
    expect(r.err).toMatch(/plants\[0\]\.identificationNumber/);
  });
});
