/**
 * The verdict under the other reading of the core-part roll-up (domain reference §3.5; UR s. 14(1), s. 7(4);
 * USMCA Art. 4.5.4 and the 2022 panel report): every decision where the reading matters says what RVC and
 * verdict the other reading gives. Only the core parts' contributions to the roll-up change; the RVC and the
 * tariff shift are computed again, every other result stands.
 */
import type { Material, NormalizedClaim } from '../input/model.js';
import { amountText } from '../num/money.js';
import type { Classification } from '../requirements/classification.js';
import type { IntermediateResult } from '../requirements/intermediate.js';
import { netCostOf, netCostTrace } from '../requirements/net-cost.js';
import type { RequirementResult } from '../requirements/result.js';
import { regionalValueContent, type LvcForRvc } from '../requirements/rvc.js';
import type { StagingRegime } from '../requirements/staging-regime.js';
import { tariffShift } from '../requirements/tariff-shift.js';
import { rollUpUnderReading, type ResolvedOrigin, type RollUp } from '../requirements/vnm.js';
import type { RulesInForce } from '../rules/in-force.js';
import { verdictOf } from './origin.js';

/** What the other reading needs: the results and the figures of the reading in force. */
export interface AlternativeReadingInputs {
  reading: 'full' | 'rvc-only';
  classification: Classification;
  regime: StagingRegime | undefined;
  bom: RollUp;
  origins: ReadonlyMap<Material, ResolvedOrigin>;
  lvc: LvcForRvc | undefined;
  creditReading: 'all-points' | 'lvc-excess';
  intermediates: IntermediateResult[];
  results: readonly RequirementResult[];
}

/** The other reading's VNM, RVC and verdict, and whether the verdict differs (decision.interpretation.alternative). */
export function alternativeReading(
  claim: NormalizedClaim,
  rules: RulesInForce,
  inputs: AlternativeReadingInputs,
): Record<string, unknown> {
  const other = inputs.reading === 'full' ? 'rvc-only' : 'full';
  const bom = rollUpUnderReading(inputs.bom, { currency: claim.currency, computed: inputs.origins, coreRollUp: other });
  const netCost = netCostOf(claim, bom.netCostAdjustment);
  const rvc = regionalValueContent(claim, rules, {
    classification: inputs.classification,
    regime: inputs.regime,
    netCost,
    netCostTrace: netCostTrace(claim, rules, netCost),
    bom,
    lvc: inputs.lvc,
    creditReading: inputs.creditReading,
    intermediates: inputs.intermediates,
  }).result;
  const shift = tariffShift(claim, rules, { bom, origins: inputs.origins }).result;
  const results = inputs.results.map((r) =>
    r.id === 'rvc' ? rvc : r.id === 'tariff-shift' && r.status !== 'not-applicable' ? shift : r,
  );
  const verdict = verdictOf(results);
  return {
    coreRollUp: other,
    valueOfNonOriginatingMaterials: amountText(bom.vnm),
    rvc: rvc.value ?? null,
    rvcStatus: rvc.status,
    verdict,
    verdictDiffers: verdict !== verdictOf(inputs.results),
  };
}
