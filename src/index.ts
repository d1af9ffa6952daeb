/** The public API of usmca-roo. */
export { loadClaimFile, loadClaimDocument, type LoadedClaim } from './input/load-claim.js';
export { parseText, readDocument } from './documents/read.js';
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
