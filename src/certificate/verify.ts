/**
 * What `validate` does with a certificate it reads (JSON, or the PDF that embeds it): the one check
 * (checkCertificate); for a PDF, that its visible text shows every line of the certificate it embeds and nothing
 * else (pdf-text.ts); the rule
 * packs it names against the engine's registry of releases; its signature, with trusted keys; and, given the
 * decision records, that each replays identically and that every element and figure matches them
 * (matchRecords). Without records, it says plainly that nothing was cross-checked.
 *
 * Outcome: `altered` (exit 4: the certificate or a record was edited, a signature is missing or bad under
 * trusted keys, or a pack is modified and not accepted), `notReplayable` (exit 5: a record made by an older
 * engine decides otherwise now), `needsEngine` (exit 6: a record is intact but was made under a rule pack this
 * engine cannot run, so nothing was cross-checked: validate with the engine version that made it), `problems`
 * (exit 1), `valid` (exit 0).
 */
import type { DecisionRecord } from '../audit/record.js';
import { needsEngineMessage, replay } from '../audit/replay.js';
import { checkRelease, checkSignature, type TrustCheck, type TrustedKeys } from '../audit/trust.js';
import { rulePackFromContent } from '../rules/load.js';
import type { RulePack } from '../rules/pack.js';
import { packRelease } from '../rules/release.js';
import { certificateContent } from './build.js';
import { checkCertificate } from './check.js';
import { matchRecords } from './match.js';
import type { Certificate, CertificateProblem } from './model.js';
import { compareShownText, shownTexts } from './pdf-text.js';

/** Options of verifyCertificate. */
export interface VerifyOptions {
  /** The bundled pack, for a certificate checked without its records. */
  pack: RulePack;
  /** The decision records to cross-check against (`name` names each in messages); none: nothing cross-checked. */
  records?: Array<{ name: string; record: DecisionRecord }>;
  /** Keys whose signature the certificate and its records must carry. */
  trusted?: TrustedKeys;
  /** Accept rule packs that are not released versions. */
  unreleasedRules?: boolean;
  /** The visible text of the PDF the certificate was read from. */
  pdfText?: string;
  /** What that PDF holds that usmca-roo never writes (readCertificateDocument): each is an alteration. */
  pdfAlterations?: string[];
}

