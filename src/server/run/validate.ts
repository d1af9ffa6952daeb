/**
 * POST /v1/validate, in a worker: what `usmca-roo validate CERTIFICATE [--record FILE]... [--trust-key KEY]
 * [--unreleased-rules] --json` prints (format usmca-roo/certificate-validation@2). The outcome is an answer
 * (200, whatever it is); a file that holds no certificate is a problem (422, CERTIFICATE_UNREADABLE).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  loadRulePack,
  prettyJson,
  readCertificateDocument,
  readRecord,
  readTrustedKeys,
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
  const doc = await readCertificateDocument(
    task.certificate,
    () => readFileSync(join(task.dir, task.certificate)),
    'send a decision record in the records field',
  );
  if (!doc.ok) return unreadable(doc.why);
  const { cert, pdfText, pdfAlterations } = doc;
  const trusted = task.trustKey ? await readTrustedKeys(join(task.dir, task.trustKey)) : undefined;
  const records = task.records.map((name) => ({ name, record: readRecord(join(task.dir, name)) }));
  const v = await verifyCertificate(cert, {
    pack: loadRulePack(),
    records,
    ...(trusted ? { trusted } : {}),
    unreleasedRules: task.unreleasedRules,
    ...(pdfText !== undefined ? { pdfText, pdfAlterations } : {}),
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
