/**
 * The pipeline: a loaded claim and the rules in force on its decision date in, a decision out. Each step is a
 * pure function of the claim, the rule values and the results of earlier steps; the order is where the law
 * chains results: the origins of designated intermediate materials, core parts and heavy-truck parts feed the
 * vehicle's roll-up; the roll-up gives the net cost, which feeds RVC and LVC; LVC feeds the heavy-truck RVC
 * credit; the results join into the verdict.
 */
import type { LoadedClaim } from './input/load-claim.js';
import type { Material, NormalizedClaim } from './input/model.js';
import type { InterpretationSettings, SwitchId } from './input/terms.js';
import { rvcWarning } from './input/plausibility.js';
import { InputError, sortProblems } from './input/problems.js';
import { classifyGood, type Classification } from './requirements/classification.js';
import { coreParts, coreRollUpReading } from './requirements/core-parts.js';
import { heavyTruckParts } from './requirements/heavy-truck-parts.js';
import { intermediateMaterials } from './requirements/intermediate.js';
import { intermediateNesting } from './requirements/intermediate-nesting.js';
import { thresholdDate, type ThresholdDate } from './requirements/threshold-date.js';
import { laborValueContent } from './requirements/lvc.js';
import { netCostOf, netCostOfGood, type NetCost } from './requirements/net-cost.js';
import { vehicleOnlyNotApplicable } from './requirements/part-claim.js';
import { interpretationOf, type Interpretation } from './requirements/interpretation.js';
import type { IntermediateResult } from './requirements/intermediate.js';
import { zero } from './num/money.js';
import {
  noFindings,
  notApplicable,
  REQUIREMENT_ORDER,
  type ClaimProblem,
  type EvidenceGap,
  type RequirementOutcome,
  type RequirementResult,
  type Warning,
} from './requirements/result.js';
import { regionalValueContent, type LvcForRvc } from './requirements/rvc.js';
import { rvcMethodProblems } from './requirements/rvc-method.js';
import { alternativeStagingRegime, type StagingRegime } from './requirements/staging-regime.js';
import { steelAluminum } from './requirements/steel-aluminum.js';
import { partProductSpecificRule, reconcilePartRvc } from './requirements/psr/part-rule.js';
import { tariffShift } from './requirements/tariff-shift.js';
import { REQUIREMENTS } from './requirements/titles.js';
import { purchasedLinesNotUsed } from './requirements/purchased-lines.js';
import { rollUp, type CoreRollUp, type ResolvedOrigin, type RollUp } from './requirements/vnm.js';
import { RulesInForce } from './rules/in-force.js';
import { loadRulePack } from './rules/load.js';
import { ruleFacts } from './rules/facts.js';
import { RuleLookupError, type RulePack } from './rules/pack.js';
import { alternativeReading } from './verdict/alternative-reading.js';
import { decisionDocument, type Decision, type InputPatch } from './verdict/decision.js';
import { originDetermination, type Verdict } from './verdict/origin.js';
import { otherReadings, readingWarning } from './verdict/other-readings.js';
import { ENGINE } from './version.js';

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** The rule pack to apply (default: the bundled USMCA pack). */
  pack?: RulePack;
  /** The patch the claim was changed by, named in the decision's `input` (it changes nothing evaluated). */
  patch?: InputPatch | undefined;
}

/**
 * Decides whether the claimed good is originating on the claim's decision date (USMCA chapter 4 and its
 * automotive appendix, UR SOR/2020-155 = 19 CFR 182 App. A). Throws InputError with every problem found when
 * the claim cannot be decided as given (e.g. no vehicle class fits its HS code, no rule in force on its date:
 * RULE_NOT_IN_FORCE); "not originating" is a verdict, never an error.
 */
export function evaluate(loaded: LoadedClaim, options: EvaluateOptions = {}): Decision {
  const pack = options.pack ?? loadRulePack();
  try {
    return decide(loaded, new RulesInForce(pack, loaded.claim.decisionDate), options.patch);
  } catch (err) {
    if (err instanceof RuleLookupError && err.code === 'RULE_NOT_IN_FORCE') {
      throw new InputError([
        loaded.problemAt(
          ['decisionDate'],
          'RULE_NOT_IN_FORCE',
          `no rule is in force on ${loaded.claim.decisionDate}: ${err.message}`,
        ),
      ]);
    }
    throw err;
  }
}

