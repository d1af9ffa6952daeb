/**
 * `usmca-roo certificate RECORD... --certifier FILE --signed-on DATE ...`: the certification of origin for one
 * or more recorded decisions (one good each), issued only from records that replay identically and only if it
 * passes the checks `validate` runs; written atomically, and not at all when anything fails.
 */
import { resolve } from 'node:path';
import { readRecord } from '../audit/read-record.js';
import type { DecisionRecord } from '../audit/record.js';
import { readPrivateKey, readTrustedKeys } from '../audit/signature.js';
import { issueCertificate } from '../certificate/issue.js';
import { LANGS, type Certificate, type Lang, type VehicleCertification } from '../certificate/model.js';
import type { CertificateFormat } from '../certificate/render.js';
import { readDocument } from '../documents/read.js';
import { partySchema, type PartyInput } from '../input/documents.js';
import { InputError, syntaxToInputError, type InputProblem } from '../input/problems.js';
import { validateDocument } from '../input/validate.js';
import type { CliIo } from './io.js';
import { checkOutput, refuseInputs, writeOutput, type OutputTarget } from './output.js';

/**
 * 0 written; 1 refused (not originating, or not replaying under this engine); 2 invalid input; 4 altered or
 * untrusted; 6 refused: a record was made under a rule pack this engine cannot run.
 */
export const CERTIFICATE_EXIT = {
  written: 0,
  refused: 1,
  invalid: 2,
  internal: 3,
  untrusted: 4,
  needsEngine: 6,
} as const;
const FORMATS = ['json', 'md', 'html', 'pdf'] as const;

export interface CertificateFlags {
  certifier: string;
  exporter?: string;
  importer?: string;
  blanket?: string;
  signedOn?: string;
  format?: string;
  out?: string;
  lang?: string;
  discloseFigures?: boolean;
  annex?: boolean;
  unreleasedRules?: boolean;
  signKey?: string;
  trustKey?: string;
  /** Read the records from this store (RECORD is then a stored record's reference) and keep the certificate there. */
  store?: string;
}

/** A party document (format usmca-roo/party@1), checked; its problems are added to `problems`. */
export function readParty(file: string, problems: InputProblem[]): PartyInput | undefined {
  try {
    const doc = readDocument(file);
    const checked = validateDocument(doc, partySchema);
    if (checked.ok) return checked.value;
    problems.push(...checked.problems);
  } catch (err) {
    const converted = syntaxToInputError(err);
    if (converted instanceof InputError) problems.push(...converted.problems);
    else throw err;
  }
  return undefined;
}

export async function certificateCommand(recordPaths: string[], flags: CertificateFlags, io: CliIo): Promise<number> {
  const format = (flags.format ?? 'md') as CertificateFormat;
  const fail = (message: string) => {
    io.stderr(`usmca-roo: ${message}; no certificate written\n`);
    return CERTIFICATE_EXIT.invalid;
  };
  if (!FORMATS.includes(format)) return fail(`--format takes ${FORMATS.join(', ')}, not "${flags.format}"`);
  // A PDF goes to a file or a pipe (`> cert.pdf`, `| lpr`), never to a terminal.
  if (format === 'pdf' && !flags.out && (io.stdoutIsTTY !== false || !io.stdoutBytes))
    return fail('a PDF certificate is not written to a terminal: give --out FILE, or redirect standard output');
  const lang = (flags.lang ?? 'en') as Lang;
  if (!LANGS.includes(lang)) return fail(`--lang takes ${LANGS.join(', ')}, not "${flags.lang}"`);
  // The output is checked before any work: its folder takes a file, and it is none of the inputs.
  const out = flags.out ? checkOutput('--out', flags.out, io.cwd) : undefined;
  if (out)
    refuseInputs(out, [
      ...(flags.store === undefined ? recordPaths : []).map((p) => ({
        path: resolve(io.cwd, p),
        role: 'a decision record',
      })),
      ...[flags.certifier, flags.exporter, flags.importer, flags.signKey, flags.trustKey]
        .filter((f): f is string => f !== undefined && f !== 'same' && f !== 'unknown')
        .map((f) => ({ path: resolve(io.cwd, f), role: 'an input of this certificate' })),
    ]);
  if (flags.store !== undefined) {
    // The records are read from the store, checked against their hashes, and the certificate is kept there.
    const { storedCertificateCommand } = await import('./store-certificate.js');
    return storedCertificateCommand(recordPaths, { store: flags.store }, io, (records, keep, filed) =>
      issueFrom(records, flags, io, format, lang, out, keep, filed),
    );
  }
  const records = recordPaths.map((p) => ({ name: p, record: readRecord(resolve(io.cwd, p)) }));
  return issueFrom(records, flags, io, format, lang, out);
}

/**
 * Checks, builds, renders and writes the certificate for records; the exit code. `keep`, if given, is called
 * with the certificate before it is written (a certificate given out must be one the store knows of).
 */
async function issueFrom(
  records: Array<{ name: string; record: DecisionRecord }>,
  flags: CertificateFlags,
  io: CliIo,
  format: CertificateFormat,
  lang: Lang,
  out: OutputTarget | undefined,
  keep?: (certificate: Certificate) => Promise<void>,
  vehicleCertifications?: VehicleCertification[],
): Promise<number> {
  const signKey = flags.signKey ? readPrivateKey(resolve(io.cwd, flags.signKey)) : undefined;
  const trusted = flags.trustKey ? await readTrustedKeys(resolve(io.cwd, flags.trustKey)) : undefined;
  const problems: InputProblem[] = [];
  const certifier = readParty(resolve(io.cwd, flags.certifier), problems);
  const exporter =
    flags.exporter === 'same' || flags.exporter === 'unknown'
      ? flags.exporter
      : flags.exporter
        ? readParty(resolve(io.cwd, flags.exporter), problems)
        : undefined;
  const importer = flags.importer ? readParty(resolve(io.cwd, flags.importer), problems) : undefined;
  if (problems.length > 0 || !certifier) throw new InputError(problems);

  const result = await issueCertificate(records, {
    format,
    lang,
    certifier,
    exporter,
    importer,
    blanket: flags.blanket,
    signedOn: flags.signedOn,
    discloseFigures: flags.discloseFigures === true,
    annex: flags.annex === true,
    unreleasedRules: flags.unreleasedRules === true,
    ...(trusted ? { trusted } : {}),
    ...(signKey ? { signKey } : {}),
    ...(vehicleCertifications ? { vehicleCertifications } : {}),
  });
  switch (result.status) {
    case 'refused':
      io.stderr(`usmca-roo: refused: ${result.message}\n`);
      return CERTIFICATE_EXIT.refused;
    case 'untrusted':
      io.stderr(`usmca-roo: refused: ${result.message}\n`);
      return CERTIFICATE_EXIT.untrusted;
    case 'needsEngine':
      io.stderr(`usmca-roo: refused: ${result.message}\n`);
      return CERTIFICATE_EXIT.needsEngine;
    case 'invalid':
      io.stderr(
        `usmca-roo: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; no certificate written\n${result.problems.map((p) => `  ${p.element}  ${p.code}: ${p.message}`).join('\n')}\n`,
      );
      return CERTIFICATE_EXIT.invalid;
    case 'written':
      if (keep) await keep(result.certificate);
      if (out) writeOutput(out, result.output);
      else if (typeof result.output === 'string') io.stdout(result.output);
      else io.stdoutBytes?.(result.output);
      for (const n of result.notes) if (n.startsWith('WARNING')) io.stderr(`usmca-roo: ${n}\n`);
      return CERTIFICATE_EXIT.written;
  }
}
