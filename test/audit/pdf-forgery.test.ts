/**
 * A certificate PDF changed with a PDF editor, the way a forger would: the embedded certificate and the page's
 * text left as they were, and something added that a reader sees but that is no part of the page's text. An
 * annotation (a text box over the RVC or the HS code), a revision appended to the file (a white box over the page,
 * a second page), an action run on opening: validate reports each as CERT_ALTERED (exit 4), and still reads the
 * PDF exactly as written as valid.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildCertificate } from '../../src/certificate/build.js';
import type { Certificate } from '../../src/certificate/model.js';
import { readCertificateDocument } from '../../src/certificate/read-document.js';
import { renderPdf } from '../../src/certificate/render-pdf.js';
import { verifyCertificate } from '../../src/certificate/verify.js';
import { rulePackFromContent } from '../../src/rules/load.js';
import { certifier, importer, originatingClaim, recordFor } from './fixtures.js';

/** Objects (number, dictionary or stream) rewritten or added as an incremental update, as PDF editors save. */
function appendRevision(pdf: Buffer, objects: Array<[number, string]>): Buffer {
  const s = pdf.toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(s)![1]);
  const trailer = s.slice(s.lastIndexOf('trailer'));
  const size = Number(/\/Size (\d+)/.exec(trailer)![1]);
  const root = /\/Root (\d+ 0 R)/.exec(trailer)![1]!;
  let out = s.endsWith('\n') ? s : `${s}\n`;
  const at = new Map<number, number>();
  for (const [n, body] of objects) {
    at.set(n, Buffer.byteLength(out, 'latin1'));
    out += `${n} 0 obj\n${body}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += 'xref\n';
  for (const [n, offset] of [...at].sort((a, b) => a[0] - b[0]))
    out += `${n} 1\n${String(offset).padStart(10, '0')} 00000 n \n`;
  const next = Math.max(size, ...[...at.keys()].map((n) => n + 1));
  out += `trailer\n<< /Size ${next} /Root ${root} /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** The whole file written again with those objects replaced or added: one revision, one cross-reference table. */
function rewrite(pdf: Buffer, objects: Array<[number, string]>): Buffer {
  const s = pdf.toString('latin1');
  const body = new Map<number, string>();
  for (const m of s.matchAll(/(?:^|\n)(\d+) 0 obj\n([^]*?)\nendobj(?=\n)/g)) body.set(Number(m[1]), m[2]!);
  for (const [n, text] of objects) body.set(n, text);
  const trailer = s.slice(s.lastIndexOf('trailer'));
  const root = /\/Root (\d+ 0 R)/.exec(trailer)![1];
  let out = s.slice(0, /\n\d+ 0 obj\n/.exec(s)!.index + 1);
  const at = new Map<number, number>();
  for (const [n, text] of [...body].sort((a, b) => a[0] - b[0])) {
    at.set(n, Buffer.byteLength(out, 'latin1'));
    out += `${n} 0 obj\n${text}\nendobj\n`;
  }
  const size = Math.max(...at.keys()) + 1;
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++)
    out += at.has(n) ? `${String(at.get(n)).padStart(10, '0')} 00000 n \n` : '0000000000 65535 f \n';
  out += `trailer\n<< /Size ${size} /Root ${root} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const stream = (content: string, dict = '') => {
  const z = deflateSync(Buffer.from(content, 'latin1'));
  return `<< ${dict}/Length ${z.length} /Filter /FlateDecode >>\nstream\n${z.toString('latin1')}\nendstream`;
};

/** The one page object of the PDF pdfkit writes, and its dictionary. */
function firstPage(pdf: Buffer): { n: number; dict: string } {
  const m = /\n(\d+) 0 obj\n<<\n\/Type \/Page\n([^]*?)>>\nendobj/.exec(pdf.toString('latin1'))!;
  return { n: Number(m[1]), dict: `<< /Type /Page ${m[2]!.replace(/\s+/g, ' ')}` };
}

async function issued(): Promise<{ pdf: Buffer; verify: (bytes: Buffer) => ReturnType<typeof verifyCertificate> }> {
  const record = await recordFor(originatingClaim());
  const pack = rulePackFromContent(record.hashed.rulePack);
  const built = buildCertificate([{ record, pack }], {
    certifier,
    exporter: 'same',
    importer,
    signedOn: '2026-03-20',
    discloseFigures: true,
  });
  expect(built.problems).toEqual([]);
  const pdf = await renderPdf(built.certificate as Certificate);
  const verify = async (bytes: Buffer) => {
    const doc = await readCertificateDocument('certificate.pdf', () => bytes, '');
    if (!doc.ok) throw new Error(doc.why);
    return verifyCertificate(doc.cert, {
      pack,
      records: [{ name: 'record.json', record }],
      unreleasedRules: true,
      ...(doc.pdfText !== undefined ? { pdfText: doc.pdfText, pdfAlterations: doc.pdfAlterations } : {}),
    });
  };
  return { pdf, verify };
}

describe('a certificate PDF edited with a PDF editor', () => {
  it('as written: valid, nothing reported', async () => {
    const { pdf, verify } = await issued();
    const v = await verify(pdf);
    expect(v.problems).toEqual([]);
    expect(v.outcome).toBe('valid');
  });

  it('each edit a reader would see, the page text untouched: CERT_ALTERED at pdf, naming what was found', async () => {
    const { pdf, verify } = await issued();
    const page = firstPage(pdf);
    const annotation = `<< /Type /Annot /Subtype /FreeText /Rect [300 700 560 724] /Contents (RVC 99.99 - HS 8703.24) /DA (/Helv 14 Tf 0 g) >>`;
    const forgeries: Array<[string, Buffer, RegExp[]]> = [
      [
        'a text box over the page',
        appendRevision(pdf, [
          [900, annotation],
          [page.n, page.dict.replace('/Type /Page', '/Type /Page /Annots [900 0 R]') + ' >>'],
        ]),
        [/2 revisions/, /page 1 carries 1 annotation \(FreeText\)/],
      ],
      [
        'a white box drawn over the page',
        appendRevision(pdf, [
          [900, stream('q 1 1 1 rg 0 0 612 792 re f Q')],
          [page.n, page.dict.replace(/\/Contents (\d+ 0 R)/, '/Contents [$1 900 0 R]') + ' >>'],
        ]),
        [/2 revisions/],
      ],
      [
        'a JavaScript action on opening',
        appendRevision(pdf, [[900, '<< /S /JavaScript /JS (app.alert\\(1\\)) >>']]),
        [/2 revisions/],
      ],
    ];
    for (const [what, forged, found] of forgeries) {
      const v = await verify(forged);
      expect(v.outcome, what).toBe('altered');
      expect(
        v.problems.every((p) => p.code === 'CERT_ALTERED' && p.element === 'pdf'),
        what,
      ).toBe(true);
      for (const message of found)
        expect(
          v.problems.some((p) => message.test(p.message)),
          `${what}: ${message}`,
        ).toBe(true);
    }
  });

  it('an annotation in a file saved again whole, as one revision: still CERT_ALTERED', async () => {
    const { pdf, verify } = await issued();
    const page = firstPage(pdf);
    const annotation = '<< /Type /Annot /Subtype /Stamp /Rect [300 700 560 724] /Name /Approved >>';
    const rewritten = rewrite(pdf, [
      [900, annotation],
      [page.n, page.dict.replace('/Type /Page', '/Type /Page /Annots [900 0 R]') + ' >>'],
    ]);
    expect(rewritten.toString('latin1').match(/%%EOF/g)).toHaveLength(1);
    const v = await verify(rewritten);
    expect(v.outcome).toBe('altered');
    expect(v.problems.map((p) => [p.code, p.element, p.message])).toEqual([
      ['CERT_ALTERED', 'pdf', expect.stringMatching(/page 1 carries 1 annotation \(Stamp\)/)],
    ]);
  });

  it('a stream that would expand to gigabytes (a decompression bomb) is refused before it is decoded', async () => {
    const { pdf, verify } = await issued();
    // 80 MiB of spaces, deflated to some 80 kB, as the embedded certificate: it used to take the reader's memory
    // (5.8 GB for 1.5 GB) and end in an internal error.
    const bomb = deflateSync(Buffer.alloc(80 * 1024 * 1024, 0x20), { level: 9 });
    const forged = rewrite(pdf, [
      [
        900,
        `<< /Type /EmbeddedFile /Length ${bomb.length} /Filter /FlateDecode >>\nstream\n${bomb.toString('latin1')}\nendstream`,
      ],
    ]);
    const doc = await readCertificateDocument('certificate.pdf', () => forged, '');
    expect(doc).toEqual({ ok: false, why: expect.stringMatching(/streams expand to more than 64 MiB/) });
    // A stream in an encoding usmca-roo never writes is not decoded either.
    const lzw = rewrite(pdf, [[900, '<< /Length 3 /Filter /LZWDecode >>\nstream\nabc\nendstream']]);
    expect(await readCertificateDocument('certificate.pdf', () => lzw, '')).toEqual({
      ok: false,
      why: expect.stringMatching(/encoded with \/LZWDecode/),
    });
    expect((await verify(pdf)).outcome).toBe('valid');
  });
});
