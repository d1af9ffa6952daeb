/**
 * 100,000 rows: a synthetic three-level bill of materials (1,000 assemblies, 9,000 subassemblies, 90,000
 * parts), written children-first so every parent is found by id rather than by position. Counts only;
 * no timing assertions (the import is linear: see src/input/tabular/build.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MaterialInput } from '../../src/input/documents.js';
import { importTable, loadMapping } from '../../src/input/tabular/index.js';

const ROWS = 100_000;

function count(list: MaterialInput[]): { lines: number; depth: number } {
  let lines = 0;
  let depth = 0;
  const stack: [MaterialInput[], number][] = [[list, 1]];
  while (stack.length > 0) {
    const [items, d] = stack.pop() as [MaterialInput[], number];
    lines += items.length;
    if (items.length > 0) depth = Math.max(depth, d);
    for (const m of items) if (m.materials) stack.push([m.materials, d + 1]);
  }
  return { lines, depth };
}

describe('a 100,000-row import', () => {
  it('imports every row into the tree', () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-large-'));
    const lines = [
      'Item No.,Parent Item,Description,HS Code,Qty per,Unit Price,Curr.,Originating,Country of Origin,Plant,Made in-house,Core Part,Core Component,Net Cost',
    ];
    for (let i = ROWS - 1; i >= 0; i--) {
      const parent = i < 1_000 ? '' : i < 10_000 ? `P${i % 1_000}` : `P${1_000 + (i % 9_000)}`;
      lines.push(
        `P${i},${parent},part ${i},8708.99,2,${i}.25,${i % 3 === 0 ? 'MXN' : 'USD'},${i % 2 ? 'Y' : 'N'},MX,,,,,`,
      );
    }
    const file = join(dir, 'large.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const mappingFile = join(import.meta.dirname, 'fixtures', 'bom-parent.mapping.yaml');
    const { mapping } = loadMapping(mappingFile);
    if (!mapping) throw new Error('mapping');

    const { document, problems } = importTable(file, mapping, mappingFile);
    expect(problems).toEqual([]);
    const data = document.data as MaterialInput[];
    expect(data).toHaveLength(1_000);
    expect(count(data)).toEqual({ lines: ROWS, depth: 3 });
    expect(data[0]?.materials).toHaveLength(9);
    expect(data[0]?.materials?.[0]?.materials).toHaveLength(10);
    // The top-level lines are the last 1,000 rows, P999 first (row 99,002: the header is row 1).
    expect(data[0]?.id).toBe('P999');
    expect(document.locate([0, 'unitValue'])).toEqual({ line: ROWS - 999 + 1, column: 6 });
    // Row of P<i>: 1 + ROWS - i.
    const deep = data[999]?.materials?.[8]?.materials?.[9];
    expect(data[999]?.id).toBe('P0');
    expect(document.locate([999, 'unitValue'])).toEqual({ line: ROWS + 1, column: 6 });
    expect(document.locate([999, 'materials', 8, 'materials', 9, 'id'])).toEqual({
      line: 1 + ROWS - Number(deep?.id.slice(1)),
      column: 1,
    });
  });
});
