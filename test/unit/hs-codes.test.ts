/**
 * HS codes as ERP exports write them (national tariff numbers, no dot) are read to their 6-digit subheading,
 * kept as written in the decision and mentioned once; a well-formed code that is not a subheading of the edition
 * used is refused (HS_UNKNOWN), against the nomenclature kept as data in the rule pack.
 */
import { describe, expect, it } from 'vitest';
import { hsProblem, hsSubheading } from '../../src/input/hs.js';
import { loadClaimDocument } from '../../src/input/load-claim.js';
import { parseText } from '../../src/documents/read.js';
import { loadRulePack } from '../../src/rules/load.js';
import { hsNomenclature } from '../../src/rules/nomenclature.js';
import { ruleFacts } from '../../src/rules/facts.js';
import { stringify } from 'yaml';
import {
  claim,
  declaredEngine,
  decide,
  line,
  passingProducer,
  problemsOf,
  problemsOfAsync,
  type Obj,
} from '../helpers.js';

const pack = loadRulePack();
const nomenclature = hsNomenclature(pack);

describe('reading an HS code to its subheading', () => {
  it('reads 6-digit, 8-digit and 10-digit codes, with or without dots', () => {
    expect(hsSubheading('8708.80')).toBe('8708.80');
    expect(hsSubheading('870880')).toBe('8708.80');
    expect(hsSubheading('8708.80.65')).toBe('8708.80');
    expect(hsSubheading('87088065')).toBe('8708.80');
    expect(hsSubheading('8708.80.6590')).toBe('8708.80');
    expect(hsSubheading('8708.80.65.90')).toBe('8708.80');
    expect(hsSubheading('8708806590')).toBe('8708.80');
  });

  it('refuses what is not a subheading: a heading, lost digits, odd lengths, spaces', () => {
    for (const bad of ['8708', '8708.8', '87088', '8708.80.6', '870880659', '8708 80', '8708-80', '', 'ex 8708.80'])
      expect(hsSubheading(bad), bad).toBeUndefined();
    expect(hsProblem('8708.1')).toMatch(
      /"8708\.1".*leading zero, or a trailing zero after the dot, may have been lost/,
    );
    expect(hsProblem('8708')).toMatch(/heading/);
  });
});

describe('the nomenclature in the rule pack', () => {
  it('holds every subheading of HS 2012, HS 2017 and HS 2022', () => {
    expect(nomenclature.editions).toEqual(['HS2012', 'HS2017', 'HS2022']);
    expect(nomenclature.defaultEdition).toBe('HS2012');
    const count = (edition: string) => {
      let n = 0;
      for (let i = 10000; i < 1000000; i++) {
        const t = String(i).padStart(6, '0');
        if (nomenclature.has(edition, t)) n++;
      }
      return n;
    };
    // The WCO's counts of 6-digit subheadings for each edition.
    expect(count('HS2012')).toBe(5205);
    expect(count('HS2017')).toBe(5387);
    expect(count('HS2022')).toBe(5612);
  });

  it('knows which editions a vehicle subheading belongs to', () => {
    expect(nomenclature.has('HS2012', '8703.80')).toBe(false); // electric cars: new in HS 2017
    expect(nomenclature.has('HS2017', '8703.80')).toBe(true);
    expect(nomenclature.has('HS2022', '8704.60')).toBe(true);
    expect(nomenclature.has('HS2017', '8704.60')).toBe(false);
    expect(nomenclature.has('HS2012', '8708.60')).toBe(false);
    expect(nomenclature.has('HS2012', '8706.00')).toBe(true);
    expect(nomenclature.has('HS2022', '2848.00')).toBe(false); // a heading HS 2017 deleted
    expect(nomenclature.has('HS2012', '2848.00')).toBe(true);
  });

  it('every HS code of the rule tables is an HS 2012 subheading (but the one the Regulations misprint)', () => {
    const bad: string[] = [];
    const walk = (v: unknown, id: string): void => {
      if (typeof v === 'string') {
        for (const part of v.split('..')) {
          const m = /^(\d{4})\.(\d{2})(?:\.[a-z]{2})?$/.exec(part);
          if (m && !nomenclature.has('HS2012', `${m[1]}.${m[2]}`)) bad.push(`${id} ${part}`);
        }
      } else if (Array.isArray(v)) v.forEach((x) => walk(x, id));
      else if (v && typeof v === 'object') Object.values(v).forEach((x) => walk(x, id));
    };
    for (const p of pack.parameters.values())
      if (p.id !== 'usmca.hs.nomenclature' && p.id !== 'usmca.hs.correlation')
        for (const e of p.entries) walk(e.value, p.id);
    // Table A.2 prints "ex 8537.90" for steering control units; HS 2012 has no such subheading (noted in the file).
    expect(bad).toEqual(['usmca.auto.table.a2 8537.90']);
  });
});

