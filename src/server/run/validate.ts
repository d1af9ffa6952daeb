/**
 * POST /v1/validate, in a worker: what `usmca-roo validate CERTIFICATE [--record FILE]... [--trust-key KEY]
 * [--unreleased-rules] --json` prints (format usmca-roo/certificate-validation@2). The outcome is an answer
 * (200, whatever it is); a file that holds no certificate is a problem (422, CERTIFICATE_UNREADABLE).
 */
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import {
  CERTIFICATE_FORMAT,
  RECORD_FORMAT,
  loadRulePack,
  prettyJson,
  readPdfCertificate,
  PdfReadError,
  readRecord,
  readTrustedKeys,
  strictJsonProblems,
  verifyCertificate,
} from '../../index.js';
import type { TaskResult, ValidateTask } from '../task.js';

const EXIT = { valid: 0, problems: 1, altered: 4, notReplayable: 5, needsEngine: 6 } as const;

export async function runValidate(task: ValidateTask): Promise<TaskResult> {
  const unreadable = (why: string): TaskResult => ({
    kind: 'problems',
    status: 422,
    problems: [{ code: 'CERTIFICATE_UNREADABLE', path: '(document)', file: task.certificate, message: why }],
  });
  const ext = extname(task.certificate).toLowerCase();
  if (ext !== '.json' && ext !== '.pdf')
    return unreadable(
      ext === '.md' || ext === '.html' || ext === '.htm'
        ? 'a Markdown or HTML rendering holds no machine-readable certificate: validate the JSON certificate, or the PDF, which embeds it'
        : 'expected a certificate as .json or .pdf',
    );
  const bytes = readFileSync(join(task.dir, task.certificate));
  let text = bytes.toString('utf8');
  let pdfText: string | undefined;
  if (ext === '.pdf') {
    try {
      const read = await readPdfCertificate(bytes);
      text = read.json;
      pdfText = read.text;
    } catch (err) {
      if (err instanceof PdfReadError) return unreadable(err.message);
      throw err;
    }
  }
  let cert: unknown;
  try {
    cert = JSON.parse(text);
  } catch (err) {
    return unreadable(`not JSON (${(err as Error).message})`);
  }
  // Read strictly, as the command line does: a key written twice would show one value in a viewer and check another.
  const [strict] = strictJsonProblems(text, cert, (offset) => text.slice(0, offset).split('\n').length);
  if (strict)
    return unreadable(
      `line ${strict.position?.line ?? '?'}${strict.path ? `, ${strict.path}` : ''}: ${strict.code}: ${strict.message}`,
    );
  const format = (cert as { format?: unknown } | null)?.format;
  if (typeof format === 'string' && !format.startsWith('usmca-roo/certificate@'))
    // Another document altogether (a decision record, a claim): the input is wrong, not the certificate.
    return unreadable(
      `not a certificate (its format is ${JSON.stringify(format)}, expected ${CERTIFICATE_FORMAT})${format === RECORD_FORMAT ? ': send a decision record in the records field' : ''}`,
    );
  const trusted = task.trustKey ? await readTrustedKeys(join(task.dir, task.trustKey)) : undefined;
  const records = task.records.map((name) => ({ name, record: readRecord(join(task.dir, name)) }));
  const v = await verifyCertificate(cert, {
    pack: loadRulePack(),
    records,
    ...(trusted ? { trusted } : {}),
    unreleasedRules: task.unreleasedRules,
    ...(pdfText !== undefined ? { pdfText } : {}),
  });
  return {
    kind: 'body',
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: prettyJson({
      format: 'usmca-roo/certificate-validation@2',
      certificate: task.certificate,
      outcome: v.outcome,
      valid: v.outcome === 'valid',
      problems: v.problems,
      refusals: v.refusals,
      notes: v.notes,
    }),
    headers: { 'usmca-roo-outcome': v.outcome, 'usmca-roo-exit-code': String(EXIT[v.outcome]) },
  };
}
