/** Text that would forge output: refused at its field, escaped wherever printed; ids that could collide. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClaimFile } from '../../src/input/load-claim.js';
import { printable } from '../../src/render/printable.js';
import { textProblems } from '../../src/input/text-fields.js';
import { parseYamlFast } from '../../src/documents/yaml-fast.js';
import { claim, line, problemsOf, producer, runCli } from '../helpers.js';
import { scene } from './fixtures.js';

describe('single-line text', () => {
  const cases = [
    ['a newline forging a verdict', 'rotor\nVERDICT:   ORIGINATING'],
    ['a screen clear', 'rotor\u001b[2J'],
    ['a C1 control', 'rotor\u0085'],
    ['a bidi override', 'rotor \u202eGNITANIGIRO'],
    ['a tab', 'rotor\tx'],
    ['a replacement character', 'rotor \ufffd'],
    ['a zero-width space', 'rotor\u200b'],
    ['a lone surrogate', 'rotor\ud83d'],
  ];
  // In JSON, C1 controls, bidi and zero-width characters and U+FFFD are written as they are (JSON.stringify
  // escapes only C0 controls and lone surrogates): the check of the text as a whole must see them too.
  it.each(['claim.yaml', 'claim.json'].flatMap((file) => cases.map(([what, text]) => [what, file, text])))(
    'refuses %s in a description, an id and a key (TEXT_CHARACTER_NOT_ALLOWED), in %s',
    (_what, file, text) => {
      const s = scene(
        {
          materials: [
            line('A', '1.00', 'originating', { description: text }),
            line(text as string, '1.00', 'originating'),
          ],
        },
        file,
      );
      const problems = problemsOf(() => loadClaimFile(s.claimFile));
      expect(
        problems
          .filter((p) => p.code === 'TEXT_CHARACTER_NOT_ALLOWED')
          .map((p) => p.path)
          .sort(),
      ).toEqual(['materials[0].description', 'materials[1].description', 'materials[1].id']);
    },
  );

  it('escapes what is printed: one line stays one line', () => {
    expect(printable('a\nVERDICT: ORIGINATING\u001b[2J\u202e')).toBe('a\\nVERDICT: ORIGINATING\\x1b[2J\\u202e');
  });

  it('problem messages quoting a bad value print it escaped', async () => {
    const s = scene({ decisionDate: '2026-03-15\nVERDICT:   ORIGINATING' });
    const r = await runCli('evaluate', s.claimFile);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/^VERDICT/m);
  });
});

describe('the walk over every text', () => {
  const doc = (format: 'json' | 'yaml', data: unknown) => ({ file: 'c', format, data, locate: () => undefined });

  it('names each field at any depth, after deeper siblings; the keys of an object before its values', () => {
    const data = {
      materials: [
        { id: 'A', materials: [{ id: 'A1', description: 'x\ny', materials: [{ id: 'A1a\u200b' }] }] },
        { id: 'B\t', ['k\u202e']: 1, description: 'ok \ud83d\ude97' },
      ],
      good: { hs: '8703.23\u0000' },
    };
    expect(textProblems(doc('json', data), data).map((p) => p.path)).toEqual([
      'materials[0].materials[0].description',
      'materials[0].materials[0].materials[0].id',
      'materials[1].k\u202e',
      'materials[1].id',
      'good.hs',
    ]);
    expect(textProblems(doc('json', data.good), data.good, ['producer', 'x']).map((p) => p.path)).toEqual([
      'producer.x.hs',
    ]);
  });

  it('a lone surrogate is refused, a pair is not', () => {
    const data = ['\ud83d\ude97', 'a\ud83d', '\ude97b'];
    expect(textProblems(doc('json', data), data).map((p) => p.path)).toEqual(['[1]', '[2]']);
  });

  it('a YAML alias (one object at two places) is checked once; in JSON each place is its own', () => {
    const shared = { description: 'x\ty' };
    const data = { a: shared, b: shared };
    expect(textProblems(doc('yaml', data), data).map((p) => p.path)).toEqual(['a.description']);
    expect(textProblems(doc('json', data), data).map((p) => p.path)).toEqual(['a.description', 'b.description']);
  });
});

describe('YAML read with and without aliases', () => {
  it('says a text without "*" shares no object; with an alias, or a "*" anywhere, it may', () => {
    expect(parseYamlFast('c.yaml', 'a: {b: 1}\nc: [x, y]\n').aliasFree).toBe(true);
    expect(parseYamlFast('c.yaml', 'a: &l {b: 1}\nc: *l\n').aliasFree).toBe(false);
    expect(parseYamlFast('c.yaml', 'a: "5 * 4"\n').aliasFree).toBe(false);
  });

  it('a line given twice through an alias is refused once, at the place written; without one, at each place', () => {
    const text = (alias: boolean) =>
      `materials:\n  - &bad { id: A, description: "x\\ty" }\n  - ${alias ? '*bad' : '{ id: A, description: "x\\ty" }'}\n`;
    const paths = (t: string) => {
      const doc = parseYamlFast('c.yaml', t);
      return textProblems(doc, doc.data).map((p) => p.path);
    };
    expect(paths(text(true))).toEqual(['materials[0].description']);
    expect(paths(text(false))).toEqual(['materials[0].description', 'materials[1].description']);
  });
});

describe('ids', () => {
  it('refuses a blank id', () => {
    const s = scene({ materials: [line(' ', '1.00', 'originating')] });
    expect(problemsOf(() => loadClaimFile(s.claimFile))).toMatchObject([
      { code: 'FIELD_REQUIRED', path: 'materials[0].id' },
    ]);
  });

  it('"A/B" and the child "B" of "A" never share a key, and a fresh record replays identically', async () => {
    const s = scene({
      materials: [
        line('A/B', '300.00', 'non-originating'),
        line('A', '100.00', 'non-originating', {
          selfProduced: true,
          materials: [line('B', '50.00', 'non-originating')],
        }),
        line('A~1B', '20.00', 'non-originating'),
      ],
    });
    const loaded = loadClaimFile(s.claimFile);
    const keys = [
      ...loaded.claim.materials.map((m) => m.key),
      ...loaded.claim.materials.flatMap((m) => m.children.map((c) => c.key)),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('A~1B');
    expect(keys).toContain('A/B');
    expect(keys).toContain('A~01B');
    const record = join(s.base, 'record.json');
    expect([0, 1]).toContain((await runCli('evaluate', s.claimFile, '--record', record)).code);
    const replay = await runCli('replay', record, '--unreleased-rules');
    expect(replay.out).toMatch(/^IDENTICAL/);
  });
});

void claim;
void producer;

describe('what replay and validate print from a document someone else made', () => {
  const FORGED = 'X\u001b[2J\u001b[32mIDENTICAL: all good\u202e\u0085';
  const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  it('a forged record: its claim id reaches the terminal escaped, in text and JSON', async () => {
    const { recordFor, originatingClaim, rehash, tempDir } = await import('../audit/fixtures.js');
    const { prettyJson } = await import('../../src/canonical/json.js');
    const record = await recordFor(originatingClaim());
    (record.hashed.decision as { claim: { id: string } }).claim.id = FORGED;
    const file = join(tempDir(), 'forged.json');
    writeFileSync(file, prettyJson(rehash(record)));
    for (const json of [[], ['--json']]) {
      const r = await runCli('replay', file, ...json);
      expect(r.code).toBe(4);
      expect(r.out).not.toMatch(raw);
      expect(r.err).not.toMatch(raw);
    }
    expect((await runCli('replay', file)).out).toContain('X\\x1b[2J\\x1b[32mIDENTICAL: all good\\u202e\\x85');
  });

  it('a certificate that is not JSON, or quotes forged text, is reported escaped', async () => {
    const { tempDir } = await import('../audit/fixtures.js');
    const dir = tempDir();
    writeFileSync(join(dir, 'screen.json'), `${FORGED}\n`);
    const notJson = await runCli('validate', join(dir, 'screen.json'));
    expect(notJson.code).toBe(2);
    expect(notJson.err).not.toMatch(raw);
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ format: FORGED }));
    const other = await runCli('validate', join(dir, 'other.json'));
    expect(other.code).toBe(2);
    expect(other.err).not.toMatch(raw);
  });
});
