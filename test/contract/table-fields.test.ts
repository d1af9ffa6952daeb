/**
 * Every per-line field a YAML claim accepts can also come from a column of a CSV or XLSX bill of materials: the
 * fields of a BOM line (materialReferenceSchema, its nested mappings and its list of quotes) are walked, and each
 * leaf must be a field a column mapping may name (src/input/tabular/fields.ts) and be documented in docs/import.md.
 * A field added to a line without its column fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { materialReferenceSchema } from '../../src/input/documents.js';
import { fieldSpec } from '../../src/input/tabular/fields.js';

const IMPORT_DOC = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'import.md'), 'utf8');

type Def = { type: string; [k: string]: unknown };
const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (let d = def(cur); d.type === 'optional' || d.type === 'default' || d.type === 'lazy'; d = def(cur))
    cur = d.type === 'lazy' ? (d.getter as () => z.ZodType)() : (d.innerType as z.ZodType);
  return cur;
}

/** The leaf fields of a line as a mapping names them: `supplierStatement.period.start`, `alternatives[N].plant`. */
function leaves(schema: z.ZodType, path = ''): string[] {
  const s = unwrap(schema);
  const d = def(s);
  if (d.type === 'object')
    return Object.entries(d.shape as Record<string, z.ZodType>).flatMap(([key, child]) =>
      key === 'materials' && path === '' ? [] : leaves(child, path ? `${path}.${key}` : key),
    );
  if (d.type === 'array') return leaves(d.element as z.ZodType, `${path}[N]`);
  return [path];
}

describe('a BOM line from a table', () => {
  const fields = leaves(materialReferenceSchema);

  it('every field of a line has a column a mapping may name', () => {
    expect(fields.length).toBeGreaterThan(25);
    const unmappable = fields.filter((f) => fieldSpec('materials', f.replace('[N]', '[0]')) === undefined);
    expect(unmappable).toEqual([]);
  });

  it('every such column is documented in docs/import.md', () => {
    const undocumented = fields.filter((f) => !IMPORT_DOC.includes(`\`${f}\``));
    expect(undocumented).toEqual([]);
  });
});
