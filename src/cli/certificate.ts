/** `usmca-roo certificate RECORD --certifier FILE ...`: renders the certification of origin for a recorded decision. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readRecord } from '../audit/read-record.js';
import { replay } from '../audit/replay.js';
import { checkRelease } from '../audit/trust.js';
import { ENGINE } from '../version.js';
import { buildCertificate, CertificateInputError, CertificateRefused } from '../certificate/model.js';
import { renderCertificate, type CertificateFormat } from '../certificate/render.js';
import { partySchema, type PartyInput } from '../input/documents.js';
import { InputError, syntaxToInputError, type InputProblem } from '../input/problems.js';
import { readDocument } from '../documents/read.js';
import { validateDocument } from '../input/validate.js';
import { rulePackFromContent } from '../rules/load.js';
import type { CliIo } from './io.js';

export const CERTIFICATE_EXIT = { written: 0, refused: 1, invalid: 2, internal: 3, tampered: 4 } as const;
const FORMATS = ['json', 'md', 'html', 'pdf'] as const;

export interface CertificateFlags {
  certifier: string;
  exporter?: string;
  importer?: string;
  blanket?: string;
  signedOn?: string;
  format?: string;
  out?: string;
  unreleasedRules?: boolean;
}

function readParty(file: string, problems: InputProblem[]): PartyInput | undefined {
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

export async function certificateCommand(recordPath: string, flags: CertificateFlags, io: CliIo): Promise<number> {
  const format = (flags.format ?? 'md') as CertificateFormat;
  if (!FORMATS.includes(format)) {
    io.stderr(`usmca-roo: --format takes ${FORMATS.join(', ')}, not "${flags.format}"\n`);
    return CERTIFICATE_EXIT.invalid;
  }
  if (format === 'pdf' && !flags.out) {
    io.stderr('usmca-roo: a PDF certificate needs --out FILE\n');
    return CERTIFICATE_EXIT.invalid;
  }
  const record = readRecord(resolve(io.cwd, recordPath));
  const outcome = await replay(record);
  if (outcome.status === 'altered') {
    io.stderr(`usmca-roo: refused: record ${recordPath} has been altered: ${outcome.reason}\n`);
    return CERTIFICATE_EXIT.tampered;
  }
  if (outcome.status === 'invalid') {
    io.stderr(`usmca-roo: record ${recordPath} cannot be replayed: ${outcome.reason}\n`);
    return CERTIFICATE_EXIT.invalid;
  }
  if (outcome.status === 'different') {
    io.stderr(
      `usmca-roo: refused: record ${recordPath} does not replay identically under this engine (${ENGINE.version}; recorded by ${outcome.engine.recorded}): evaluate the claim again\n`,
    );
    return CERTIFICATE_EXIT.refused;
  }
  const release = checkRelease(outcome.recordedPack, outcome.recordedPack.release, {
    strict: true,
    allowUnreleased: flags.unreleasedRules === true,
  });
  if (release.refusal) {
    io.stderr(`usmca-roo: refused: record ${recordPath}: ${release.refusal}\n`);
    return CERTIFICATE_EXIT.tampered;
  }
  const problems: InputProblem[] = [];
  const certifier = readParty(resolve(io.cwd, flags.certifier), problems);
  const exporter = flags.exporter ? readParty(resolve(io.cwd, flags.exporter), problems) : undefined;
  const importer = flags.importer ? readParty(resolve(io.cwd, flags.importer), problems) : undefined;
  if (problems.length > 0 || !certifier) throw new InputError(problems);
  const pack = rulePackFromContent(record.hashed.rulePack, 'recorded rule pack');
  let certificate;
  try {
    certificate = buildCertificate(record, pack, {
      certifier,
      exporter,
      importer,
      blanket: flags.blanket,
      signedOn: flags.signedOn,
    });
  } catch (err) {
    if (err instanceof CertificateRefused) {
      io.stderr(`usmca-roo: refused: ${err.message}\n`);
      return CERTIFICATE_EXIT.refused;
    }
    if (err instanceof CertificateInputError) {
      io.stderr(
        `usmca-roo: ${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}; no certificate written\n${err.problems.map((p) => `  ${p.field}: ${p.message}`).join('\n')}\n`,
      );
      return CERTIFICATE_EXIT.invalid;
    }
    throw err;
  }
  const rendered = await renderCertificate(certificate, format);
  if (flags.out) writeFileSync(resolve(io.cwd, flags.out), rendered);
  else io.stdout(rendered as string);
  return CERTIFICATE_EXIT.written;
}
