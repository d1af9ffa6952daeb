/**
 * The PDF certificate (pdfkit, deterministic: its dates are the signature date). It embeds the machine-readable
 * certificate (the JSON that `validate` reads) as a file attachment, `certificate.json`, so the document a
 * broker receives can be checked as it is. Text is set in DejaVu Sans (embedded, subset), which covers Latin
 * with its extensions, Greek and Cyrillic; a text with a character the font cannot draw (Chinese, Japanese,
 * Arabic...) is refused with the element and character named, never printed as garbage. Lines are broken here,
 * in time linear in the text's length (each character measured once), so no text makes rendering slow.
 */
import { createRequire } from 'node:module';
import { prettyJson } from '../canonical/json.js';
import { LABELS } from './i18n.js';
import { afterword, sections, type Section } from './lines.js';
import type { Certificate, CertificateProblem } from './model.js';

const require = createRequire(import.meta.url);
export const PDF_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
export const PDF_FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
/** The name of the embedded machine-readable certificate. */
export const ATTACHMENT = 'certificate.json';

/** The certificate has text the PDF cannot draw: nothing is written (exit 2). */
export class CertificateRenderError extends Error {
  constructor(readonly problems: CertificateProblem[]) {
    super(problems.map((p) => `${p.element}: ${p.message}`).join('; '));
  }
}

interface GlyphFont {
  hasGlyphForCodePoint(cp: number): boolean;
}

let fonts: GlyphFont[] | undefined;
function glyphFonts(): GlyphFont[] {
  if (!fonts) {
    const fontkit = require('fontkit') as { openSync(path: string): GlyphFont };
    fonts = [fontkit.openSync(PDF_FONT), fontkit.openSync(PDF_FONT_BOLD)];
  }
  return fonts;
}

/** Every character the PDF fonts cannot draw, by section. */
export function unrenderable(parts: Section[]): CertificateProblem[] {
  const [regular, bold] = glyphFonts() as [GlyphFont, GlyphFont];
  const problems: CertificateProblem[] = [];
  for (const s of parts) {
    const missing = new Set<string>();
    for (const text of [s.title, ...s.lines])
      for (const ch of text) {
        const cp = ch.codePointAt(0) as number;
        if (cp === 0x20) continue;
        if (!regular.hasGlyphForCodePoint(cp) || (text === s.title && !bold.hasGlyphForCodePoint(cp))) missing.add(ch);
      }
    if (missing.size > 0)
      problems.push({
        code: 'CERT_TEXT_INVALID',
        element: s.title,
        message: `the PDF font (DejaVu Sans: Latin, Greek, Cyrillic) cannot draw ${[...missing]
          .slice(0, 5)
          .map((ch) => `"${ch}" (U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')})`)
          .join(
            ', ',
          )}${missing.size > 5 ? ` and ${missing.size - 5} more` : ''}: give this text in a script the PDF can render, or use --format json, md or html`,
      });
  }
  return problems;
}

/**
 * Greedy line breaking in linear time: words are kept whole where they fit, a word wider than the line is cut
 * between characters. `measure` gives a character's width; each distinct character is measured once.
 */
export function breakLines(text: string, width: number, measure: (ch: string) => number): string[] {
  const cache = new Map<string, number>();
  const w = (ch: string) => {
    let v = cache.get(ch);
    if (v === undefined) cache.set(ch, (v = measure(ch)));
    return v;
  };
  const space = w(' ');
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(' ')) {
    let wordWidth = 0;
    for (const ch of word) wordWidth += w(ch);
    const gap = line === '' ? 0 : space;
    if (lineWidth + gap + wordWidth <= width) {
      line += (line === '' ? '' : ' ') + word;
      lineWidth += gap + wordWidth;
      continue;
    }
    if (line !== '') lines.push(line);
    line = '';
    lineWidth = 0;
    if (wordWidth <= width) {
      line = word;
      lineWidth = wordWidth;
      continue;
    }
    let piece: string[] = [];
    for (const ch of word) {
      const cw = w(ch);
      if (lineWidth + cw > width && piece.length > 0) {
        lines.push(piece.join(''));
        piece = [];
        lineWidth = 0;
      }
      piece.push(ch);
      lineWidth += cw;
    }
    line = piece.join('');
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

export async function renderPdf(c: Certificate): Promise<Buffer> {
  const l = LABELS[c.lang];
  const parts = [...sections(c), ...afterword(c)];
  const missing = unrenderable([{ title: l.documentTitle, lines: [] }, ...parts]);
  if (missing.length > 0) throw new CertificateRenderError(missing);

  const created = new Date(`${c.authorization.date}T00:00:00Z`);
  const { default: PDFDocument } = await import('pdfkit'); // loaded only when a PDF is rendered
  const margin = 56;
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: 50, bottom: 50, left: margin, right: margin },
    info: {
      Title: l.documentTitle,
      Author: c.certifier.name,
      Subject: `sha256 ${c.sha256}`,
      Creator: c.records.map((r) => `${r.engine.name} ${r.engine.version}`)[0] ?? '',
      Producer: 'PDFKit',
      CreationDate: created,
      ModDate: created,
    },
    lang: c.lang,
    compress: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolveDone) => doc.on('end', () => resolveDone(Buffer.concat(chunks))));
  doc.registerFont('body', PDF_FONT);
  doc.registerFont('bold', PDF_FONT_BOLD);
  const width = doc.page.width - 2 * margin;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  const write = (text: string, font: 'body' | 'bold', size: number, color: string) => {
    doc.font(font).fontSize(size).fillColor(color);
    const height = doc.currentLineHeight(true);
    for (const line of breakLines(text, width, (ch) => doc.widthOfString(ch))) {
      if (doc.y + height > bottom()) doc.addPage();
      doc.text(line, margin, doc.y, { lineBreak: false });
    }
  };
  const rule = () => {
    if (doc.y + 40 > bottom()) doc.addPage();
    doc
      .moveTo(margin, doc.y)
      .lineTo(margin + width, doc.y)
      .lineWidth(0.5)
      .strokeColor('#888')
      .stroke();
    doc.y += 3;
  };

  write(l.documentTitle, 'bold', 16, '#000');
  doc.y += 8;
  for (const s of sections(c)) {
    rule();
    write(s.title.toUpperCase(), 'bold', 8, '#333');
    for (const line of s.lines) write(line, 'body', 10, '#000');
    doc.y += 6;
  }
  for (const s of afterword(c)) {
    rule();
    write(s.title, 'bold', 7.5, '#333');
    for (const line of s.lines) write(line, 'body', 7, '#555');
    doc.y += 4;
  }
  doc.file(Buffer.from(prettyJson(c), 'utf8'), {
    name: ATTACHMENT,
    type: 'application/json',
    description:
      'The machine-readable certification of origin (usmca-roo/certificate@2), checkable with usmca-roo validate',
    creationDate: created,
    modifiedDate: created,
  });
  doc.end();
  return done;
}
