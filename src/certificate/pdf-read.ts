/**
 * Reading a PDF certificate back (pdfjs-dist, Mozilla's PDF reader): the embedded machine-readable certificate
 * (the `certificate.json` attachment) and the visible text, so `validate` can check both the certificate and
 * that the PDF shows what it embeds.
 */
import { ATTACHMENT } from './render-pdf.js';

/** Thrown by readPdfCertificate for bytes that are not a PDF, or a PDF without an embedded certificate. */
export class PdfReadError extends Error {}

/** The embedded certificate JSON and the visible text of a PDF; throws PdfReadError for a PDF without them. */
export async function readPdfCertificate(bytes: Uint8Array): Promise<{ json: string; text: string }> {
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
    for (let i = 1; i <= pdf.numPages; i++) {
      const content = await (await pdf.getPage(i)).getTextContent();
      for (const item of content.items) if ('str' in item) text += `${item.str}${item.hasEOL ? '\n' : ' '}`;
      text += '\n';
    }
    return { json: Buffer.from(found).toString('utf8'), text };
  } finally {
    await pdf.destroy();
  }
}