/** What `validate` found: see the module comment for each outcome and its exit code. */
export interface Verification {
  /** `valid` (exit 0), `problems` (1), `altered` (4), `notReplayable` (5), `needsEngine` (6). */
  outcome: 'valid' | 'problems' | 'altered' | 'notReplayable' | 'needsEngine';
  /** Every problem with the certificate's elements, or with how they match the records. */
  problems: CertificateProblem[];
  /** Why it is untrusted: alteration, signatures, rule packs not released (one sentence each). */
  refusals: string[];
  /** What was and was not checked (e.g. no records given), for the reader. */
  notes: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Verifies a certificate as read (parsed JSON, any shape: a malformed one gives CERT_FORMAT problems); see the
 * module comment for the outcome. Asynchronous for signature checks. Throws only on internal errors.
 */
export async function verifyCertificate(cert: unknown, options: VerifyOptions): Promise<Verification> {
  const refusals: string[] = [];
  const notes: string[] = [];
  let notReplayable = false;
  let needsEngine = false;
  const take = (c: TrustCheck) => {
    if (c.refusal) refusals.push(c.refusal);
    if (c.note) notes.push(c.note);
  };
  const withPacks: Array<{ record: DecisionRecord; pack: RulePack }> = [];
  for (const { name, record } of options.records ?? []) {
    const outcome = await replay(record);
    if (outcome.status === 'altered') refusals.push(`record ${name} has been altered: ${outcome.reason}`);
    else if (outcome.status === 'invalid') refusals.push(`record ${name} cannot be replayed: ${outcome.reason}`);
    else if (outcome.status === 'needsEngine') {
      needsEngine = true;
      notes.push(
        `record ${name} NOT replayed: ${needsEngineMessage(outcome, `validate CERTIFICATE --record ${name}`)}`,
      );
      take(
        checkRelease(outcome.recordedPack, outcome.recordedPack.release, {
          strict: false,
          allowUnreleased: options.unreleasedRules === true,
        }),
      );
      take(await checkSignature(`record ${name}`, record.signature, record.hashed, 'record', options.trusted));
      continue;
    } else {
      if (outcome.status === 'identical') notes.push(`record ${name} replays identically`);
      else {
        notReplayable = true;
        notes.push(
          `record ${name} does NOT replay identically under this engine (recorded by ${outcome.engine.recorded})`,
        );
      }
      take(
        checkRelease(outcome.recordedPack, outcome.recordedPack.release, {
          strict: false,
          allowUnreleased: options.unreleasedRules === true,
        }),
      );
    }
    take(await checkSignature(`record ${name}`, record.signature, record.hashed, 'record', options.trusted));
    withPacks.push({ record, pack: rulePackFromContent(record.hashed.rulePack, `record ${name}`) });
  }
  const pack = withPacks[0]?.pack ?? options.pack;
  const problems = checkCertificate(cert, pack);
  if (!isObj(cert)) return { outcome: 'problems', problems, refusals, notes };
  const formatOk = !problems.some((p) => p.code === 'CERT_FORMAT');

  // The packs the certificate names, against the registry this engine ships.
  for (const [i, ref] of (Array.isArray(cert.records) ? cert.records : []).entries()) {
    const rules = isObj(ref) && isObj(ref.rules) ? ref.rules : undefined;
    if (!rules || typeof rules.id !== 'string' || typeof rules.version !== 'string' || typeof rules.sha256 !== 'string')
      continue;
    const named = { id: rules.id, version: rules.version, sha256: rules.sha256 };
    const actual = packRelease(named);
    if (rules.release !== actual)
      problems.push({
        code: 'CERT_RULES_NOT_RELEASED',
        element: `records[${i}].rules.release`,
        message: `the certificate says "${String(rules.release)}"; this engine's registry says rule pack ${named.id} ${named.version} (sha256 ${named.sha256.slice(0, 16)}...) is "${actual}"`,
      });
    if (withPacks.length === 0)
      take(checkRelease(named, actual, { strict: false, allowUnreleased: options.unreleasedRules === true }));
  }
  if (formatOk)
    take(
      await checkSignature(
        'the certificate',
        isObj(cert.signature) ? (cert.signature as { jws: string }) : undefined,
        certificateContent(cert),
        'certificate',
        options.trusted,
      ),
    );

  for (const what of options.pdfAlterations ?? [])
    problems.push({ code: 'CERT_ALTERED', element: 'pdf', message: `${what}: the PDF was edited` });
  if (options.pdfText !== undefined && formatOk && problems.length === 0) {
    const { missing, extra } = compareShownText(options.pdfText, shownTexts(cert as unknown as Certificate));
    if (missing.length > 0)
      problems.push({
        code: 'CERT_ALTERED',
        element: 'pdf',
        message: `the PDF's visible text does not show ${missing.length} line${missing.length === 1 ? '' : 's'} of the certificate it embeds, e.g. "${(missing[0] as string).slice(0, 80)}": the page was edited`,
      });
    else if (extra.length > 0)
      problems.push({
        code: 'CERT_ALTERED',
        element: 'pdf',
        message: `the PDF shows text that is not in the certificate it embeds, "${(extra[0] as string).slice(0, 80)}"${extra.length > 1 ? ` (and ${extra.length - 1} more)` : ''}: the page was edited`,
      });
    else notes.push('the PDF shows every line of the certificate it embeds, and nothing else');
  }
  if (needsEngine && formatOk)
    notes.push(
      'NOT cross-checked: a record could not be replayed by this engine; the elements were checked for form only',
    );
  else if (withPacks.length > 0 && formatOk) {
    problems.push(...matchRecords(cert, withPacks));
    notes.push(
      'cross-checked against the records: goods, HS codes, descriptions, figures, origin criteria, producer, decision dates, blanket period, annex, citations; the certifier, exporter and importer are in no record: they rest on the certificate’s sha256 and signature',
    );
  } else if (formatOk)
    notes.push('NOT cross-checked: no decision record was given (--record); the elements were checked for form only');

  const altered = refusals.length > 0 || problems.some((p) => p.code === 'CERT_ALTERED');
  return {
    outcome: altered
      ? 'altered'
      : needsEngine
        ? 'needsEngine'
        : notReplayable
          ? 'notReplayable'
          : problems.length > 0
            ? 'problems'
            : 'valid',
    problems,
    refusals,
    notes,
  };
}
