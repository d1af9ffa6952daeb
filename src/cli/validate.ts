/** `usmca-roo validate CERTIFICATE [--record RECORD]`: checks a certification of origin, for brokers. */
import { resolve } from 'node:path';
import { prettyJson } from '../canonical/json.js';
import { readRecord } from '../audit/read-record.js';
import { replay } from '../audit/replay.js';
import { checkRelease } from '../audit/trust.js';
import { matchRecord, validateCertificate, type CertificateProblem } from '../certificate/validate.js';
import { syntaxToInputError } from '../input/problems.js';
import { readDocument } from '../documents/read.js';
import { loadRulePack, rulePackFromContent } from '../rules/load.js';
import type { CliIo } from './io.js';

export const VALIDATE_EXIT = {
  valid: 0,
  problems: 1,
  unreadable: 2,
  internal: 3,
  tampered: 4,
  notReplayable: 5,
} as const;

export async function validateCommand(
  certPath: string,
  flags: { record?: string; json?: boolean; unreleasedRules?: boolean },
  io: CliIo,
): Promise<number> {
  let cert: unknown;
  try {
    cert = readDocument(resolve(io.cwd, certPath)).data;
  } catch (err) {
    throw syntaxToInputError(err);
  }
  let problems: CertificateProblem[] = [];
  let exit: number = VALIDATE_EXIT.valid;
  const notes: string[] = [];
  if (flags.record) {
    const record = readRecord(resolve(io.cwd, flags.record));
    const outcome = await replay(record);
    problems = validateCertificate(cert, rulePackFromContent(record.hashed.rulePack, 'recorded rule pack'));
    if (outcome.status === 'altered') {
      notes.push(`record ${flags.record} is ALTERED: ${outcome.reason}`);
      exit = VALIDATE_EXIT.tampered;
    } else {
      problems.push(...matchRecord(cert as Record<string, unknown>, record));
      const release =
        outcome.status === 'invalid'
          ? {}
          : checkRelease(outcome.recordedPack, outcome.recordedPack.release, {
              strict: false,
              allowUnreleased: flags.unreleasedRules === true,
            });
      if (release.note) notes.push(release.note);
      if (release.refusal) {
        notes.push(`REFUSED: ${release.refusal}`);
        exit = VALIDATE_EXIT.tampered;
      } else if (outcome.status === 'identical') notes.push(`record ${flags.record} replays identically`);
      else {
        notes.push(
          `record ${flags.record} does NOT replay identically (${outcome.status === 'different' ? `different: ${outcome.differences.length} differences` : `invalid: ${outcome.status === 'invalid' ? outcome.reason : ''}`})`,
        );
        exit = VALIDATE_EXIT.notReplayable;
      }
    }
  } else {
    problems = validateCertificate(cert, loadRulePack());
  }
  if (exit === VALIDATE_EXIT.valid && problems.length > 0) exit = VALIDATE_EXIT.problems;
  if (flags.json) {
    io.stdout(
      prettyJson({
        format: 'usmca-roo/certificate-validation@1',
        certificate: certPath,
        valid: exit === VALIDATE_EXIT.valid,
        problems,
        notes,
      }),
    );
  } else {
    const lines = [`${exit === VALIDATE_EXIT.valid ? 'VALID' : 'NOT VALID'}: ${certPath}`];
    for (const n of notes) lines.push(`  ${n}`);
    for (const p of problems) lines.push(`  ${p.element}  ${p.code}: ${p.message}`);
    io.stdout(`${lines.join('\n')}\n`);
  }
  return exit;
}
