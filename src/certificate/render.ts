/**
 * Renders a certificate as JSON (the machine-readable certificate `validate` reads), Markdown or HTML (for people;
 * every text from party documents and records is escaped for the format, so a name cannot add markup, a link or
 * a section), or PDF (render-pdf.ts: the JSON certificate embedded as an attachment).
 */
import { prettyJson } from '../canonical/json.js';
import { LABELS } from './i18n.js';
import { afterword, sections } from './lines.js';
import type { Certificate } from './model.js';

/** How a certificate is rendered: `json` (what `validate` reads), `md`, `html`, or `pdf` (the JSON embedded). */
export type CertificateFormat = 'json' | 'md' | 'html' | 'pdf';

export function renderJson(c: Certificate): string {
  return prettyJson(c);
}

/**
 * Text as literal Markdown (CommonMark, GFM): every ASCII punctuation character backslash-escaped (no emphasis,
 * link, image, raw HTML, heading, list or table can start), whitespace runs folded to one space.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[!-/:-@[-`{-~]/g, (ch) => `\\${ch}`);
}

export function renderMarkdown(c: Certificate): string {
  const l = LABELS[c.lang];
  const out = [`# ${escapeMarkdown(l.documentTitle)}`, ''];
  for (const s of [...sections(c), ...afterword(c)]) {
    out.push(`## ${escapeMarkdown(s.title)}`, '');
    s.lines.forEach((line, i) => out.push(`${escapeMarkdown(line)}${i < s.lines.length - 1 ? '\\' : ''}`));
    out.push('');
  }
  return out.join('\n');
}

/** Text as HTML character data or a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function renderHtml(c: Certificate): string {
  const l = LABELS[c.lang];
  const block = (s: { title: string; lines: string[] }, cls: string) =>
    `      <section class="${cls}"><h2>${escapeHtml(s.title)}</h2>\n${s.lines.map((x) => `        <p>${escapeHtml(x)}</p>`).join('\n')}\n      </section>`;
  const rows = sections(c)
    .map((s) => block(s, 'element'))
    .join('\n');
  const after = afterword(c)
    .map((s) => block(s, 'after'))
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${c.lang}">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
  <title>${escapeHtml(l.documentTitle)}</title>
  <style>
    @page { size: letter; margin: 18mm; }
    body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 11pt; color: #111; max-width: 760px; margin: 24px auto; }
    h1 { font-size: 17pt; margin: 0 0 10px; }
    .grid { display: grid; grid-template-columns: 1fr 1fr; border-top: 2px solid #111; border-left: 1px solid #999; }
    .element { border-right: 1px solid #999; border-bottom: 1px solid #999; padding: 6px 9px 8px; break-inside: avoid; overflow-wrap: anywhere; }
    .element:nth-child(1), .element:nth-child(6), .element:nth-child(7), .element:nth-child(9) { grid-column: 1 / span 2; }
    h2 { font-size: 9pt; text-transform: uppercase; letter-spacing: .03em; color: #333; margin: 0 0 4px; }
    p { margin: 1px 0; }
    .after { margin-top: 14px; font-size: 8.5pt; color: #444; overflow-wrap: anywhere; }
  </style>
</head>
<body>
  <main>
    <h1>${escapeHtml(l.documentTitle)}</h1>
    <div class="grid">
${rows}
    </div>
${after}
  </main>
</body>
</html>
`;
}

/** The certificate in a format: text for JSON, Markdown and HTML, bytes for PDF (which may throw CertificateRenderError). */
export async function renderCertificate(c: Certificate, format: CertificateFormat): Promise<string | Buffer> {
  switch (format) {
    case 'json':
      return renderJson(c);
    case 'md':
      return renderMarkdown(c);
    case 'html':
      return renderHtml(c);
    case 'pdf': {
      const { renderPdf } = await import('./render-pdf.js');
      return renderPdf(c);
    }
  }
}
