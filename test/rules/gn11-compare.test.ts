/**
 * How the comparison of gn11-pack.test.ts will read rules the pack does not hold confirmed yet (GN 11(o)/85.84-85.85
 * for 8536.50, 85.89 for 8537, 84.50 for 8415.20): a pack rule written with generic tariff items, exceptions limited
 * to some goods, and goods named by description, as the rule data is being extended to hold them. Each case is a
 * rule the pack could hold, in its own schema, against the second reader's transcription.
 */
import { describe, expect, it } from 'vitest';
import type { ProductSpecificRule } from '../../src/rules/psr-schema.js';
import { differences, itemReading, type ItemReading } from './gn11-compare.js';
import { loadTranscription } from './gn11-fixture.js';

const { rules: transcribed, nationalItems = [] } = loadTranscription();
const mine = (id: string) => transcribed.find((r) => r.rule === id)!;
const RVC = { transactionValue: '60', netCost: '50' };

/** The pack's generic items for 8536.50 and 8538.90 read as the US numbers GN 11 prints (as a confirmed row would). */
const items: ItemReading = itemReading(
  new Map([
    ['8536.50.aa', ['8536.50.40']],
    ['8538.90.aa', ['8538.90.10', '8538.90.30', '8538.90.60']],
    ['8538.90.bb', ['8538.90.40']],
  ]),
  nationalItems,
);

function rule(hs: string, alternatives: unknown[]): ProductSpecificRule {
  return {
    hs,
    uses: ['aftermarket'],
    provision: 'GN 11(o)',
    status: 'confirmed',
    alternatives,
  } as ProductSpecificRule;
}

const switches = rule('8536.50', [
  { paragraph: '84(A)', tariffItem: '8536.50.aa', change: { from: 'any-other-tariff-item', except: ['8538.90.bb'] } },
  {
    paragraph: '84(B)',
    tariffItem: '8536.50.aa',
    change: { from: ['8538.90.bb'], orFrom: 'any-other-tariff-item' },
    rvc: RVC,
  },
  { paragraph: '85(A)', goods: 'any other good', change: { from: 'any-other-heading', except: ['8538.90.aa'] } },
  {
    paragraph: '85(B)',
    goods: 'any other good',
    change: { from: ['8538.90.aa'], orFrom: 'any-other-heading' },
    rvc: RVC,
  },
]);

describe('the comparison of rules held with national items and goods-limited exceptions', () => {
  it('compares the alternatives for tariff item 8536.50.40 with 85.84, and the others with 85.85', () => {
    expect(differences(mine('85.84'), switches, items)).toEqual([]);
    expect(differences(mine('85.85'), switches, items)).toEqual([]);
  });

  it('names a generic item read as other US numbers than GN 11 prints', () => {
    const swapped = rule('8536.50', [
      { ...switches.alternatives[0]!, change: { from: 'any-other-tariff-item', except: ['8538.90.aa'] } },
      switches.alternatives[1]!,
    ]);
    expect(differences(mine('85.84'), swapped, items)).toEqual([
      '(A) / 84(A): change {"from":"any-other-tariff-item","except":["8538.90.40"]} vs {"from":"any-other-tariff-item","except":["8538.90.10","8538.90.30","8538.90.60"]}',
    ]);
  });

  it('reads an exception limited to some goods of a subheading, and the RVC GN 11 prints for 85.89', () => {
    const pcas = [
      { hs: '8538.90', goods: 'printed circuit assemblies' },
      { hs: '8538.90', goods: 'moulded parts' },
    ];
    const controls = rule('85.37', [
      { paragraph: '(A)', change: { from: 'any-other-heading', except: pcas } },
      {
        paragraph: '(B)',
        change: { from: pcas, orFrom: 'any-other-heading' },
        rvc: { transactionValue: '50', netCost: '40' },
      },
    ]);
    expect(differences(mine('85.89'), controls, items)).toEqual([]);
    const sixtyFifty = rule('85.37', [controls.alternatives[0]!, { ...controls.alternatives[1]!, rvc: RVC }]);
    expect(differences(mine('85.89'), sixtyFifty, items)).toEqual([
      '(B) / (B): RVC {"transactionValue":"50","netCost":"40"} vs {"transactionValue":"60","netCost":"50"}',
    ]);
  });

  it('reads goods named by description only, and an exception printed after "whether or not" (84.50)', () => {
    const assemblies = {
      goods:
        'Assemblies incorporating more than one of the following: compressor, condenser, evaporator, connecting tubing',
    };
    const split = { hs: '8415.10', goods: '"split-systems"' };
    const conditioners = rule('8415.20..8415.83', [
      {
        paragraph: '(A)',
        change: { from: 'any-other-subheading', except: ['8415.20..8415.83', split, '8415.90.40', assemblies] },
      },
      {
        paragraph: '(B)',
        change: {
          from: ['8415.90.40', assemblies],
          orFrom: 'any-other-subheading',
          except: ['8415.20..8415.83', split],
        },
        rvc: RVC,
      },
    ]);
    expect(differences(mine('84.50'), conditioners, items)).toEqual([]);
    const noSplit = rule('8415.20..8415.83', [
      conditioners.alternatives[0]!,
      {
        ...conditioners.alternatives[1]!,
        change: { from: ['8415.90.40', assemblies], orFrom: 'any-other-subheading' },
      },
    ]);
    expect(differences(mine('84.50'), noSplit, items)).toHaveLength(1);
  });

  it('reads a change from any other good of the same subheading (84.236 (A), trash compactors)', () => {
    const compactors = { ...mine('84.236'), ex: 'trash compactors', alternatives: [mine('84.236').alternatives[0]!] };
    const held = {
      ...rule('8479.89', [{ paragraph: '(A)', change: { from: 'any-other-good' } }]),
      ex: 'trash compactors',
    };
    expect(differences(compactors, held, items)).toEqual([]);
    const bySubheading = { ...held, alternatives: [{ paragraph: '(A)', change: { from: 'any-other-subheading' } }] };
    expect(differences(compactors, bySubheading as ProductSpecificRule, items)).toEqual([
      '(A) / (A): change {"from":"any-other-good"} vs {"from":"any-other-subheading"}',
    ]);
  });

  it('leaves out a pack rule with no alternative for the goods of the transcribed rule', () => {
    const onlyOthers = rule('8536.50', switches.alternatives.slice(2));
    expect(differences(mine('85.84'), onlyOthers, items)).toBeUndefined();
  });
});
