/**
 * Issuing a certificate: only what replays, only what passes the checks `validate` will run. For each record:
 * replay it under its own rule pack (altered: refused, exit 4; not identical under this engine: refused); with
 * trusted keys, its signature; its pack's release status (a pack that is not released only with
 * `unreleasedRules`, and the certificate then says so). Then build, run checkCertificate and matchRecords on
 * the result (any problem: nothing is issued, exit 2), sign it if a key is given, and render it (a PDF refuses
 * text its font cannot draw). Nothing is written here: the caller writes the returned bytes.
 */
import type { KeyObject } from 'node:crypto';
import type { DecisionRecord } from '../audit/record.js';
import { needsEngineMessage, replay } from '../audit/replay.js';
import { signContent } from '../audit/signature.js';
import { checkRelease, checkSignature, type TrustedKeys } from '../audit/trust.js';
import { rulePackFromContent } from '../rules/load.js';
import { ENGINE } from '../version.js';
import { buildCertificate, certificateContent, type CertificateOptions, type RecordWithPack } from './build.js';
import { checkCertificate } from './check.js';
import { matchRecords } from './match.js';
import { CertificateRefused, type Certificate, type CertificateProblem } from './model.js';
import { renderCertificate, type CertificateFormat } from './render.js';
import { CertificateRenderError } from './render-pdf.js';

/** Options of issueCertificate: the parties, dates and choices of the certificate (CertificateOptions) and these. */
export interface IssueOptions extends CertificateOptions {
  /** What to render: `json`, `md`, `html` or `pdf`. */
  format: CertificateFormat;
  /** Accept records made under a rule pack that is not a released version (the certificate then says so). */
  unreleasedRules?: boolean;
  /** Keys whose signature each record must carry (refused otherwise). */
  trusted?: TrustedKeys;
  /** Sign the certificate with this private key (Ed25519 JWS). */
  signKey?: KeyObject;
}

/**
 * What issuing gave: `written` (the certificate and its rendered bytes: text, or a Buffer for PDF; exit 0),
 * `refused` (a record not originating or not replaying identically; exit 1), `invalid` (problems `validate`
 * would report, nothing issued; exit 2), `untrusted` (a record altered or unsigned under trusted keys; exit 4),
 * `needsEngine` (a record intact but made under a rule pack this engine cannot run; exit 6).
 */
export type IssueResult =
  | { status: 'written'; certificate: Certificate; output: string | Buffer; notes: string[] }
  | { status: 'refused'; message: string }
  | { status: 'invalid'; problems: CertificateProblem[] }
  | { status: 'untrusted'; message: string }
  | { status: 'needsEngine'; message: string };

/**
 * Issues a certification of origin (USMCA Art. 5.2, Annex 5-A) for `records` (one good each; `name` names the
 * record in messages): see the module comment for the refusals. Writes nothing; throws only on internal errors.
 */
export async function issueCertificate(
  records: Array<{ name: string; record: DecisionRecord }>,
  options: IssueOptions,
): Promise<IssueResult> {
  const inputs: RecordWithPack[] = [];
  const notes: string[] = [];
  for (const { name, record } of records) {
    const outcome = await replay(record);
    if (outcome.status === 'altered')
      return { status: 'untrusted', message: `record ${name} has been altered: ${outcome.reason}` };
    if (outcome.status === 'invalid')
      return {
        status: 'invalid',
        problems: [
          { code: 'CERT_RECORD_MISMATCH', element: `record ${name}`, message: `cannot be replayed: ${outcome.reason}` },
        ],
      };
    if (outcome.status === 'needsEngine') {
      const signature = await checkSignature(
        `record ${name}`,
        record.signature,
        record.hashed,
        'record',
        options.trusted,
      );
      if (signature.refusal) return { status: 'untrusted', message: signature.refusal };
      return {
        status: 'needsEngine',
        message: `record ${name}: ${needsEngineMessage(outcome, `replay ${name}`)}, then evaluate the claim again with this engine to certify it`,
      };
    }
    if (outcome.status === 'different')
      return {
        status: 'refused',
        message: `record ${name} does not replay identically under this engine (${ENGINE.version}; recorded by ${outcome.engine.recorded}): evaluate the claim again`,
      };
    const signature = await checkSignature(
      `record ${name}`,
      record.signature,
      record.hashed,
      'record',
      options.trusted,
    );
    if (signature.refusal) return { status: 'untrusted', message: signature.refusal };
    if (signature.note) notes.push(signature.note);
    const release = checkRelease(outcome.recordedPack, outcome.recordedPack.release, {
      strict: true,
      allowUnreleased: options.unreleasedRules === true,
    });
    if (release.refusal) return { status: 'untrusted', message: `record ${name}: ${release.refusal}` };
    if (release.note) notes.push(release.note);
    inputs.push({ record, pack: rulePackFromContent(record.hashed.rulePack, `record ${name}`) });
  }
  let built;
  try {
    built = buildCertificate(inputs, options);
  } catch (err) {
    if (err instanceof CertificateRefused) return { status: 'refused', message: err.message };
    throw err;
  }
  if (!built.certificate) return { status: 'invalid', problems: built.problems };
  let certificate = built.certificate;
  const asRead = JSON.parse(JSON.stringify(certificate)) as Record<string, unknown>;
  const problems = [...checkCertificate(asRead, (inputs[0] as RecordWithPack).pack), ...matchRecords(asRead, inputs)];
  if (problems.length > 0) return { status: 'invalid', problems };
  if (options.signKey)
    certificate = {
      ...certificate,
      signature: { jws: await signContent(certificateContent({ ...certificate }), options.signKey, 'certificate') },
    };
  try {
    return { status: 'written', certificate, output: await renderCertificate(certificate, options.format), notes };
  } catch (err) {
    if (err instanceof CertificateRenderError) return { status: 'invalid', problems: err.problems };
    throw err;
  }
}
