/** The public API of usmca-roo. */
export { loadClaimFile, loadClaimDocument, type LoadedClaim } from './input/load-claim.js';
export { parseText, readDocument } from './documents/read.js';
export { strictJsonProblems } from './documents/json-strict.js';
export { InputError, PROBLEM_CODES, type InputProblem, type ProblemCode } from './input/problems.js';
export { loadRulePack, loadRulePackUncached, RulePackError, DEFAULT_PACK_DIR } from './rules/load.js';
export { RulePack, RuleLookupError } from './rules/pack.js';
export { evaluate, type EvaluateOptions } from './evaluate.js';
export { canonicalJson, prettyJson, canonicalHash } from './canonical/json.js';
export { renderWorksheet } from './render/worksheet.js';
export type { Decision } from './verdict/decision.js';
export type { RequirementResult, Limb, EvidenceGap, Warning } from './requirements/result.js';
export { ENGINE } from './version.js';
export { contentReport, type ContentOptions, type ContentReport } from './content/report.js';
export { loadTariffPack, DEFAULT_TARIFF_PACK_DIR } from './tariffs/pack.js';
// The audit trail: records, replay, signatures, released rule packs; the certification of origin.
export { makeRecord, recordIntact, RECORD_FORMAT, type DecisionRecord } from './audit/record.js';
export { replay, type ReplayOutcome } from './audit/replay.js';
export {
  generateKeyPair,
  KeyFileError,
  keyId,
  readPrivateKey,
  readTrustedKeys,
  signContent,
  verifyContent,
} from './audit/signature.js';
export { describeRelease, packRelease, type PackRelease } from './rules/release.js';
export { RELEASED_RULE_PACKS, type ReleasedRulePack } from './rules/released-packs.js';
export { issueCertificate, type IssueOptions, type IssueResult } from './certificate/issue.js';
export { verifyCertificate, type Verification, type VerifyOptions } from './certificate/verify.js';
export { checkCertificate } from './certificate/check.js';
export { renderCertificate, type CertificateFormat } from './certificate/render.js';
export { readPdfCertificate, PdfReadError } from './certificate/pdf-read.js';
export { readCertificateDocument, type CertificateDocument } from './certificate/read-document.js';
export type { Certificate, CertificateProblem, CertificateProblemCode } from './certificate/model.js';
// What would make a claim pass: advice, patched claims, sensitivity, the supplier solicitation.
export { advise, type Advice, type AdviseOptions } from './advise/advise.js';
export { patchClaim, evaluatePatched, type PatchedClaim } from './advise/patched.js';
export { readPatchAndSets } from './advise/read-patch.js';
export { renderAdvice } from './advise/render.js';
export { sensitivityOf, renderSensitivity, type Sensitivity } from './advise/sensitivity.js';
export { solicitation, writeSolicitation, type Solicitation } from './advise/solicit.js';
// What the HTTP server calls beyond the above (src/server).
export { ruleFacts } from './rules/facts.js';
export { recordSchema } from './audit/record.js';
export { readRecord } from './audit/read-record.js';
export { checkRelease, checkSignature, type TrustCheck, type TrustedKeys } from './audit/trust.js';
export { CERTIFICATE_FORMAT, LANGS, type Lang } from './certificate/model.js';
export {
  claimSchema,
  producerSchema,
  partySchema,
  materialReferenceSchema,
  type PartyInput,
} from './input/documents.js';
export { validateDocument } from './input/validate.js';
export { syntaxToInputError } from './input/problems.js';
export { renderContent, submissionsCsv } from './content/render.js';
export { resolveScenario } from './tariffs/scenario.js';
export { nonOriginatingBreakdown, type NonOriginatingBreakdown } from './render/breakdown.js';
/**
 * CSV and XLSX bills of materials and purchases read through a column mapping (docs/import.md, "For programs"):
 * `importTable(file, mapping, mappingFile, options?)` gives `{ document, problems }`, the rows as the claim
 * format's list with the file, sheet, row and column of each value; `loadMapping(file)` reads a mapping file.
 */
export {
  importTable,
  importTableAsync,
  loadMapping,
  columnHeader,
  tableProblemAt,
  withTableLocation,
  type ImportOptions,
  type ImportResult,
  type Mapping,
  type TableDocument,
} from './input/tabular/index.js';
