/**
 * The documented contract, held to the schema: the field tables of docs/claim-format.md are read, and
 * - every field the claim, producer and party schemas accept is documented (named in a table row);
 * - every value an enumerated field accepts is listed in the documentation;
 * - every money field takes each documented form (a decimal string, { amount, currency }, { amount }), and the
 *   documentation names every money field;
 * - every documented form of an HS code, a date and a decimal is accepted where the documentation says.
 * A field added to a schema without its documentation, or a documented form the schema refuses, fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  claimSchema,
  materialReferenceSchema,
  materialSchema,
  partySchema,
  producerSchema,
} from '../../src/input/documents.js';
import { amount, date, decimal, hs, money, purchaseHs } from '../../src/input/fields.js';
import { ruleFacts } from '../../src/rules/facts.js';
import { loadRulePack } from '../../src/rules/load.js';

const DOC = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'claim-format.md'), 'utf8');

/** The rows of the documentation's tables (lines starting with "|"), minus header and rule lines. */
const ROWS = DOC.split('\n').filter(
  (l) => l.startsWith('|') && !/^\|[-| ]+\|$/.test(l) && !/^\| (field|where|code) \|/.test(l),
);
/** Every name written in code style in a table row: `exchangeRates[]`, `{ currency, rate }`, `"USD per MXN"`. */
const DOCUMENTED = new Set(
  ROWS.flatMap((r) =>
    [...r.matchAll(/`([^`]+)`/g)].flatMap((m) => (m[1] as string).match(/[A-Za-z][A-Za-z0-9.-]*/g) ?? []),
  ),
);

interface Field {
  path: string;
  key: string;
  schema: z.ZodType;
}

type Def = { type: string; [k: string]: unknown };
const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under optional, nullable and default wrappers. */
function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (;;) {
    const d = def(cur);
    if (d.type === 'optional' || d.type === 'nullable' || d.type === 'default' || d.type === 'readonly')
      cur = d.innerType as z.ZodType;
    else return cur;
  }
}

/** Every object key of a schema, with its path (lists as "[]"); a bill of materials is walked one level deep. */
function fieldsOf(schema: z.ZodType, path = '', out: Field[] = [], seen = new Set<z.ZodType>()): Field[] {
  const s = unwrap(schema);
  if (s === materialSchema) return fieldsOf(materialReferenceSchema, path, out, seen);
  if (seen.has(s)) return out;
  const d = def(s);
  if (d.type === 'lazy') {
    seen.add(s);
    return fieldsOf((d.getter as () => z.ZodType)(), path, out, seen);
  }
  if (d.type === 'object') {
    for (const [key, child] of Object.entries(d.shape as Record<string, z.ZodType>)) {
      const p = path ? `${path}.${key}` : key;
      out.push({ path: p, key, schema: unwrap(child) });
      fieldsOf(child, p, out, seen);
    }
  } else if (d.type === 'array') fieldsOf(d.element as z.ZodType, `${path}[]`, out, seen);
  else if (d.type === 'union') for (const o of d.options as z.ZodType[]) fieldsOf(o, path, out, seen);
  return out;
}

const SCHEMAS = { claim: claimSchema, producer: producerSchema, party: partySchema } as const;
const FIELDS = Object.entries(SCHEMAS).flatMap(([doc, schema]) =>
  fieldsOf(schema as z.ZodType).map((f) => ({ ...f, path: `${doc}: ${f.path}` })),
);
const isMoney = (f: Field) => f.schema === money || f.schema === amount;

/** The bullet of the documentation that lists the money fields. */
const MONEY_BULLET = /- A money value is either[^]*?\n(?=- )/.exec(DOC)?.[0] ?? '';

describe('docs/claim-format.md and the schemas', () => {
  it('documents every field the schemas accept', () => {
    expect(FIELDS.length).toBeGreaterThan(100);
    const undocumented = FIELDS.filter((f) => !DOCUMENTED.has(f.key)).map((f) => f.path);
    expect(undocumented).toEqual([]);
  });

  it('every field a table names is one the schemas accept', () => {
    // The named column: the first of a `| field | meaning |` table, the second of `| where | field | meaning |`.
    const named: string[] = [];
    let column = -1;
    for (const line of DOC.split('\n')) {
      if (!line.startsWith('|')) {
        column = -1;
        continue;
      }
      const cells = line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((c) => c.trim());
      if (/^-+$/.test(cells[0] ?? '')) continue;
      if (cells[0] === 'field') column = 0;
      else if (cells[0] === 'where' && cells[1] === 'field') column = 1;
      else if (cells[0] === 'code' || cells[0] === 'command') column = -1;
      else if (column >= 0)
        for (const m of (cells[column] ?? '').matchAll(/`([A-Za-z][A-Za-z0-9]*)(?:\[\])?`/g))
          named.push(m[1] as string);
    }
    expect(named.length).toBeGreaterThan(40);
    const keys = new Set(FIELDS.map((f) => f.key));
    expect(named.filter((n) => !keys.has(n))).toEqual([]);
  });

  it('marks every required field of a document and of a BOM line "required"', () => {
    const section = (heading: string): string[] => {
      const start = DOC.indexOf(heading);
      const end = DOC.indexOf('\n#', start + heading.length);
      return DOC.slice(start, end < 0 ? undefined : end)
        .split('\n')
        .filter((l) => l.startsWith('| `'));
    };
    const tables: Array<[string, z.ZodType]> = [
      ['## Claim document', claimSchema as z.ZodType],
      ['### A material', materialReferenceSchema as z.ZodType],
      ['## Producer document', producerSchema as z.ZodType],
      ['## Party document', partySchema as z.ZodType],
    ];
    const unmarked: string[] = [];
    for (const [heading, schema] of tables) {
      const rows = section(heading);
      expect(rows.length, heading).toBeGreaterThan(0);
      const object = def(unwrap(def(schema).type === 'lazy' ? (def(schema).getter as () => z.ZodType)() : schema));
      for (const [key, child] of Object.entries(object.shape as Record<string, z.ZodType>)) {
        const optional = ['optional', 'default'].includes(def(child).type);
        if (optional || key === 'format') continue;
        const row = rows.find((r) => new RegExp(`^\\| [^|]*\`${key}(\\[\\])?\``).test(r));
        if (!row || !/required/i.test(row)) unmarked.push(`${heading}: ${key}`);
      }
    }
    expect(unmarked).toEqual([]);
  });

  it('lists every value of every enumerated field', () => {
    const missing: string[] = [];
    for (const f of FIELDS) {
      const d = def(f.schema);
      const values =
        d.type === 'enum'
          ? Object.values(d.entries as Record<string, string>)
          : d.type === 'array' && def(unwrap(d.element as z.ZodType)).type === 'enum'
            ? Object.values(def(unwrap(d.element as z.ZodType)).entries as Record<string, string>)
            : [];
      for (const v of values) if (!DOCUMENTED.has(v)) missing.push(`${f.path}: ${v}`);
    }
    expect(missing).toEqual([]);
  });

  it('names every money field where it says a money value takes both forms, and no other', () => {
    expect(MONEY_BULLET).toContain('{ amount, currency }');
    const named = new Set(
      [...MONEY_BULLET.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1] as string).filter((k) => k !== 'currency'),
    );
    const moneyKeys = new Set(FIELDS.filter(isMoney).map((f) => f.key));
    expect([...moneyKeys].filter((k) => !named.has(k)).sort(), 'money fields not named').toEqual([]);
    expect(
      [...named].filter((k) => !moneyKeys.has(k) && FIELDS.some((f) => f.key === k)).sort(),
      'named, not money',
    ).toEqual([]);
  });

  it('lists the values the rule pack allows: every coreComponent id by group, every HS edition', () => {
    const pack = loadRulePack();
    const entries = pack.parameters.get('usmca.auto.table.a2')?.entries ?? [];
    const table = entries[entries.length - 1]?.value as {
      groups: Array<{ id: string; components: Array<{ id: string }> }>;
    };
    expect(table.groups.length).toBe(7);
    const rows = DOC.split('\n');
    const missing: string[] = [];
    for (const g of table.groups) {
      const row = rows.find((r) => r.startsWith(`| \`${g.id}\` |`));
      for (const c of g.components) if (!row?.includes(`\`${c.id}\``)) missing.push(`${g.id}: ${c.id}`);
    }
    for (const e of ruleFacts(pack).nomenclature.editions)
      if (!DOC.includes(`\`${e}\``)) missing.push(`hsEdition: ${e}`);
    expect(missing).toEqual([]);
  });

  it('every money field takes a decimal string, { amount, currency } and { amount }', () => {
    const refused: string[] = [];
    for (const f of FIELDS.filter(isMoney)) {
      for (const form of ['3150.00', { amount: '3150.00', currency: 'MXN' }, { amount: '3150.00' }]) {
        if (!f.schema.safeParse(form).success) refused.push(`${f.path}: ${JSON.stringify(form)}`);
      }
      for (const bad of [3150.5, { amount: '1,234.50' }, { amount: '1', currency: 'USD', extra: '1' }])
        if (f.schema.safeParse(bad).success) refused.push(`${f.path} accepts ${JSON.stringify(bad)}`);
    }
    expect(FIELDS.filter(isMoney).length).toBeGreaterThan(20);
    expect(refused).toEqual([]);
  });

  it('every HS code field takes the documented forms of a subheading and of a national tariff number', () => {
    const hsFields = FIELDS.filter((f) => f.schema === hs || f.schema === purchaseHs);
    expect(hsFields.map((f) => f.path).sort()).toEqual([
      'claim: good.hs',
      'claim: materials[].hs',
      'producer: steelAluminum.purchases[].hs',
    ]);
    const forms = [...DOC.matchAll(/`(\d{4}\.\d{2}(?:\.\d{4})?|\d{6}|\d{10})`/g)].map((m) => m[1] as string);
    expect(forms).toEqual(expect.arrayContaining(['8703.23', '8708.80.6590', '8708806590', '870880']));
    for (const f of hsFields)
      for (const form of forms) expect(f.schema.safeParse(form).success, `${f.path}: ${form}`).toBe(true);
    expect(purchaseHs.safeParse('ex 8708.99').success).toBe(true);
    for (const bad of ['8708.1', '87088', '8703.23.1']) expect(hs.safeParse(bad).success, bad).toBe(false);
  });

  it('dates are YYYY-MM-DD and amounts decimal strings, as documented', () => {
    expect(DOC).toContain('Dates are `YYYY-MM-DD`');
    expect(date.safeParse('2026-03-15').success).toBe(true);
    expect(date.safeParse('2026-02-30').success).toBe(false);
    expect(DOC).toContain('`"3150.00"`');
    expect(decimal.safeParse('3150.00').success).toBe(true);
    expect(decimal.safeParse('3,150.00').success).toBe(false);
  });
});