function decide(loaded: LoadedClaim, rules: RulesInForce, patch: InputPatch | undefined): Decision {
  const ruleProblems = loaded.checkAgainstRules(ruleFacts(rules.pack));
  if (ruleProblems.length > 0) throw new InputError(sortProblems(ruleProblems));
  const { claim } = loaded;
  const main = run(loaded, claim, rules);
  const alternative =
    main.reading === 'none'
      ? undefined
      : alternativeReading(claim, main.thresholds.rules, {
          reading: main.reading,
          classification: main.classification,
          regime: main.regime,
          bom: main.bom,
          origins: main.origins,
          lvc: main.lvc,
          creditReading: main.interpretation.heavyTruckCredit.value,
          intermediates: main.intermediates,
          results: main.results,
        });
  // Every other switch in play: the claim evaluated again with that switch turned.
  const inPlay = [...new Set([...main.outcomes.flatMap((o) => o.inPlay ?? []), ...main.inPlay])].sort();
  const others = otherReadings(main.interpretation, inPlay, main, (id, value) =>
    run(
      loaded,
      { ...claim, interpretation: { ...claim.interpretation, [id]: value } as InterpretationSettings },
      rules,
    ),
  );
  const coreWarning =
    alternative?.verdictDiffers === true
      ? [readingWarning('coreRollUp', String(alternative.coreRollUp), alternative.verdict as Verdict)]
      : [];
  return decisionDocument({
    claim,
    inputSha256: loaded.inputSha256,
    patch,
    engine: ENGINE,
    rules,
    classification: main.classification,
    regime: main.regime,
    reading: main.reading,
    interpretation: main.interpretation,
    alternative,
    otherReadings: others.others,
    verdict: main.verdict,
    originCriterion: main.originCriterion,
    results: main.results,
    netCost: main.netCost,
    bom: main.bom,
    intermediates: main.intermediates,
    gaps: main.gaps,
    warnings: [...main.warnings, ...coreWarning, ...others.warnings],
  });
}

/** One evaluation of the claim under the readings its `interpretation` gives: every result and finding. */
interface Run {
  interpretation: Interpretation;
  /** The rules the RVC and LVC thresholds are read from (interpretation.thresholdDate). */
  thresholds: ThresholdDate;
  /** Switches in play for the claim as a whole (besides those a requirement reports). */
  inPlay: SwitchId[];
  classification: Classification;
  regime: StagingRegime | undefined;
  reading: CoreRollUp;
  origins: ReadonlyMap<Material, ResolvedOrigin>;
  bom: RollUp;
  netCost: NetCost;
  lvc: LvcForRvc | undefined;
  intermediates: IntermediateResult[];
  outcomes: RequirementOutcome[];
  results: RequirementResult[];
  verdict: Verdict;
  originCriterion: 'B' | 'C' | null;
  gaps: EvidenceGap[];
  warnings: Warning[];
}

