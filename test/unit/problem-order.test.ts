/**
 * Input problems come in reading order: by file, line and field path, where the numbers in a path are list
 * indices and compare as numbers (materials[2] before materials[10]), so that a one-line JSON claim, or a
 * list of many problems cut short on the terminal, starts with its first lines.
 */
import { describe, expect, it } from 'vitest';
import { sortProblems, type InputProblem } from '../../src/input/problems.js';

const problem = (path: string, line = 1): InputProblem => ({
  code: 'DECIMAL_INVALID',
  path,
  message: 'expected a plain decimal',
  file: 'claim.json',
  line,
});

describe('sortProblems', () => {
  it('orders list indices as numbers, within one line', () => {
    const paths = [
      'materials[100000].unitValue',
      'materials[10].unitValue',
      'materials[2].unitValue',
      'materials[1].materials[12].hs',
      'materials[1].materials[3].hs',
      'materials[1].description',
    ];
    expect(sortProblems(paths.map((p) => problem(p))).map((p) => p.path)).toEqual([
      'materials[1].description',
      'materials[1].materials[3].hs',
      'materials[1].materials[12].hs',
      'materials[2].unitValue',
      'materials[10].unitValue',
      'materials[100000].unitValue',
    ]);
  });

  it('still orders by line first, then by field name', () => {
    expect(sortProblems([problem('b', 2), problem('materials[10]', 1), problem('a', 2)]).map((p) => p.path)).toEqual([
      'materials[10]',
      'a',
      'b',
    ]);
  });
});
