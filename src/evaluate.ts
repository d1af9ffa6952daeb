/**
 * The pipeline: input -> rules in force on the date -> legal tests -> verdict. Each legal test is a
 * pure module in requirements/; this file orders them, shares their results and joins them into a
 * decision. Order matters only where the law chains results: the origins of intermediate materials, core
 * parts and heavy-truck parts feed the vehicle's roll-up; the net cost feeds RVC and LVC; LVC feeds the
 * heavy-truck RVC credit.
 */
import { Trace } from './explain/trace.js';
import type { LoadedClaim } from './input/load-claim.js';
import type { Material } from './input/model.js';
import { InputError, sortProblems, type InputProblem, type ProblemCode } from './input/problems.js';
import { text } from './num/decimal.js';
import { amountText, isPositive, minus, plus, sumMoney } from './num/money.js';
import { loadRulePack } from './rules/load.js';
import { ruleFacts } from './rules/facts.js';
import { rvcWarning } from './input/plausibility.js';
import { RuleLookupError, type RulePack } from './rules/pack.js';
import { packRelease } from './rules/release.js';
import { classifyPart } from './requirements/part-claim.js';
import { classifyVehicle, type Classification } from './requirements/classification.js';
import type { EvaluationContext, NetCost } from './requirements/context.js';
import { corePartsRequirement, notApplicable } from './requirements/core-parts.js';
import { heavyTruckParts } from './requirements/heavy-truck-parts.js';
import { resolveIntermediates } from './requirements/intermediate.js';
import { laborValueContent } from './requirements/lvc.js';
import { regionalValueContent, vehicleRvcThreshold, type LvcForRvc } from './requirements/rvc.js';
import { steelAluminum } from './requirements/steel-aluminum.js';
import { tariffShift } from './requirements/tariff-shift.js';
import { byContribution, rollUp, rollUpUnderReading, type ResolvedOrigin } from './requirements/vnm.js';
import { ENGINE } from './version.js';
import type { Decision, InputPatch } from './verdict/decision.js';
import { REQUIREMENT_ORDER, type RequirementId, type RequirementResult } from './requirements/result.js';

export interface EvaluateOptions {
  pack?: RulePack;
  /** The patch the claim was changed by, named in the decision's `input` (it changes nothing evaluated). */
  patch?: InputPatch | undefined;
}

