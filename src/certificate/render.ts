/** Renders a certificate as JSON, Markdown, HTML (self-contained, printable) or PDF (pdfkit, deterministic). */
import { prettyJson } from '../canonical/json.js';
import type { Certificate } from './model.js';
import { figureLines, recordLine, sections } from './lines.js';

export type CertificateFormat = 'json' | 'md' | 'html' | 'pdf';

const TITLE = 'USMCA / CUSMA / T-MEC Certification of Origin';

export function renderJson(c: Certificate): string {
  return prettyJson(c);
}

export function renderMarkdown(c: Certificate): string {
  const out = [`# ${TITLE}`, '', `Minimum data elements: ${c.citations.dataElements}.`, ''];
  for (const s of sections(c)) {
    out.push(`## ${s.title}`, '');
    for (const l of s.lines) out.push(`${l}  `);
    out.push('');
  }
  const figures = figureLines(c);
  if (figures.length > 0) {
    out.push('## Vehicle requirements certified by the producer', '');
    for (const f of figures) out.push(`- ${f}`);
    out.push('');
  }
  out.push('---', '', recordLine(c), '');
  return out.join('\n');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function renderHtml(c: Certificate): string {
  const rows = sections(c)
    .map(
      (s) =>
        `      <section class="element"><h2>${esc(s.title)}</h2>\n${s.lines.map((l) => `        <p${l.startsWith('Signature:') ? ' class="signature"' : ''}>${esc(l)}</p>`).join('\n')}\n      </section>`,
    )
    .join('\n');
  const figures = figureLines(c);
  const figureHtml = figures.length
    ? `\n    <section class="figures"><h2>Vehicle requirements certified by the producer</h2>\n      <ul>\n${figures.map((f) => `        <li>${esc(f)}</li>`).join('\n')}\n      </ul>\n    </section>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${esc(TITLE)}: ${esc(c.record.claimId)}</title>
  <style>
    @page { size: letter; margin: 18mm; }
    body { font-family: "Helvetica Neue", Arial, sans-serif; font-size: 11pt; color: #111; max-width: 760px; margin: 24px auto; }
    h1 { font-size: 17pt; margin: 0 0 4px; }
    .lead { color: #444; font-size: 9.5pt; margin: 0 0 14px; }
    .grid { display: grid; grid-template-columns: 1fr 1fr; border-top: 2px solid #111; border-left: 1px solid #999; }
    .element { border-right: 1px solid #999; border-bottom: 1px solid #999; padding: 6px 9px 8px; break-inside: avoid; }
    .element:nth-child(5), .element:nth-child(6), .element:nth-child(9) { grid-column: 1 / span 2; }
    h2 { font-size: 9pt; text-transform: uppercase; letter-spacing: .03em; color: #333; margin: 0 0 4px; }
    p { margin: 1px 0; }
    .signature { margin-top: 22px; }
    .figures { margin-top: 14px; font-size: 10pt; }
    .figures ul { margin: 4px 0; padding-left: 18px; }
    footer { margin-top: 14px; font-size: 8pt; color: #555; word-break: break-all; }
  </style>
</head>
<body>
  <main>
    <h1>${esc(TITLE)}</h1>
    <p class="lead">Minimum data elements: ${esc(c.citations.dataElements)}.</p>
    <div class="grid">
${rows}
    </div>${figureHtml}
    <footer>${esc(recordLine(c))}</footer>
  </main>
</body>
</html>
`;
}

export async function renderPdf(c: Certificate): Promise<Buffer> {
  const created = new Date(`${c.authorization.date}T00:00:00Z`);
  const { default: PDFDocument } = await import('pdfkit'); // loaded only when a PDF is rendered
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: 50, bottom: 50, left: 56, right: 56 },
    info: {
      Title: `${TITLE}: ${c.record.claimId}`,
      Author: c.certifier.name,
      Subject: `Decision record ${c.record.sha256}`,
      Creator: `${c.record.engine.name} ${c.record.engine.version}`,
      Producer: 'PDFKit',
      CreationDate: created,
      ModDate: created,
    },
    compress: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolveDone) => doc.on('end', () => resolveDone(Buffer.concat(chunks))));
  const width = doc.page.width - 112;
  doc.font('Helvetica-Bold').fontSize(16).text(TITLE);
  doc
    .font('Helvetica')
    .fontSize(8.5)
    .fillColor('#444')
    .text(`Minimum data elements: ${c.citations.dataElements}.`, { width });
  doc.moveDown(0.6).fillColor('#000');
  for (const s of sections(c)) {
    const top = doc.y;
    if (top > doc.page.height - 140) doc.addPage();
    doc
      .moveTo(56, doc.y)
      .lineTo(56 + width, doc.y)
      .lineWidth(0.5)
      .strokeColor('#888')
      .stroke();
    doc.moveDown(0.25);
    doc.font('Helvetica-Bold').fontSize(8).fillColor('#333').text(s.title.toUpperCase(), { width });
    doc.font('Helvetica').fontSize(10).fillColor('#000');
    for (const l of s.lines) {
      if (l.startsWith('Signature:')) doc.moveDown(0.8);
      doc.text(l, { width });
    }
    doc.moveDown(0.4);
  }
  const figures = figureLines(c);
  if (figures.length > 0) {
    doc
      .moveTo(56, doc.y)
      .lineTo(56 + width, doc.y)
      .lineWidth(0.5)
      .strokeColor('#888')
      .stroke();
    doc.moveDown(0.25);
    doc
      .font('Helvetica-Bold')
      .fontSize(8)
      .fillColor('#333')
      .text('VEHICLE REQUIREMENTS CERTIFIED BY THE PRODUCER', { width });
    doc.font('Helvetica').fontSize(9.5).fillColor('#000');
    for (const f of figures) doc.text(`- ${f}`, { width });
  }
  doc.moveDown(1);
  doc.font('Helvetica').fontSize(7).fillColor('#555').text(recordLine(c), { width });
  doc.end();
  return done;
}

export async function renderCertificate(c: Certificate, format: CertificateFormat): Promise<string | Buffer> {
  switch (format) {
    case 'json':
      return renderJson(c);
    case 'md':
      return renderMarkdown(c);
    case 'html':
      return renderHtml(c);
    case 'pdf':
      return renderPdf(c);
  }
}
