/**
 * Reading a certificate document for `validate` (the command line and POST /v1/validate alike): the JSON
 * certificate, or the PDF that embeds it (its text is kept, to compare with what the PDF shows). A Markdown or HTML
 * rendering holds no machine-readable certificate and is refused. What a PDF holds that usmca-roo never writes
 * (annotations, appended revisions, actions) is kept as `pdfAlterations`, for validate to report. The JSON is read strictly: a key written twice
 * would show one value in a viewer and check another here.
 */
import { extname } from 'node:path';
import { RECORD_FORMAT } from '../audit/record.js';
import { strictJsonProblems } from '../documents/json-strict.js';
import { CERTIFICATE_FORMAT } from './model.js';

/** A certificate read (`cert`, not yet checked; `pdfText` when it came from a PDF), or why it cannot be read. */
export type CertificateDocument =
  { ok: true; cert: unknown; pdfText?: string; pdfAlterations?: string[] } | { ok: false; why: string };

/**
 * Reads the certificate document named `name` (its extension decides: .json or .pdf), its bytes from `read`
 * (called only once the extension is accepted; what it throws is not caught). `recordHint` ends the message for a
 * decision record given in place of a certificate (where the caller takes records).
 */
export async function readCertificateDocument(
  name: string,
  read: () => Buffer,
  recordHint: string,
): Promise<CertificateDocument> {
  const ext = extname(name).toLowerCase();
  if (ext !== '.json' && ext !== '.pdf')
    return {
      ok: false,
      why:
        ext === '.md' || ext === '.html' || ext === '.htm'
          ? 'a Markdown or HTML rendering holds no machine-readable certificate: validate the JSON certificate, or the PDF, which embeds it'
          : 'expected a certificate as .json or .pdf',
    };
  const bytes = read();
  let text = bytes.toString('utf8');
  let pdfText: string | undefined;
  let pdfAlterations: string[] = [];
  if (ext === '.pdf') {
    const { readPdfCertificate, PdfReadError } = await import('./pdf-read.js');
    try {
      const pdf = await readPdfCertificate(bytes);
      text = pdf.json;
      pdfText = pdf.text;
      pdfAlterations = pdf.alterations;
    } catch (err) {
      if (err instanceof PdfReadError) return { ok: false, why: err.message };
      throw err;
    }
  }
  let cert: unknown;
  try {
    cert = JSON.parse(text);
  } catch (err) {
    return { ok: false, why: `not JSON (${(err as Error).message})` };
  }
  const [strict] = strictJsonProblems(text, cert, (offset) => text.slice(0, offset).split('\n').length);
  if (strict)
    return {
      ok: false,
      why: `line ${strict.position?.line ?? '?'}${strict.path ? `, ${strict.path}` : ''}: ${strict.code}: ${strict.message}`,
    };
  const format = (cert as { format?: unknown } | null)?.format;
  if (typeof format === 'string' && !format.startsWith('usmca-roo/certificate@'))
    // Another document altogether (a decision record, a claim): the input is wrong, not the certificate.
    return {
      ok: false,
      why: `not a certificate (its format is ${JSON.stringify(format)}, expected ${CERTIFICATE_FORMAT})${format === RECORD_FORMAT ? `: ${recordHint}` : ''}`,
    };
  return pdfText === undefined ? { ok: true, cert } : { ok: true, cert, pdfText, pdfAlterations };
}
