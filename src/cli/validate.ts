/**
 * `usmca-roo validate CERTIFICATE [--record RECORD]... [--trust-key KEY]`: checks a certification of origin, for
 * brokers. Reads the JSON certificate, or the PDF (which embeds it); a Markdown or HTML rendering holds no
 * machine-readable certificate and is refused: validate the JSON or PDF it was rendered with.
 */
import { resolve } from 'node:path';
import { readRecord } from '../audit/read-record.js';
import { readTrustedKeys } from '../audit/signature.js';
import { prettyJson } from '../canonical/json.js';
import { verifyCertificate } from '../certificate/verify.js';
import { loadRulePack } from '../rules/load.js';
import { readCertificateDocument, type CertificateDocument } from '../certificate/read-document.js';
import { DEFAULT_LIMITS, FileRefusal, readBytes } from '../documents/files.js';
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
  const unreadable = (why: string) => {
    io.stderr(`${printable(`usmca-roo: ${certPath}: ${why}`)}\n`);
    return VALIDATE_EXIT.unreadable;
  };
  let doc: CertificateDocument;
  try {
    doc = await readCertificateDocument(
      file,
      () => readBytes(file, DEFAULT_LIMITS.maxFileBytes, true),
      'give a decision record with --record',
    );
  } catch (err) {
    if (err instanceof FileRefusal) return unreadable(err.reason);
    throw err;
  }
  if (!doc.ok) return unreadable(doc.why);
  const { cert, pdfText, pdfAlterations } = doc;
  const trusted = flags.trustKey ? await readTrustedKeys(resolve(io.cwd, flags.trustKey)) : undefined;
  const records = (flags.record ?? []).map((p) => ({ name: p, record: readRecord(resolve(io.cwd, p)) }));
  const v = await verifyCertificate(cert, {
    pack: loadRulePack(),
    records,
    ...(trusted ? { trusted } : {}),
    unreleasedRules: flags.unreleasedRules === true,
    ...(pdfText !== undefined ? { pdfText, pdfAlterations } : {}),
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
