/** The decision's list of findings: repeats dropped by their JSON, sorted by a key, ties in the order found. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinctFindings, sortedBy, sortedByFields } from '../../src/verdict/findings.js';

/** What the decision did before: every finding written out and compared, and a key computed at each comparison. */
function naiveDistinct<T>(list: readonly T[]): T[] {
  const seen = new Set<string>();
  return list.filter((w) => {
    const k = JSON.stringify(w);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
function naiveSorted<T>(list: readonly T[], key: (t: T) => string): T[] {
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

describe('distinct findings', () => {
  it('drops a repeat of an earlier finding, keeping the first; the same line with another message stays', () => {
    const a = { code: 'ORIGIN_UNKNOWN', subject: 'A/B', message: 'm' };
    const b = { code: 'ORIGIN_UNKNOWN', subject: 'A/B', message: 'other' };
    const c = { code: 'ORIGIN_UNKNOWN', subject: 'A/C', message: 'm' };
    const out = distinctFindings([a, b, { ...a }, c, { ...b }]);
    expect(out).toEqual([a, b, c]);
    expect(out[0]).toBe(a);
  });

  it('tells findings apart by their JSON: a field more, the same fields in another order, a subject left out', () => {
    const a = { code: 'X', subject: 'S', message: 'm' };
    const withValue = { code: 'X', subject: 'S', message: 'm', valueAtStake: '1.00' };
    const reordered = { message: 'm', code: 'X', subject: 'S' };
    const noSubject = { code: 'X', message: 'm' };
    const undefinedSubject = { code: 'X', subject: undefined, message: 'm' };
    expect(distinctFindings([a, withValue, reordered, noSubject, undefinedSubject, { ...a }])).toEqual([
      a,
      withValue,
      reordered,
      noSubject,
    ]);
  });

  it('keeps what writing every finding out keeps, in the same order', () => {
    const finding = fc.record(
      {
        code: fc.constantFrom('A', 'B'),
        subject: fc.constantFrom('x', 'y', '\u0001', undefined),
        message: fc.constantFrom('m', 'n'),
        valueAtStake: fc.constantFrom('1', '2'),
      },
      { requiredKeys: ['code', 'message'] },
    );
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 40 }), (list) => {
        expect(distinctFindings(list)).toEqual(naiveDistinct(list));
        expect(distinctFindings(list).every((w, i, out) => out.indexOf(w) === i)).toBe(true);
      }),
    );
  });
});

describe('sorted findings', () => {
  it('orders by key, equal keys in the order found', () => {
    const list = [
      { k: 'b', n: 1 },
      { k: 'a', n: 2 },
      { k: 'b', n: 3 },
      { k: 'B', n: 4 },
    ];
    expect(sortedBy(list, (x) => x.k).map((x) => x.n)).toEqual([4, 2, 1, 3]);
  });

  it('orders as a sort computing the key at each comparison', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ k: fc.string({ maxLength: 3 }), n: fc.nat() }), { maxLength: 60 }), (list) => {
        expect(sortedBy(list, (x) => x.k)).toEqual(naiveSorted(list, (x) => x.k));
      }),
    );
  });

  it('by fields, orders as by the fields joined with U+0000, a field that is a prefix of another included', () => {
    const text = (chars: string[]) => fc.array(fc.constantFrom(...chars), { maxLength: 4 }).map((cs) => cs.join(''));
    const plain = ['a', 'b', 'A', '-', '/', '\u0001'];
    const item = fc.record({
      code: text(plain),
      subject: text(plain),
      message: text([...plain, '\u0000']),
      n: fc.nat(),
    });
    const joined = (x: { code: string; subject: string; message: string }) =>
      `${x.code}\u0000${x.subject}\u0000${x.message}`;
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), (list) => {
        expect(sortedByFields(list, (x) => [x.code, x.subject, x.message])).toEqual(sortedBy(list, joined));
      }),
    );
    // A U+0000 inside a field before the last: the joined keys decide.
    const list = [
      { code: 'A', subject: 'x', message: 'c' },
      { code: 'A', subject: 'x\u0000b', message: '' },
    ];
    expect(sortedByFields(list, (x) => [x.code, x.subject, x.message]).map((x) => x.message)).toEqual(['', 'c']);
    expect(sortedByFields(list, (x) => [x.code, x.subject, x.message])).toEqual(sortedBy(list, joined));
  });
});
