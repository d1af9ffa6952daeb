/** What every legal test reads: the normalised claim, the rule pack, the date, and shared results. */
import type { Material, NormalizedClaim } from '../input/model.js';
import type { Money } from '../num/money.js';
import type { RulePack } from '../rules/pack.js';
import type { EvidenceGap, Warning } from './result.js';
import type { Classification } from './classification.js';
import type { CoreRollUp, ResolvedOrigin, RollUp } from './vnm.js';

export interface NetCost {
  totalCost: Money;
  excludedCosts: Money;
  /** s. 9(2)(a) restatement of accumulated materials at their suppliers' net cost. */
  accumulationAdjustment: Money;
  value: Money;
}

export interface EvaluationContext {
  claim: NormalizedClaim;
  pack: RulePack;
  date: string;
  classification: Classification;
  /** The approved alternative staging regime, when one is declared and in effect on the date. */
  asr?: { reference: string; start: string; end: string; steelAluminumExempt?: boolean | undefined } | undefined;
  computedOrigins: Map<Material, ResolvedOrigin>;
  /** The core-part roll-up reading in use; "none" where the core parts requirement does not apply. */
  coreRollUp: CoreRollUp;
  rollUp: RollUp;
  netCost: NetCost;
  gaps: EvidenceGap[];
  warnings: Warning[];
}
