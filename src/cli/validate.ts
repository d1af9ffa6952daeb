/**
 * `usmca-roo validate CERTIFICATE [--record RECORD]... [--trust-key KEY]`: checks a certification of origin, for
 * brokers. Reads the JSON certificate, or the PDF (which embeds it); a Markdown or HTML rendering holds no
 * machine-readable certificate and is refused: validate the JSON or PDF it was rendered with.
 */
import { extname, resolve } from 'node:path';
import { readRecord } from '../audit/read-record.js';
import { readTrustedKeys } from '../audit/signature.js';
import { prettyJson } from '../canonical/json.js';
import { verifyCertificate } from '../certificate/verify.js';
import { loadRulePack } from '../rules/load.js';
import { RECORD_FORMAT } from '../audit/record.js';
import { CERTIFICATE_FORMAT } from '../certificate/model.js';
import { DEFAULT_LIMITS, FileRefusal, readBytes } from '../documents/files.js';
import { strictJsonProblems } from '../documents/json-strict.js';
import { printable, printableJson } from '../render/printable.js';
import type { CliIo } from './io.js';

/**
 * 0 valid, 1 problems, 2 unreadable, 3 internal, 4 altered/untrusted/modified rules, 5 a record does not replay,
 * 6 a record was made under a rule pack this engine cannot run (validate with the engine that made it).
 */
export const VALIDATE_EXIT = {
  valid: 0,
  problems: 1,
  unreadable: 2,
  internal: 3,
  altered: 4,
  notReplayable: 5,
  needsEngine: 6,
} as const;

export interface ValidateFlags {
  record?: string[];
  json?: boolean;
  trustKey?: string;
  unreleasedRules?: boolean;
}

export async function validateCommand(certPath: string, flags: ValidateFlags, io: CliIo): Promise<number> {
  const file = resolve(io.cwd, certPath);
  const ext = extname(file).toLowerCase();
  const unreadable = (why: string) => {
    io.stderr(`${printable(`usmca-roo: ${certPath}: ${why}`)}\n`);
    return VALIDATE_EXIT.unreadable;
  };
  if (ext !== '.json' && ext !== '.pdf')
    return unreadable(
      ext === '.md' || ext === '.html' || ext === '.htm'
        ? 'a Markdown or HTML rendering holds no machine-readable certificate: validate the JSON certificate, or the PDF, which embeds it'
        : 'expected a certificate as .json or .pdf',
    );
  let bytes: Buffer;
  try {
    bytes = readBytes(file, DEFAULT_LIMITS.maxFileBytes, true);
  } catch (err) {
    if (err instanceof FileRefusal) return unreadable(err.reason);
    throw err;
  }
  let text = bytes.toString('utf8');
  let pdfText: string | undefined;
  if (ext === '.pdf') {
    const { readPdfCertificate, PdfReadError } = await import('../certificate/pdf-read.js');
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
  // Read strictly, as claims are: a key written twice would show one value in a viewer and check another here.
  const [strict] = strictJsonProblems(text, cert, (offset) => text.slice(0, offset).split('\n').length);
  if (strict)
    return unreadable(
      `line ${strict.position?.line ?? '?'}${strict.path ? `, ${strict.path}` : ''}: ${strict.code}: ${strict.message}`,
    );
  const format = (cert as { format?: unknown } | null)?.format;
  if (typeof format === 'string' && !format.startsWith('usmca-roo/certificate@'))
    // Another document altogether (a decision record, a claim): the input is wrong, not the certificate.
    return unreadable(
      `not a certificate (its format is ${JSON.stringify(format)}, expected ${CERTIFICATE_FORMAT})${format === RECORD_FORMAT ? ': give a decision record with --record' : ''}`,
    );
  const trusted = flags.trustKey ? await readTrustedKeys(resolve(io.cwd, flags.trustKey)) : undefined;
  const records = (flags.record ?? []).map((p) => ({ name: p, record: readRecord(resolve(io.cwd, p)) }));
  const v = await verifyCertificate(cert, {
    pack: loadRulePack(),
    records,
    ...(trusted ? { trusted } : {}),
    unreleasedRules: flags.unreleasedRules === true,
    ...(pdfText !== undefined ? { pdfText } : {}),
  });
  const exit = VALIDATE_EXIT[v.outcome];
  if (flags.json) {
    io.stdout(
      printableJson(
        prettyJson({
          format: 'usmca-roo/certificate-validation@2',
          certificate: certPath,
          outcome: v.outcome,
          valid: v.outcome === 'valid',
          problems: v.problems,
          refusals: v.refusals,
          notes: v.notes,
        }),
      ),
    );
    return exit;
  }
  const head = {
    valid: 'VALID',
    problems: 'NOT VALID',
    altered: 'ALTERED OR UNTRUSTED',
    notReplayable: 'NOT VALID',
    needsEngine: 'NOT CHECKED',
  };
  const lines = [`${head[v.outcome]}: ${certPath}`];
  for (const r of v.refusals) lines.push(`  REFUSED: ${r}`);
  for (const p of v.problems) lines.push(`  ${p.element}  ${p.code}: ${p.message}`);
  for (const n of v.notes) lines.push(`  ${n}`);
  // A certificate may come from anyone: what it holds is printed escaped, one line per line.
  io.stdout(`${lines.map(printable).join('\n')}\n`);
  return exit;
}
