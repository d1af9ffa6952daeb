/** BOM_DUPLICATE_ID: an id used twice in one material list, in a short list and a long one, at any level. */
import { describe, expect, it } from 'vitest';
import { claim, line, load, problemsOf, producer } from '../helpers.js';

const lines = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => line(`${prefix}${i}`, '1.00', 'originating'));

describe('line ids within one list', () => {
  it.each([3, 8, 9, 40])('a repeated id in a list of %i lines is named at its second line', (n) => {
    const list = lines(n, 'L');
    list.push(line(`L${n - 1}`, '2.00', 'originating'));
    const problems = problemsOf(() => load(claim({ producer: producer(), materials: list })));
    expect(problems.filter((p) => p.code === 'BOM_DUPLICATE_ID').map((p) => p.path)).toEqual([`materials[${n}].id`]);
  });

  it('the same id in two lists (a line and its child, or two parents’ children) is no repeat', () => {
    const parent = (id: string, n: number) =>
      line(id, '10.00', 'originating', { selfProduced: true, materials: lines(n, 'C') });
    const loaded = load(claim({ producer: producer(), materials: [parent('C0', 3), parent('P', 12)] }));
    expect(loaded.claim.materials.map((m) => m.children.length)).toEqual([3, 12]);
  });

  it('a repeat inside a child list is named with the child’s path', () => {
    const children = [...lines(10, 'C'), line('C4', '1.00', 'originating')];
    const parent = line('P', '10.00', 'originating', { selfProduced: true, materials: children });
    const problems = problemsOf(() => load(claim({ producer: producer(), materials: [parent] })));
    expect(problems.filter((p) => p.code === 'BOM_DUPLICATE_ID').map((p) => p.path)).toEqual([
      'materials[0].materials[10].id',
    ]);
  });
});
