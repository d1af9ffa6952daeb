/**
 * POST /v1/certificate, in a worker: what `usmca-roo certificate RECORD... --certifier FILE --signed-on DATE
 * [--exporter FILE|same|unknown] [--importer FILE] [--blanket START..END] [--lang] [--disclose-figures] [--annex]
 * [--trust-key KEY] [--unreleased-rules] --format json|md|html|pdf` writes, as a download. Refused, untrusted or
 * invalid: a problem answer (422) with the certificate checks' codes, and nothing issued.
 */
import { join } from 'node:path';
import {
  InputError,
  issueCertificate,
  partySchema,
  readDocument,
  readRecord,
  readTrustedKeys,
  syntaxToInputError,
  validateDocument,
  type InputProblem,
  type Lang,
  type PartyInput,
} from '../../index.js';
import type { CertificateTask, TaskResult } from '../task.js';

const MEDIA = {
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
} as const;

function readParty(file: string, problems: InputProblem[]): PartyInput | undefined {
  try {
    const checked = validateDocument(readDocument(file), partySchema);
    if (checked.ok) return checked.value;
    problems.push(...checked.problems);
  } catch (err) {
    const converted = syntaxToInputError(err);
    if (converted instanceof InputError) problems.push(...converted.problems);
    else throw err;
  }
  return undefined;
}

export async function runCertificate(task: CertificateTask): Promise<TaskResult> {
  const at = (name: string) => join(task.dir, name);
  const trusted = task.trustKey ? await readTrustedKeys(at(task.trustKey)) : undefined;
  const records = task.records.map((name) => ({ name, record: readRecord(at(name)) }));
  const problems: InputProblem[] = [];
  const certifier = readParty(at(task.certifier), problems);
  const exporter =
    task.exporter === 'same' || task.exporter === 'unknown'
      ? task.exporter
      : task.exporter
        ? readParty(at(task.exporter), problems)
        : undefined;
  const importer = task.importer ? readParty(at(task.importer), problems) : undefined;
  if (problems.length > 0 || !certifier) throw new InputError(problems);
  const result = await issueCertificate(records, {
    format: task.format,
    lang: task.lang as Lang,
    certifier,
    exporter,
    importer,
    blanket: task.blanket,
    signedOn: task.signedOn,
    discloseFigures: task.discloseFigures,
    annex: task.annex,
    unreleasedRules: task.unreleasedRules,
    ...(trusted ? { trusted } : {}),
  });
  const problem = (code: string, message: string): TaskResult => ({
    kind: 'problems',
    status: 422,
    problems: [{ code, path: 'records', file: '(request)', message }],
  });
  switch (result.status) {
    case 'refused':
      return problem('CERTIFICATE_REFUSED', `refused: ${result.message}`);
    case 'untrusted':
      return problem('CERTIFICATE_UNTRUSTED', `refused: ${result.message}`);
    case 'needsEngine':
      return problem('CERTIFICATE_NEEDS_ENGINE', `refused: ${result.message}`);
    case 'invalid':
      return {
        kind: 'problems',
        status: 422,
        problems: result.problems.map((p) => ({
          code: p.code,
          path: p.element,
          file: '(certificate)',
          message: p.message,
        })),
      };
    case 'written': {
      const warnings = result.notes.filter((n) => n.startsWith('WARNING'));
      return {
        kind: 'body',
        status: 200,
        contentType: MEDIA[task.format],
        body: typeof result.output === 'string' ? result.output : new Uint8Array(result.output),
        headers: {
          'content-disposition': `attachment; filename="certificate.${task.format}"`,
          ...(warnings.length > 0 ? { 'usmca-roo-warning': warnings.join(' | ').replace(/[^\x20-\x7e]/g, '?') } : {}),
        },
      };
    }
  }
}
