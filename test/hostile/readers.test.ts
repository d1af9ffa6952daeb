/** Each reader, for each way its file can be malformed: the problem code, the field or row, and the line. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClaimFile } from '../../src/input/load-claim.js';
import { constants as bufferConstants } from 'node:buffer';
import { DEFAULT_LIMITS, FileRefusal } from '../../src/documents/files.js';
import { decodeText } from '../../src/documents/text.js';
import { strictJsonProblems } from '../../src/documents/json-strict.js';
import { parseJson } from '../../src/documents/json.js';
import { dumpXlsx, MAX_PART_BYTES } from '../../src/input/tabular/xlsx-dump.js';
import { claim, problemsOf, producer } from '../helpers.js';
import { scene } from './fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..');

function jsonClaim(materialsText: string): string {
  const base = JSON.stringify(claim({ producer: producer(), materials: [] }), null, 2);
  return base.replace('"materials": []', `"materials": ${materialsText}`);
}

describe('JSON', () => {
  it('refuses a key written twice, naming the key, its path and line', () => {
    const s = scene();
    const file = s.write(
      'dup.json',
      jsonClaim('[\n{ "id": "A", "quantity": "1",\n "unitValue": "5", "unitValue": "500", "origin": "originating" }]'),
    );
    const problems = problemsOf(() => loadClaimFile(file));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'DUPLICATE_KEY', path: 'materials[0].unitValue' });
    expect(problems[0]?.message).toContain('"unitValue"');
    expect(problems[0]?.line).toBe(file ? jsonClaim('').split('"materials": ')[0]!.split('\n').length + 2 : 0);
  });

  it.each(['0.99999999999999999', '4503599627370496.5', '585.0', '6e2', '100.10', '9007199254740993', '-0'])(
    'refuses the bare number %s, quoting it as written',
    (written) => {
      const s = scene();
      const file = s.write(
        'n.json',
        jsonClaim(`[{ "id": "A", "quantity": "1", "unitValue": ${written}, "origin": "originating" }]`),
      );
      const problems = problemsOf(() => loadClaimFile(file));
      expect(problems).toMatchObject([{ code: 'BARE_JSON_NUMBER', path: 'materials[0].unitValue' }]);
      expect(problems[0]?.message).toContain(`"${written}"`);
    },
  );

  it('keeps a whole bare number that a double holds exactly', () => {
    const s = scene();
    const file = s.write(
      'w.json',
      jsonClaim('[{ "id": "A", "quantity": 2, "unitValue": "5.00", "origin": "originating" }]'),
    );
    expect(loadClaimFile(file).claim.materials[0]?.id).toBe('A');
  });
});

describe('JSON: strings skipped by the strict reading', () => {
  const problems = (text: string) => strictJsonProblems(text, JSON.parse(text), () => 1).map((p) => p.code);

  it('an escaped quote, a colon or a number inside a string is not read as structure', () => {
    expect(problems(String.raw`{"a":"x\":1,\"a\":2.5","b":"\\","c":["\\\"d\":1.5"]}`)).toEqual([]);
  });

  it('a key written twice right after a string holding an escaped quote is found', () => {
    expect(problems(String.raw`{"a":"\"","a":1}`)).toEqual(['DUPLICATE_KEY']);
  });

  it('a key written twice, or a bare number, right after a string ending in an escaped backslash is found', () => {
    expect(problems(String.raw`{"a":"\\","a":1}`)).toEqual(['DUPLICATE_KEY']);
    expect(problems(String.raw`{"a":"\\","b":1.5}`)).toEqual(['BARE_JSON_NUMBER']);
  });
});

describe('JSON: a text seen to be plain', () => {
  it('is plain without escapes and refused characters; white space between values does not count', () => {
    expect(
      parseJson('c.json', '{\n\t"id": "A-1", "description": "Bremsscheibe, \u00e9t\u00e9 \u20ac"\r\n}').plainText,
    ).toBe(true);
  });

  it.each([
    ['an escape', '{"d":"a\\u0041"}'],
    ['an escaped quote', '{"d":"a\\"b"}'],
    ['a C1 control as it is', '{"d":"a\u0085"}'],
    ['a bidi override as it is', '{"d":"a\u202e"}'],
    ['a zero-width space as it is', '{"d":"a\u200b"}'],
    ['a byte-order mark inside', '{"d":"a\ufeff"}'],
    ['a replacement character', '{"d":"a\ufffd"}'],
    ['a surrogate pair', '{"d":"a\ud83d\ude97"}'],
    ['a refused character in a key', '{"a\u2066":"b"}'],
  ])('is not plain with %s', (_what, text) => {
    expect(parseJson('c.json', text).plainText).toBe(false);
  });
});

describe('encodings', () => {
  const text = `format: usmca-roo/producer@1\nname: Fábrica León\ncurrency: USD\nplants: [{ id: ASM, country: MX }]\n`;

  it('reads UTF-16 with its byte-order mark (LE and BE), and UTF-8 with one', () => {
    for (const bytes of [
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
    ]) {
      const s = scene();
      writeFileSync(join(s.dir, 'producer.yaml'), bytes);
      expect(loadClaimFile(s.claimFile).canonicalInput.claim.producer.name).toBe('Fábrica León');
    }
  });

  it('refuses Latin-1 (naming the byte, its offset and line) and UTF-16 without its mark; never U+FFFD', () => {
    const s = scene();
    writeFileSync(join(s.dir, 'producer.yaml'), Buffer.from(text, 'latin1'));
    const [p] = problemsOf(() => loadClaimFile(s.claimFile));
    expect(p).toMatchObject({ code: 'TEXT_ENCODING', line: 2 });
    expect(p?.message).toMatch(/byte 0xE1 at line 2 \(byte offset \d+\).*save it as UTF-8/);
    writeFileSync(join(s.dir, 'producer.yaml'), Buffer.from(text, 'utf16le'));
    const [q] = problemsOf(() => loadClaimFile(s.claimFile));
    expect(q).toMatchObject({ code: 'TEXT_ENCODING' });
    expect(q?.message).toMatch(/UTF-16 text without a byte-order mark/);
    expect(JSON.stringify([p, q])).not.toContain('\ufffd');
  });
});

describe('text too large for one string', () => {
  it('is refused as FILE_TOO_LARGE, not a crash, whatever --max-file-size allows (560 MB ended in exit 3)', () => {
    // A stand-in for a file of more bytes than one JavaScript string holds (allocating one would be slow).
    class Huge extends Uint8Array {
      override get length(): number {
        return bufferConstants.MAX_STRING_LENGTH + 1;
      }
    }
    let refusal: unknown;
    try {
      decodeText('big.yaml', new Huge(8));
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(FileRefusal);
    expect((refusal as FileRefusal).code).toBe('FILE_TOO_LARGE');
    expect((refusal as FileRefusal).message).toMatch(/^big\.yaml: is larger than 51\d(\.\d)? MiB/);
  });
});

describe('XLSX', () => {
  const fixture = join(ROOT, 'test', 'invalid', 'fixtures');
  it('a workbook without its shared strings is refused, not read as index numbers', () => {
    const problems = problemsOf(() => loadClaimFile(join(fixture, 'XLSX_INVALID.yaml')));
    expect(problems).toMatchObject([{ code: 'XLSX_INVALID' }]);
    expect(problems[0]?.message).toMatch(/shared-strings part/);
  });

  it('a workbook that is not a zip archive, and one with more cells than allowed', () => {
    const s = scene({ materials: { file: 'bom.xlsx', mapping: 'm.yaml' } });
    writeFileSync(
      join(s.dir, 'm.yaml'),
      `format: usmca-roo/mapping@1\nkind: materials\ncolumns: { id: Id, parentId: Parent, quantity: Qty, unitValue: Value, origin: Origin }\n`,
    );
    writeFileSync(join(s.dir, 'bom.xlsx'), 'Id,Parent\nA,\n');
    expect(problemsOf(() => loadClaimFile(s.claimFile))).toMatchObject([{ code: 'XLSX_INVALID' }]);
  });

  it('a sheet too large for one string is refused before it is decoded (a million rows crashed the reader)', async () => {
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    const ws = wb.addWorksheet('BOM');
    for (let r = 0; r < 200; r++) ws.addRow(Array.from({ length: 16 }, (_, c) => r * 16 + c));
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    // Each part is bounded by what one JavaScript string holds; lowered here so the test stays small.
    expect(MAX_PART_BYTES).toBeGreaterThan(256 * 1024 * 1024);
    const dump = await dumpXlsx(bytes, undefined, DEFAULT_LIMITS, 20_000);
    expect(dump.problem).toEqual({
      code: 'FILE_TOO_LARGE',
      message: expect.stringMatching(/^the part xl\/worksheets\/sheet1\.xml unpacks to more than 0 MiB/),
    });
    expect((await dumpXlsx(bytes, undefined, DEFAULT_LIMITS)).cells).toHaveLength(200 * 16);
  });
});