export async function evaluate(loaded: LoadedClaim, options: EvaluateOptions = {}): Promise<Decision> {
  const pack = options.pack ?? loadRulePack();
  try {
    const decision = await evaluateWith(loaded, pack);
    if (options.patch) decision.input = { ...decision.input, patch: options.patch };
    return decision;
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

async function evaluateWith(loaded: LoadedClaim, pack: RulePack): Promise<Decision> {
  const { claim } = loaded;
  const date = claim.decisionDate;
  const problems: InputProblem[] = [];
  const fail = (path: string, code: ProblemCode, message: string) =>
    problems.push(loaded.problemAt(path.split('.'), code, message));
  const isPart = claim.good.kind === 'part';
  const ruleProblems = loaded.checkAgainstRules(ruleFacts(pack));
  if (ruleProblems.length > 0) throw new InputError(sortProblems(ruleProblems));

  let classification: Classification;
  if (isPart) {
    const part = classifyPart(pack, date, claim);
    if (!part.ok) {
      for (const p of part.problems) fail(p.field, p.code, p.message);
      throw new InputError(sortProblems(problems));
    }
    classification = part.classification;
  } else {
    const classified = await classifyVehicle(pack, date, claim.good);
    if (!classified.ok) {
      fail(classified.field, classified.code, classified.message);
      throw new InputError(sortProblems(problems));
    }
    classification = classified.classification;
  }

  const warnings: EvaluationContext['warnings'] = [...claim.inputWarnings];
  const gaps: EvaluationContext['gaps'] = [];
  const ctx: EvaluationContext = {
    claim,
    pack,
    date,
    classification,
    asr: undefined,
    computedOrigins: new Map<Material, ResolvedOrigin>(),
    coreRollUp: 'none',
    rollUp: undefined as never,
    netCost: undefined as never,
    gaps,
    warnings,
  };
  ctx.asr = alternativeStagingRegime(ctx, isPart);
  const coreScope = pack.at('usmca.auto.core_parts.scope', date).value.classes;
  ctx.coreRollUp =
    !isPart && !ctx.asr && coreScope.includes(classification.vehicleClass) ? claim.interpretation.coreRollUp : 'none';
  if (classification.correlation) {
    const c = classification.correlation;
    warnings.push({
      code: 'HS_CORRELATED',
      subject: 'good.hs',
      message: `HS ${c.declared} (${c.edition}) was read as HS 2012 ${c.hs2012.join(', ')} to apply the rules, which are written in HS 2012; the correlation is not confirmed by the Parties${c.note ? ` (${c.note})` : ''}`,
    });
  }

  if (claim.good.newPlant && classification.newPlantRule !== true) {
    warnings.push({
      code: 'NEW_PLANT_NOT_APPLICABLE',
      subject: 'good.newPlant',
      message: `the reduced threshold for a new or refitted plant (s. 20(8)) is for the other vehicles of s. 20(2)-(3); it does not apply to ${classification.title}, so good.newPlant is not used`,
    });
  }
  if (claim.elections.rvcMethod === 'transaction-value') {
    const t = vehicleRvcThreshold({ ...ctx, warnings: [] }); // only the figures: its warnings come with the RVC
    if (t.transactionValue === undefined)
      fail(
        'elections.rvcMethod',
        'VALUE_NOT_ALLOWED',
        `the rule applied (${t.rule.ruleId}) allows only the net cost method (s. 7(6))`,
      );
    else if (claim.costs.transactionValue === undefined)
      fail('costs.transactionValue', 'FIELD_REQUIRED', 'the transaction value method needs costs.transactionValue');
  }
  if (problems.length > 0) throw new InputError(sortProblems(problems));

  const traces = new Map<RequirementId, Trace>(REQUIREMENT_ORDER.map((id) => [id, new Trace()]));
  const trace = (id: RequirementId) => traces.get(id) as Trace;
  const intermediates = resolveIntermediates(ctx);
  const results: RequirementResult[] = [];
  if (isPart) {
    const vehicleOnly = [
      ['core-parts', 'Core parts (Table A.2) originating', 's. 14(4)'],
      ['heavy-truck-parts', 'Heavy-truck engines, gear boxes and chassis meet Table D', 's. 15(4)'],
      ['steel', 'Steel purchases', 's. 17(1)'],
      ['aluminum', 'Aluminum purchases', 's. 17(1)'],
      ['lvc', 'Labor value content', 's. 18(1)-(2)'],
    ] as const;
    for (const [id, title, provision] of vehicleOnly) {
      results.push(
        notApplicable(id, title, 'applies to vehicles only; this claim is for a part', pack.cite('UR', provision)),
      );
    }
  } else {
    const core = corePartsRequirement(ctx, trace('core-parts'));
    for (const [m, o] of core.origins) ctx.computedOrigins.set(m, o);
    results.push(core.result);
    const ht = heavyTruckParts(ctx, trace('heavy-truck-parts'));
    for (const [m, o] of ht.origins) ctx.computedOrigins.set(m, o);
    results.push(ht.result);
  }

  ctx.rollUp = rollUp(claim.materials, {
    currency: claim.currency,
    computed: ctx.computedOrigins,
    coreRollUp: ctx.coreRollUp,
    method: claim.elections.rvcMethod ?? 'net-cost',
  });
  gaps.push(...ctx.rollUp.gaps);
  warnings.push(...ctx.rollUp.warnings);
  ctx.netCost = netCostOf(ctx, ctx.rollUp.netCostAdjustment);
  if (!isPositive(ctx.netCost.value)) {
    fail(
      'costs.totalCost',
      'NET_COST_NOT_POSITIVE',
      "after restating accumulated materials at their suppliers' net cost (s. 9(2)(a)), no positive net cost is left",
    );
    throw new InputError(problems);
  }
  addNetCostTrace(ctx, trace('rvc'));

  let lvcForRvc: LvcForRvc | undefined;
  if (!isPart) {
    const lvc = laborValueContent(ctx, trace('lvc'));
    results.push(lvc.result);
    lvcForRvc = { passed: lvc.result.status === 'pass', materialPoints: lvc.materialPoints, total: lvc.total };
    results.push(steelAluminum(ctx, 'steel', trace('steel')), steelAluminum(ctx, 'aluminum', trace('aluminum')));
  }
  const shift = isPart ? partTariffShift(ctx) : await tariffShift(ctx, trace('tariff-shift'));
  const rvc = regionalValueContent(ctx, trace('rvc'), lvcForRvc);
  rvc.details = { ...rvc.details, intermediateMaterials: intermediates };
  warnings.push(...rvcWarning(rvc.value));
  if (isPart && rvc.status === 'fail' && !ctx.classification.category.includes('A.1')) {
    // Tables B-E and aftermarket parts may also be originating under a tariff-shift alternative (s. 14(14),
    // (16), s. 15, s. 13), which the pack does not hold: the failing RVC is not the last word.
    gaps.push({
      code: 'TARIFF_SHIFT_NOT_EVALUATED',
      subject: 'good',
      message: `the part fails its RVC alternative, but its rule also offers a change of tariff classification, which this rule pack does not hold (s. 14(14), (16); s. 13; Annex 4-B): if every non-originating material makes the change the rule requires, the part is originating; check the rule by hand`,
    });
  }
  results.push(shift, rvc);
  for (const r of results) r.trace = trace(r.id).list();
  results.sort((a, b) => REQUIREMENT_ORDER.indexOf(a.id) - REQUIREMENT_ORDER.indexOf(b.id));

  const originating = results.every((r) => r.status !== 'fail');
  const criteria = pack.at('usmca.general.origin_criteria', date);
  const criterion = !originating ? null : ctx.rollUp.counted.length === 0 ? 'C' : 'B';
  if (criterion && !criteria.value[criterion])
    throw new Error(`internal: origin criterion ${criterion} missing from the pack`);
  const alternative = ctx.coreRollUp === 'none' ? undefined : await alternativeReading(ctx, results, lvcForRvc);

  return {
    format: 'usmca-roo/decision@1',
    claim: {
      id: claim.id,
      decisionDate: date,
      currency: claim.currency,
      period: claim.period,
      good: { ...claim.good },
    },
    engine: { ...ENGINE },
    rules: { id: pack.id, version: pack.version, sha256: pack.sha256, release: packRelease(pack) },
    input: { sha256: loaded.inputSha256 },
    verdict: originating ? 'originating' : 'not-originating',
    originCriterion: criterion,
    classification: {
      kind: claim.good.kind,
      vehicleClass: classification.vehicleClass,
      category: classification.category,
      title: classification.title,
      hs2012: classification.hs2012,
      rule: classification.rule,
      citation: classification.citation,
      conditions: classification.outcomes,
      ...(classification.correlation ? { correlation: classification.correlation } : {}),
      ...(ctx.asr ? { alternativeStagingRegime: ctx.asr } : {}),
    },
    interpretation: {
      coreRollUp: ctx.coreRollUp === 'none' ? 'not-applicable' : ctx.coreRollUp,
      defaulted: claim.interpretation.coreRollUpDefaulted,
      citation: pack.cite('UR', 's. 14(1), s. 7(4)', 'USMCA Art. 4.5.4; panel report USA-MEX-2022-31-01'),
      ...(alternative ? { alternative } : {}),
    },
    requirements: results,
    netCost: {
      currency: claim.currency,
      totalCost: amountText(ctx.netCost.totalCost),
      excludedCosts: amountText(ctx.netCost.excludedCosts),
      accumulationAdjustment: amountText(ctx.netCost.accumulationAdjustment),
      netCost: amountText(ctx.netCost.value),
    },
    bom: {
      currency: claim.currency,
      valueOfNonOriginatingMaterials: amountText(ctx.rollUp.vnm),
      originatingValueRolledUp: amountText(ctx.rollUp.originatingValue),
      linesVisited: ctx.rollUp.linesVisited,
      // Keys written in sorted order, so the canonical writer need not copy these (often many) lines.
      counted: [...ctx.rollUp.counted].sort(byContribution).map((l) => ({
        description: l.description,
        hs: l.hs ?? '',
        ...(l.hsAsWritten !== undefined ? { hsAsWritten: l.hsAsWritten } : {}),
        material: l.key,
        quantityPerGood: text(l.quantityPerGood),
        reason: l.reason,
        value: amountText(l.vnm),
      })),
      intermediateMaterials: intermediates,
    },
    exchangeRates: [...claim.rates.values()]
      .map((r) => ({
        currency: r.from,
        rate: r.rateText,
        date: r.date,
        source: r.source,
        ...(r.quote !== undefined ? { quote: r.quote } : {}),
        // A rate quoted as units of the currency per reporting unit was inverted: the decision shows what was applied.
        ...(r.quote?.startsWith(`${r.from} per`) ? { rateApplied: text(r.rate) } : {}),
      }))
      .sort((a, b) => (a.currency < b.currency ? -1 : 1)),
    evidenceGaps: sortBy(dedupe(gaps), (g) => `${g.subject}\u0000${g.code}`),
    warnings: sortBy(dedupe(warnings), (w) => `${w.code}\u0000${w.subject ?? ''}\u0000${w.message}`),
  };
}

function netCostOf(ctx: EvaluationContext, adjustment: EvaluationContext['rollUp']['netCostAdjustment']): NetCost {
  const c = ctx.claim.costs;
  const excludedCosts = sumMoney(
    [c.salesPromotionMarketingAfterSalesService, c.royalties, c.shippingAndPacking, c.nonAllowableInterest],
    ctx.claim.currency,
  );
  return {
    totalCost: c.totalCost,
    excludedCosts,
    accumulationAdjustment: adjustment,
    value: plus(minus(c.totalCost, excludedCosts), adjustment),
  };
}

function addNetCostTrace(ctx: EvaluationContext, trace: Trace): void {
  const c = ctx.claim.costs;
  trace.add({
    id: 'rvc.netCost',
    description:
      'net cost per unit: total cost minus excluded costs (sales promotion, marketing and after-sales service; royalties; shipping and packing; non-allowable interest), restated for accumulation',
    value: amountText(ctx.netCost.value),
    unit: 'money',
    currency: ctx.claim.currency,
    formula:
      'totalCost - (salesPromotionMarketingAfterSalesService + royalties + shippingAndPacking + nonAllowableInterest) + accumulationAdjustment',
    inputs: {
      totalCost: amountText(c.totalCost),
      salesPromotionMarketingAfterSalesService: amountText(c.salesPromotionMarketingAfterSalesService),
      royalties: amountText(c.royalties),
      shippingAndPacking: amountText(c.shippingAndPacking),
      nonAllowableInterest: amountText(c.nonAllowableInterest),
      accumulationAdjustment: amountText(ctx.netCost.accumulationAdjustment),
    },
    citation: ctx.pack.cite('UR', 's. 1 "net cost", "total cost", s. 7(11), (13), s. 9(2)(a)'),
  });
}

/** The approved alternative staging regime, if declared and in effect on the decision date (s. 19). */
function alternativeStagingRegime(ctx: EvaluationContext, isPart: boolean): EvaluationContext['asr'] {
  const declared = ctx.claim.good.alternativeStagingRegime;
  if (!declared) return undefined;
  const rule = ctx.pack.at('usmca.auto.asr', ctx.date);
  if (isPart || !rule.value.classes.includes(ctx.classification.vehicleClass)) {
    ctx.warnings.push({
      code: 'ASR_NOT_ELIGIBLE',
      subject: 'good.alternativeStagingRegime',
      message: `an alternative staging regime covers ${rule.value.classes.join(' and ')} only (${rule.citation}); it is ignored for this good`,
    });
    return undefined;
  }
  if (ctx.date < declared.start || ctx.date > declared.end) {
    ctx.warnings.push({
      code: 'ASR_NOT_IN_EFFECT',
      subject: 'good.alternativeStagingRegime',
      message: `the regime ${declared.reference} runs ${declared.start} to ${declared.end}; on ${ctx.date} the ordinary requirements apply`,
    });
    return undefined;
  }
  if (declared.end > rule.value.defaultEnd) {
    ctx.warnings.push({
      code: 'ASR_BEYOND_DEFAULT',
      subject: 'good.alternativeStagingRegime',
      message: `the regime runs past ${rule.value.defaultEnd}, the end of the period in s. 19(2); this relies on the approved regime providing another period`,
    });
  }
  return {
    reference: declared.reference,
    start: declared.start,
    end: declared.end,
    steelAluminumExempt: declared.steelAluminumExempt,
  };
}

function partTariffShift(ctx: EvaluationContext): RequirementResult {
  const table = ctx.classification.category;
  const reason = table.includes('A.1')
    ? 'a Table A.1 part for a passenger vehicle or light truck is originating only by meeting its RVC (s. 14(2)); there is no tariff-shift route'
    : "the tariff-shift alternative of this part's rule (Annex 4-B / s. 13) is not held by this rule pack; the part is decided on its RVC alternative";
  return notApplicable('tariff-shift', 'Change of tariff classification', reason, ctx.classification.citation);
}

/** The verdict under the other reading of the core-part roll-up (domain reference §3.5). */
async function alternativeReading(
  ctx: EvaluationContext,
  results: RequirementResult[],
  lvc: LvcForRvc | undefined,
): Promise<Record<string, unknown>> {
  const other = ctx.coreRollUp === 'full' ? 'rvc-only' : 'full';
  const altRoll = rollUpUnderReading(ctx.rollUp, {
    currency: ctx.claim.currency,
    computed: ctx.computedOrigins,
    coreRollUp: other,
  });
  const altCtx: EvaluationContext = {
    ...ctx,
    coreRollUp: other,
    rollUp: altRoll,
    netCost: netCostOf(ctx, altRoll.netCostAdjustment),
    gaps: [],
    warnings: [],
  };
  const altRvc = regionalValueContent(altCtx, new Trace(), lvc);
  const altShift = await tariffShift(altCtx, new Trace());
  const altResults = results.map((r) =>
    r.id === 'rvc' ? altRvc : r.id === 'tariff-shift' && r.status !== 'not-applicable' ? altShift : r,
  );
  const verdict = altResults.every((r) => r.status !== 'fail') ? 'originating' : 'not-originating';
  const current = results.every((r) => r.status !== 'fail') ? 'originating' : 'not-originating';
  return {
    coreRollUp: other,
    valueOfNonOriginatingMaterials: amountText(altRoll.vnm),
    rvc: altRvc.value ?? null,
    rvcStatus: altRvc.status,
    verdict,
    verdictDiffers: verdict !== current,
  };
}

function sortBy<T>(list: T[], key: (t: T) => string): T[] {
  return [...list].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

function dedupe<T>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((w) => {
    const k = JSON.stringify(w);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