function run(loaded: LoadedClaim, claim: NormalizedClaim, rules: RulesInForce): Run {
  const refuse = (problems: ClaimProblem[]): never => {
    throw new InputError(
      sortProblems(problems.map((p) => loaded.problemAt(p.path ?? p.field.split('.'), p.code, p.message))),
    );
  };
  const isPart = claim.good.kind === 'part';

  // What the good is, and which regime and readings apply to it.
  const classified = classifyGood(claim, rules);
  if (!classified.ok) return refuse(classified.problems);
  const { classification } = classified;
  const staging = alternativeStagingRegime(claim, rules, classification);
  const regime = staging.regime;
  const interpretation = interpretationOf(claim, rules);
  const reading = coreRollUpReading(claim, rules, classification, regime, interpretation.coreRollUp.value);
  const nesting = intermediateNesting(claim, rules, { classification, regime });
  const thresholds = thresholdDate(claim, rules, interpretation.thresholdDate.value, { classification, regime });
  const inPlay: SwitchId[] = thresholds.inPlay ? ['thresholdDate'] : [];
  const refused = [...rvcMethodProblems(claim, thresholds.rules, classification, regime), ...nesting.problems];
  if (refused.length > 0) refuse(refused);

  // Origins the engine computes, in the order the law chains them. The parts tables' thresholds (s. 14(13), (15),
  // (17), s. 15(2)-(3)) step on the dates of the vehicle's RVC and are read on the same date (thresholdDate).
  const tariffItems = interpretation.tariffItemPrecedence.value;
  const intermediates = intermediateMaterials(claim, thresholds.rules, {
    classification,
    regime,
    reading,
    tariffItems,
  });
  if (intermediates.tariffItemsInPlay) inPlay.push('tariffItemPrecedence');
  let origins: ReadonlyMap<Material, ResolvedOrigin> = intermediates.origins;
  const originTests: RequirementOutcome[] = [];
  if (!isPart) {
    const listedReading = interpretation.listedComponents.value;
    const averageReading = interpretation.coreAverageThreshold.value;
    const core = coreParts(claim, thresholds.rules, {
      classification,
      regime,
      reading,
      listedReading,
      averageReading,
      origins,
    });
    origins = new Map([...origins, ...core.origins]);
    const partsReading = interpretation.heavyTruckParts.value;
    const heavy = heavyTruckParts(claim, thresholds.rules, { classification, reading, partsReading, origins });
    origins = new Map([...origins, ...heavy.origins]);
    originTests.push(core, heavy);
  }

  // The bill of materials rolled up, and the net cost.
  const method = claim.elections.rvcMethod ?? 'net-cost';
  const bom = rollUp(claim.materials, { currency: claim.currency, computed: origins, coreRollUp: reading, method });
  const net = netCostOfGood(claim, rules, bom.netCostAdjustment);
  if (!net.ok) return refuse([net.problem]);
  const netCost = net.netCost;

  // The requirements that use them.
  let lvcForRvc: LvcForRvc | undefined;
  const vehicleTests: RequirementOutcome[] = isPart ? vehicleOnlyNotApplicable(rules) : [];
  if (!isPart) {
    // s. 18(6)(a): the vehicle's own net cost, or as restated for accumulation (interpretation.lvcNetCost).
    const restated = !bom.netCostAdjustment.amount.isZero();
    const lvcNetCost =
      interpretation.lvcNetCost.value === 'book' && restated ? netCostOf(claim, zero(claim.currency)) : netCost;
    const lvc = laborValueContent(claim, thresholds.rules, { classification, regime, netCost: lvcNetCost });
    if (restated && lvc.result.status !== 'not-applicable' && (claim.elections.lvcFormula ?? 'net-cost') === 'net-cost')
      inPlay.push('lvcNetCost');
    lvcForRvc = { passed: lvc.result.status === 'pass', materialPoints: lvc.materialPoints, total: lvc.total };
    const metals = { classification, regime };
    vehicleTests.push(
      lvc,
      steelAluminum(claim, rules, 'steel', metals),
      steelAluminum(claim, rules, 'aluminum', metals),
    );
  }
  const shift = isPart
    ? partProductSpecificRule(claim, thresholds.rules, {
        classification,
        bom,
        origins,
        netCost: netCost.value,
        tariffItems,
      })
    : tariffShift(claim, rules, { bom, origins });
  const rvcComputed = classification.rvcNotRequired
    ? {
        result: notApplicable('rvc', REQUIREMENTS.rvc.title, classification.rvcNotRequired, classification.citation),
        ...noFindings(),
      }
    : regionalValueContent(claim, thresholds.rules, {
        classification,
        regime,
        netCost,
        netCostTrace: net.trace,
        bom,
        lvc: lvcForRvc,
        creditReading: interpretation.heavyTruckCredit.value,
        intermediates: intermediates.results,
      });
  const rvc = isPart ? reconcilePartRvc(rvcComputed, shift) : rvcComputed;

  // The verdict.
  const outcomes = [...originTests, ...vehicleTests, shift, rvc];
  const results = outcomes
    .map((o) => o.result)
    .sort((a, b) => REQUIREMENT_ORDER.indexOf(a.id) - REQUIREMENT_ORDER.indexOf(b.id));
  const { verdict, originCriterion } = originDetermination(results, bom.counted.length, rules);
  return {
    interpretation,
    thresholds,
    inPlay,
    classification,
    regime,
    reading,
    origins,
    bom,
    netCost,
    lvc: lvcForRvc,
    intermediates: intermediates.results,
    outcomes,
    results,
    verdict,
    originCriterion,
    // In the order found (the decision sorts them; gaps that sort alike keep this order).
    gaps: [
      ...intermediates.gaps,
      ...originTests.flatMap((o) => o.gaps),
      ...bom.gaps,
      ...[...vehicleTests, shift, rvc].flatMap((o) => o.gaps),
    ],
    warnings: [
      ...claim.inputWarnings,
      ...staging.warnings,
      ...classified.warnings,
      ...thresholds.warnings,
      ...nesting.warnings,
      ...intermediates.warnings,
      ...outcomes.flatMap((o) => o.warnings),
      ...rvcWarning(rvc.result.value),
      ...bom.warnings,
      ...purchasedLinesNotUsed(claim.materials, origins),
    ],
  };
}
