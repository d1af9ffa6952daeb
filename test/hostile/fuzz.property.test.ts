/**
 * The kind made impossible: arbitrary YAML, JSON and CSV documents and mutated valid claims (hostile strings,
 * file references out of the folder, odd numbers) through the command line, in-process. Whatever the input,
 * the exit code is 0, 1 or 2 (never 3), nothing prints a stack trace, and nothing of the canary file outside
 * the claim's folder ever appears.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { claim, line, producer, runCli, type Obj } from '../helpers.js';
import { CANARY, scene } from './fixtures.js';

const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    '\n',
    'a\nVERDICT:   ORIGINATING',
    '\u001b[2J',
    '\u202eevil',
    '\ufffd',
    '\ud800',
    '../outside/secret.yaml',
    '../../outside/secret.yaml',
    '/etc/passwd',
    '/proc/self/environ',
    '/dev/zero',
    'x'.repeat(300),
    'A/B',
    '~',
    '0.99999999999999999',
    '1e400',
    '-0',
  ),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);

/** A valid claim with one field (or one new field) replaced by a hostile value. */
const mutatedClaim = fc
  .tuple(
    fc.constantFrom(
      ['id'],
      ['producer'],
      ['decisionDate'],
      ['currency'],
      ['good', 'description'],
      ['good', 'hs'],
      ['materials'],
      ['materials', 0, 'id'],
      ['materials', 0, 'description'],
      ['materials', 0, 'unitValue'],
      ['materials', 0, 'quantity'],
      ['materials', 1, 'materials', 0, 'id'],
      ['costs', 'totalCost'],
      ['exchangeRates'],
      ['materials', 'file'],
      ['materials', 'mapping'],
    ),
    hostileValue,
  )
  .map(([path, value]) => {
    const doc = claim({
      producer: 'producer.yaml',
      materials: [
        line('A', '100.00', 'originating'),
        line('B', '50.00', 'non-originating', { selfProduced: true, materials: [line('C', '10.00', 'unknown')] }),
      ],
    }) as Obj;
    let at: Record<string | number, unknown> = doc;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i] as string | number;
      if (at[key] === null || typeof at[key] !== 'object') at[key] = {};
      at = at[key] as Record<string | number, unknown>;
    }
    at[path[path.length - 1] as string | number] = value;
    return doc;
  });

const MAPPING = `format: usmca-roo/mapping@1\nkind: materials\ncolumns: { id: Id, level: Level, description: Description, quantity: Qty, unitValue: Value }\ndefaults: { origin: unknown }\n`;

const csvText = fc.oneof(
  fc.string(),
  fc
    .array(fc.array(fc.oneof(hostileString, fc.constantFrom('"', '""', '1', '1.00', 'A', '2')), { maxLength: 6 }), {
      maxLength: 6,
    })
    .map((rows) => ['Id,Level,Description,Qty,Value', ...rows.map((r) => r.join(','))].join('\n')),
);

type Case = { kind: 'yaml' | 'json'; text: string } | { kind: 'csv'; text: string };

const cases: fc.Arbitrary<Case> = fc.oneof(
  mutatedClaim.map((doc) => ({ kind: 'yaml' as const, text: stringify(doc) })),
  mutatedClaim.map((doc) => ({ kind: 'json' as const, text: JSON.stringify(doc) })),
  fc.string().map((text) => ({ kind: 'yaml' as const, text: `format: usmca-roo/claim@1\n${text}` })),
  fc.jsonValue().map((v) => ({ kind: 'json' as const, text: JSON.stringify(v) })),
  fc.string().map((text) => ({ kind: 'json' as const, text })),
  csvText.map((text) => ({ kind: 'csv' as const, text })),
);

async function check(c: Case): Promise<void> {
  const s = scene();
  writeFileSync(join(s.dir, 'producer.yaml'), stringify(producer()));
  let file: string;
  if (c.kind === 'csv') {
    writeFileSync(join(s.dir, 'bom.csv'), c.text);
    writeFileSync(join(s.dir, 'm.yaml'), MAPPING);
    file = s.write(
      'claim.yaml',
      claim({ producer: 'producer.yaml', materials: { file: 'bom.csv', mapping: 'm.yaml' } }),
    );
  } else {
    file = join(s.dir, `claim.${c.kind}`);
    writeFileSync(file, c.text);
  }
  for (const args of [
    ['evaluate', file],
    ['evaluate', file, '--json'],
  ]) {
    const r = await runCli(...args);
    expect([0, 1, 2], `${r.err}\n${c.text}`).toContain(r.code);
    expect(r.err + r.out).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    expect(r.err + r.out).not.toContain(CANARY);
  }
}

describe('hostile input, generated', () => {
  it('never exit 3, never a stack trace, never the canary outside the folder', { timeout: 600_000 }, async () => {
    await fc.assert(fc.asyncProperty(cases, check), { numRuns: 300, seed: 20261129 });
  });
});
