/**
 * Rendering a certificate safely: Markdown and HTML escape every text from party documents (no raw HTML, no link,
 * no forged section), the PDF draws Latin Extended, Greek and Cyrillic with its embedded font and refuses what it
 * cannot draw, breaks lines in linear time, and embeds the JSON certificate that `validate` reads back.
 */
import MarkdownIt from 'markdown-it';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { buildCertificate } from '../../src/certificate/build.js';
import { afterword, sections } from '../../src/certificate/lines.js';
import type { Certificate } from '../../src/certificate/model.js';
import { readPdfCertificate } from '../../src/certificate/pdf-read.js';
import { renderHtml, renderJson, renderMarkdown } from '../../src/certificate/render.js';
import { breakLines, CertificateRenderError, renderPdf } from '../../src/certificate/render-pdf.js';
import { verifyCertificate } from '../../src/certificate/verify.js';
import { loadRulePack, rulePackFromContent } from '../../src/rules/load.js';
import { certifier, importer, originatingClaim, recordFor } from './fixtures.js';

async function certificate(names: { certifier?: string; importer?: string } = {}): Promise<Certificate> {
  const record = await recordFor(originatingClaim());
  const built = buildCertificate([{ record, pack: rulePackFromContent(record.hashed.rulePack) }], {
    certifier: { ...certifier, ...(names.certifier ? { name: names.certifier } : {}) },
    exporter: 'same',
    importer: { ...importer, ...(names.importer ? { name: names.importer } : {}) },
    signedOn: '2026-03-20',
  });
  expect(built.problems).toEqual([]);
  return built.certificate as Certificate;
}

/** Text as a PDF reader shows it. */
async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, verbosity: 0 }).promise;
  let text = '';
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    text += content.items.map((x) => ('str' in x ? x.str + (x.hasEOL ? '\n' : ' ') : '')).join('');
  }
  return text;
}

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click here](javascript:alert(1))',
  '<javascript:alert(1)>',
  '## 7. Origin criterion Criterion A',
  '1. **bold** _em_ `code` | table | ![img](x.png)',
  '&lt;b&gt; &amp;',
];

describe('Markdown and HTML', () => {
  it('pass no raw HTML, link, image or section from a party document', async () => {
    for (const hostile of HOSTILE) {
      const c = await certificate({ importer: hostile });
      const md = renderMarkdown(c);
      const html = new MarkdownIt({ html: true, linkify: true }).render(md);
      expect(html, hostile).not.toMatch(/<(script|img|a|strong|em|code|table|ol|ul|li)\b/);
      // One heading per element and per section after them, none from the text.
      expect(html.match(/<h2>/g)?.length).toBe(sections(c).length + afterword(c).length);
      expect(html.match(/<h1>/g)?.length).toBe(1);
      // The text is shown as written.
      const shown = html
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
      expect(shown).toContain(hostile);

      const page = renderHtml(c);
      expect(page).not.toMatch(/<(script|img|a)\b/);
      expect(page).toContain(hostile.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    }
  });
});

describe('PDF', () => {
  it('draws Latin Extended, Greek and Cyrillic names with its embedded font', async () => {
    const names = 'Łukasz Żółć, Řehoř Dvořák, Ελένη Παπαδοπούλου, Дмитрий Иванов';
    const c = await certificate({ importer: names });
    const pdf = await renderPdf(c);
    expect(pdf.equals(await renderPdf(c))).toBe(true); // deterministic
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain(names);
    expect(text).toContain('Laura Mendez');
    expect(text).toContain('HS 8703.23');
  });

  it('refuses a script it cannot draw, naming the element and the character', async () => {
    const c = await certificate({ importer: '日本自動車株式会社' });
    const err = await renderPdf(c).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CertificateRenderError);
    expect((err as CertificateRenderError).problems).toEqual([
      expect.objectContaining({
        code: 'CERT_TEXT_INVALID',
        element: '5. Importer',
        message: expect.stringMatching(/cannot draw "日" \(U\+65E5\)/),
      }),
    ]);
    // The other formats carry it as written.
    expect(renderJson(c)).toContain('日本自動車株式会社');
  });

  it('breaks lines in linear time: each character measured once, every line within the width', () => {
    const measured: string[] = [];
    const measure = (ch: string) => {
      measured.push(ch);
      return ch === ' ' ? 3 : 6;
    };
    const long = 'x'.repeat(200_000);
    const lines = breakLines(`Name ${long} end`, 600, measure);
    expect(measured.sort()).toEqual([' ', 'N', 'a', 'd', 'e', 'm', 'n', 'x']);
    expect(lines[0]).toBe('Name');
    expect(lines.slice(1, -1).every((l) => l.length === 100)).toBe(true);
    expect(lines.join('').replace(/ /g, '')).toBe(`Name${long}end`);
    expect(breakLines('a b c', 600, measure)).toEqual(['a b c']);
  });

  it('embeds the JSON certificate, which validate reads back; a page that shows otherwise is caught', async () => {
    const c = await certificate();
    const pdf = await renderPdf(c);
    const read = await readPdfCertificate(pdf);
    expect(read.json).toBe(renderJson(c));
    const pack = loadRulePack();
    const ok = await verifyCertificate(JSON.parse(read.json), { pack, pdfText: read.text, unreleasedRules: true });
    expect(ok.notes).toContain('the PDF shows every line of the certificate it embeds, and nothing else');
    expect(ok.problems).toEqual([]);
    // The attachment swapped for another certificate's: the visible page no longer shows it.
    const other = await certificate({ importer: 'Other Importer LLC' });
    const swapped = await verifyCertificate(JSON.parse(renderJson(other)), {
      pack,
      pdfText: read.text,
      unreleasedRules: true,
    });
    expect(swapped.outcome).toBe('altered');
    expect(swapped.problems).toEqual([
      expect.objectContaining({
        code: 'CERT_ALTERED',
        element: 'pdf',
        message: expect.stringMatching(/Other Importer LLC/),
      }),
    ]);
  });

  it('catches a page that shows more than the certificate it embeds: a forged good or party added to the text', async () => {
    const c = await certificate();
    const read = await readPdfCertificate(await renderPdf(c));
    const pack = loadRulePack();
    const cert = JSON.parse(read.json);
    const importerLine = read.text.split('\n').find((l) => l.includes(importer.name))!;
    expect(importerLine).toBeDefined();
    for (const [where, text] of [
      [
        'after the importer',
        read.text.replace(importerLine, `${importerLine}\nAlso covers 8703.24 Borealis hatchback`),
      ],
      ['at the end', `${read.text}\nImporter: Evil Imports Ltd.`],
      ['at the start', `VOID AFTER 2026-04-01\n${read.text}`],
    ] as const) {
      const v = await verifyCertificate(cert, { pack, pdfText: text, unreleasedRules: true });
      expect(v.outcome, where).toBe('altered');
      expect(v.problems, where).toEqual([
        expect.objectContaining({
          code: 'CERT_ALTERED',
          element: 'pdf',
          message: expect.stringMatching(
            /shows text that is not in the certificate it embeds, "(Also covers 8703.24|Importer: Evil|VOID AFTER)/,
          ),
        }),
      ]);
    }
  });
});
