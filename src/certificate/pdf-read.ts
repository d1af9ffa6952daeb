/**
 * Reading a PDF certificate back (pdfjs-dist, Mozilla's PDF reader): the embedded machine-readable certificate
 * (the `certificate.json` attachment) and the visible text, so `validate` can check both the certificate and
 * that the PDF shows what it embeds.
 */
import { streamRefusal } from './pdf-streams.js';
import { ATTACHMENT } from './render-pdf.js';

/** Thrown by readPdfCertificate for bytes that are not a PDF, or a PDF without an embedded certificate. */
export class PdfReadError extends Error {}

/**
 * The embedded certificate JSON, the visible text of a PDF, and what in it usmca-roo never writes (`alterations`,
 * one sentence each): annotations (a text box or a stamp shows over the page, and is no part of its text), a
 * later revision appended to the file (an incremental update: the page as first written is still inside), and
 * actions run on opening (JavaScript). Throws PdfReadError for a PDF without a certificate, and before decoding
 * anything for one whose streams would expand beyond what a certificate can hold (pdf-streams.ts).
 */
export async function readPdfCertificate(
  bytes: Uint8Array,
): Promise<{ json: string; text: string; alterations: string[] }> {
  const refusal = streamRefusal(bytes);
  if (refusal) throw new PdfReadError(`not read: ${refusal}`);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let pdf;
  try {
    pdf = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
    }).promise;
  } catch (err) {
    throw new PdfReadError(`not a readable PDF (${(err as Error).message})`);
  }
  try {
    const attachments = ((await pdf.getAttachments()) ?? {}) as Record<string, { content?: Uint8Array }>;
    const found = attachments[ATTACHMENT]?.content;
    if (!found)
      throw new PdfReadError(
        `the PDF embeds no ${ATTACHMENT}: it was not written by usmca-roo certificate, or the attachment was removed`,
      );
    let text = '';
    const alterations = structuralAlterations(bytes);
    for (let i = 1; i <= pdf.numPages; i++) {
      const page = await pdf.getPage(i);
      const content = await page.getTextContent();
      for (const item of content.items) if ('str' in item) text += `${item.str}${item.hasEOL ? '\n' : ' '}`;
      text += '\n';
      const annotations = (await page.getAnnotations()) as Array<{ subtype?: string }>;
      if (annotations.length > 0)
        alterations.push(
          `page ${i} carries ${annotations.length} annotation${annotations.length === 1 ? '' : 's'} (${[...new Set(annotations.map((a) => a.subtype ?? '?'))].join(', ')}), shown over the page and no part of its text`,
        );
    }
    return { json: Buffer.from(found).toString('utf8'), text, alterations };
  } finally {
    await pdf.destroy();
  }
}

/** What the file's own structure shows was added after it was written (usmca-roo writes one revision, no actions). */
function structuralAlterations(bytes: Uint8Array): string[] {
  // The objects and trailers only: a compressed stream's bytes could spell anything.
  const raw = Buffer.from(bytes)
    .toString('latin1')
    .replace(/\bstream\r?\n[^]*?\bendstream\b/g, 'stream endstream');
  const out: string[] = [];
  const revisions = raw.match(/%%EOF/g)?.length ?? 0;
  if (revisions > 1 || /\/Prev\s+\d/.test(raw))
    out.push(`the file holds ${Math.max(revisions, 2)} revisions: something was appended after it was written`);
  const actions = ['/JavaScript', '/JS', '/OpenAction', '/AA', '/Launch'].filter((name) =>
    new RegExp(`${name.replace('/', '\\/')}[\\s/<(\\[]`).test(raw),
  );
  if (actions.length > 0) out.push(`the file holds actions (${actions.join(', ')}) that run when it is opened`);
  return out;
}