function loadChecked(doc: Obj) {
  return loadClaimDocument(
    parseText('claim.yaml', stringify(doc)),
    () => {
      throw new Error('inline producer');
    },
    '.',
    { rules: ruleFacts(pack) },
  );
}

const vehicle = (extra: Obj = {}) =>
  claim({
    producer: passingProducer(),
    materials: [
      declaredEngine(),
      line('SHOCK', '100.00', 'non-originating', { hs: '8708.80.6590' }),
      line('ARM', '50.00', 'non-originating', { hs: '8708806590' }),
      line('KNUCKLE', '25.00', 'non-originating', { hs: '870880' }),
      line('BOLT', '5.00', 'non-originating', { hs: '7318.15' }),
    ],
    ...extra,
  });

describe('national tariff numbers in a claim', () => {
  it('are read to the subheading, kept as written in the decision, and mentioned in one warning', async () => {
    const d = await decide(vehicle());
    const counted = Object.fromEntries(d.bom.counted.map((l) => [l.material, l]));
    expect(counted.SHOCK).toMatchObject({ hs: '8708.80', hsAsWritten: '8708.80.6590', value: '100.00' });
    expect(counted.ARM).toMatchObject({ hs: '8708.80', hsAsWritten: '8708806590' });
    expect(counted.KNUCKLE).toMatchObject({ hs: '8708.80', hsAsWritten: '870880' });
    expect(counted.BOLT?.hs).toBe('7318.15');
    expect('hsAsWritten' in (counted.BOLT ?? {})).toBe(false);
    const notes = d.warnings.filter((w) => w.code === 'HS_READ_AS_SUBHEADING');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.message).toMatch(/^3 HS codes were written/);
    expect(notes[0]?.message).toContain('"8708.80.6590" as 8708.80');
    // The tariff shift and the VNM see the subheading: 8708.80 -> 8703.23 changes heading.
    expect(d.bom.valueOfNonOriginatingMaterials).toBe('180.00');
  });

  it('read the good too, keeping the national number in the decision', async () => {
    const doc = vehicle();
    (doc.good as Obj).hs = '8703.23.0190';
    const d = await decide(doc);
    expect(d.claim.good).toMatchObject({ hs: '8703.23', hsAsWritten: '8703.23.0190' });
    expect(d.classification.vehicleClass).toBe('passenger-vehicle');
    expect(d.warnings.filter((w) => w.code === 'HS_READ_AS_SUBHEADING')[0]?.message).toMatch(/^4 HS codes/);
  });

  it('say nothing when every code is written as a subheading', async () => {
    const d = await decide(claim({ producer: passingProducer(), materials: [declaredEngine()] }));
    expect(d.warnings.some((w) => w.code === 'HS_READ_AS_SUBHEADING')).toBe(false);
  });
});

describe('a subheading that does not exist in the edition used', () => {
  it('is refused under HS 2012, naming the editions that have it', async () => {
    const doc = vehicle();
    (doc.good as Obj).hs = '8703.80';
    const problems = await problemsOfAsync(() => decide(doc));
    expect(problems.map((p) => `${p.code}@${p.path}`)).toEqual(['HS_UNKNOWN@good.hs']);
    expect(problems[0]?.message).toMatch(/8703\.80 is not a subheading of HS2012.*HS2017 and HS2022.*good\.hsEdition/);
  });

  it('is accepted in the edition that has it', async () => {
    const doc = vehicle();
    (doc.good as Obj).hs = '8703.80';
    (doc.good as Obj).hsEdition = 'HS2017';
    const d = await decide(doc);
    expect(d.classification.hs2012).toBe('8703.90');
    expect(d.warnings.some((w) => w.code === 'HS_CORRELATED')).toBe(true);
  });

  it('is found at load time in materials and purchases, with the code as written', () => {
    const doc = vehicle({
      materials: [declaredEngine(), line('X', '1.00', 'originating', { hs: '8708.60.0000' })],
    });
    const sa = (doc.producer as Obj).steelAluminum as { purchases: Obj[] };
    sa.purchases[0] = { ...sa.purchases[0], hs: '7208.60' };
    const problems = problemsOf(() => loadChecked(doc));
    expect(problems.map((p) => `${p.code}@${p.path}`).sort()).toEqual([
      'HS_UNKNOWN@materials[1].hs',
      'HS_UNKNOWN@producer.steelAluminum.purchases[0].hs',
    ]);
    expect(problems.find((p) => p.path === 'materials[1].hs')?.message).toMatch(
      /8708\.60 \(written "8708\.60\.0000"\) is not a subheading of HS2012.*nor of any edition/,
    );
  });

  it('names the closest edition when hsEdition is misspelt', () => {
    const doc = vehicle();
    (doc.good as Obj).hsEdition = 'HS 2017';
    const problems = problemsOf(() => loadChecked(doc));
    expect(problems.map((p) => `${p.code}@${p.path}`)).toEqual(['HS_EDITION_UNKNOWN@good.hsEdition']);
    expect(problems[0]?.message).toMatch(/did you mean "HS2017"\?/);
  });
});
