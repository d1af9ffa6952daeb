/**
 * The product-specific rule of a part claim as a requirement of the decision (UR s. 3(2), s. 5, s. 13; Schedule 1):
 * the part's own rule evaluated over its non-originating materials, every alternative reported with its paragraph,
 * citation, status and reason, and the one that qualified the part named. It takes the `tariff-shift` place of the
 * decision (a vehicle's change of tariff classification); the RVC requirement shows the RVC the part's table or
 * rule sets, which a part qualified under another alternative need not meet (s. 5(2)). Where the part fails its rule
 * only through materials of its own subheading, with an RVC meeting s. 3(4)(a), the decision says that origin
 * criterion D may apply, for a person to decide (s. 3(5)).
 */
import type { Material, NormalizedClaim } from '../../input/model.js';
import { minus, sumMoney, type Money } from '../../num/money.js';
import { moneyRatio, notLessThan, percentText, type Ratio } from '../../num/ratio.js';
import { Dec } from '../../num/decimal.js';
import { hsPrefix } from '../../rules/hs.js';
import type { RulesInForce } from '../../rules/in-force.js';
import type { Classification } from '../classification.js';
import { deMinimisBase, deMinimisValue } from '../de-minimis.js';
import { tableThreshold } from '../parts-tables.js';
import { noFindings, notApplicable, type Limb, type RequirementOutcome } from '../result.js';
import { REQUIREMENTS } from '../titles.js';
import { selfProducedCandidates, selfProducedChoice } from '../self-produced.js';
import { decideWithChoice } from './self-produced-choice.js';
import type { ResolvedOrigin, RollUp } from '../vnm.js';
import {
  evaluateProductSpecificRule,
  hasTransactionValueMethod,
  type AlternativeOutcome,
  type PsrMaterial,
  type PsrOutcome,
} from './evaluate.js';
import { nonOriginatingMaterials } from './material-origin.js';
import type { TariffItemReading } from './readings.js';

/** What the part's rule needs from earlier steps. */
export interface PartRuleInputs {
  classification: Classification;
  bom: RollUp;
  /** The origins the engine computed (a self-produced material considered as a material, s. 3(8)). */
  origins?: ReadonlyMap<Material, ResolvedOrigin> | undefined;
  /** The part's net cost (restated for accumulation). */
  netCost: Money;
  /** The reading of tariffItemPrecedence in force for the claim. */
  tariffItems: TariffItemReading;
}

/** The part decided under its own product-specific rule (or why its rule is not applied). */
export function partProductSpecificRule(
  claim: NormalizedClaim,
  rules: RulesInForce,
  inputs: PartRuleInputs,
): RequirementOutcome {
  const { classification: c, bom } = inputs;
  const title = REQUIREMENTS['tariff-shift'].title;
  if (c.rvcOnly) return { result: notApplicable('tariff-shift', title, c.rvcOnly, c.citation), ...noFindings() };
  const psr = c.productSpecificRule;
  if (!psr) {
    const reason =
      "the tariff-shift alternative of this part's rule (Annex 4-B / s. 13) is not held by this rule pack; the part is decided on its RVC alternative";
    return { result: notApplicable('tariff-shift', title, reason, c.citation), ...noFindings() };
  }
  const findings = noFindings();
  const ratios = rvcRatios(claim, inputs);
  const dm = rules.at('usmca.general.de_minimis');
  const base = deMinimisBase(claim.costs.totalCost, claim.costs.transactionValue);
  const table = c.partTable ? tableThreshold(rules, c.partTable) : undefined;
  // s. 5(4), (5): every non-originating material at its s. 8 value (a supplier's statement serves the RVC only).
  const allNonOriginatingValue = sumMoney(bom.counted.map(deMinimisValue), claim.currency);
  const evaluate = (nonOriginating: PsrMaterial[]) =>
    evaluateProductSpecificRule({
      allNonOriginatingValue,
      goodHs: claim.good.hs,
      rule: psr.rule,
      citation: psr.citation,
      citeAlternative: psr.citeAlternative,
      date: rules.date,
      nonOriginating,
      deMinimis: {
        percent: dm.value,
        base: base.value,
        baseName: base.name,
        citation: rules.citation('usmca.general.de_minimis', 's. 5(1), (4)'),
      },
      rvc: { ...ratios, elected: claim.elections.rvcMethod ?? 'net-cost' },
      // s. 7(6), s. 15(2)-(3): the table's transaction value figure only where the part's own rule has that method.
      tableThreshold: table
        ? {
            netCost: table.value.netCost,
            transactionValue: hasTransactionValueMethod(psr.rule) ? table.value.transactionValue : undefined,
            rule: { id: table.ruleId, effectiveFrom: table.effectiveFrom },
            citation: table.citation,
          }
        : c.otherVehicleRvc, // s. 20(3)(c): a Table F good for use in an other vehicle, net cost method only
      goods: psr.goods,
      goodAsWritten: claim.good.hsAsWritten,
      nationalItems: rules.at('usmca.hs.national_items').value,
      nationalTariff: claim.importingCountry,
      tariffItems: inputs.tariffItems,
    });
  // s. 3(8): where the looked-through materials do not qualify the part, a choice of self-produced materials
  // considered themselves may, at the producer's choice (self-produced-choice.ts).
  const candidates = selfProducedCandidates(claim.materials, bom, inputs.origins ?? new Map());
  const decided = decideWithChoice(
    {
      ...psr,
      goodHs: claim.good.hs,
      goodAsWritten: claim.good.hsAsWritten,
      nationalItems: rules.at('usmca.hs.national_items').value,
      nationalTariff: claim.importingCountry,
    },
    bom,
    candidates,
    (lines) => evaluate(nonOriginatingMaterials(lines)),
  );
  const outcome = decided.outcome;
  const choice =
    candidates.length > 0
      ? selfProducedChoice(
          { considered: candidates.map((c) => c.key) },
          decided.chosen.length === 0 && outcome.status === 'pass',
          decided.chosen.length > 0,
          decided.chosen,
          decided.perReading === true,
        )
      : undefined;
  for (const m of bom.counted.filter((x) => x.hs === undefined)) {
    findings.gaps.push({
      code: 'HS_MISSING',
      subject: m.key,
      message: `${m.key}: non-originating but without an HS code, so the change of tariff classification could not be checked; it is counted as not making it`,
      valueAtStake: m.vnm.amount.toFixed(2),
    });
  }
  if (outcome.status === 'undetermined') {
    // Open through materials the claim does not say enough of (a national number, the goods a material is).
    const byMaterials = outcome.alternatives.filter((a) => a.status === 'undetermined' && a.change.undetermined);
    if (byMaterials.length > 0)
      findings.gaps.push({
        code: 'PSR_MATERIAL_UNDETERMINED',
        subject: 'materials',
        message: `${outcome.reason}: ${byMaterials.map((a) => `${a.paragraph} ${(a.change.undetermined ?? []).map((m) => `${m.material}: ${m.reason}`).join('; ')}`).join('; ')} (${psr.rule.provision})`,
      });
  }
  const goodsOpen = outcome.alternatives.filter((a) => a.status === 'undetermined' && !a.change.undetermined);
  if (outcome.status === 'undetermined' && goodsOpen.length > 0) {
    const open = goodsOpen;
    // Open only through tariff items: an alternative for an item, or one for the subheading's other goods.
    const byItem = open.length > 0 && open.every((a) => a.tariffItem !== undefined || a.goods === undefined);
    findings.gaps.push({
      code: 'PSR_GOODS_UNDETERMINED',
      subject: byItem ? 'good.hs' : 'good.ruleGoods',
      message: byItem
        ? `${outcome.reason}: ${open.map((a) => `${a.paragraph} ${a.reason}`).join('; ')} (${psr.rule.provision})`
        : `${outcome.reason}; say which goods the part is with ruleGoods (${psr.rule.provision})`,
    });
  }
  for (const a of outcome.alternatives)
    for (const text of a.assumptions)
      findings.warnings.push({
        code: 'PSR_SOURCE_GOODS_ASSUMED',
        subject: 'materials',
        message: `${a.paragraph}: ${text}`,
      });
  const review = criterionDReview(claim, rules, outcome, ratios);
  if (review) findings.warnings.push(review);
  const result: RequirementOutcome['result'] = {
    id: 'tariff-shift',
    title: `Product-specific rule of origin: ${psr.rule.provision}${psr.rule.ex ? ` (${psr.rule.ex})` : ''}`,
    status: outcome.status === 'pass' ? 'pass' : 'fail',
    reason: choice && choice.route !== 'looked-through' ? `${outcome.reason}; ${choice.note}` : outcome.reason,
    rule: { id: psr.ruleId, effectiveFrom: psr.effectiveFrom },
    citation: psr.citation,
    limbs: outcome.alternatives.map(limbOf),
    details: {
      provision: psr.rule.provision,
      use: psr.use,
      qualifiedBy: outcome.qualifiedBy ?? null,
      ...(choice ? { selfProducedMaterials: choice } : {}),
      ...(outcome.readings ? { readings: outcome.readings } : {}),
      alternatives: outcome.alternatives,
    },
    trace: [],
  };
  return { result, ...findings, ...(outcome.tariffItemsInPlay ? { inPlay: ['tariffItemPrecedence' as const] } : {}) };
}

/**
 * The RVC requirement of a part qualified under an alternative of its rule that its RVC figure does not decide:
 * not applicable, with the reason (s. 5(2): "the good need not satisfy the requirements of any alternative rule").
 */
export function reconcilePartRvc(rvc: RequirementOutcome, rule: RequirementOutcome): RequirementOutcome {
  if (rule.result.status !== 'pass' || rvc.result.status !== 'fail') return rvc;
  const qualifiedBy = (rule.result.details as { qualifiedBy?: string | null } | undefined)?.qualifiedBy;
  return {
    ...rvc,
    result: {
      ...rvc.result,
      status: 'not-applicable',
      reason: `the part is originating under ${qualifiedBy ?? 'another alternative'} of its rule (${rule.result.citation ?? ''}), so it need not meet this RVC (s. 5(2))`,
    },
  };
}

function rvcRatios(
  claim: NormalizedClaim,
  inputs: PartRuleInputs,
): { netCost: Ratio; transactionValue?: Ratio | undefined } {
  const vnm = inputs.bom.vnm;
  const tv = claim.costs.transactionValue;
  return {
    netCost: moneyRatio(minus(inputs.netCost, vnm), inputs.netCost),
    transactionValue: tv ? moneyRatio(minus(tv, vnm), tv) : undefined,
  };
}

function limbOf(a: AlternativeOutcome): Limb {
  return {
    id: `tariff-shift.alternative.${a.paragraph.replace(/[^0-9A-Za-z]+/g, '')}`,
    title: `${a.paragraph}${a.goods ? ` (${a.goods})` : ''}: ${a.change.required}${a.rvc ? `, RVC not less than ${a.rvc.threshold}%` : ''}`,
    status: a.status === 'pass' ? 'pass' : 'fail',
    reason: a.reason,
    citation: a.citation,
    ...(a.rvc?.value !== undefined
      ? { value: a.rvc.value, threshold: a.rvc.threshold, comparator: '>=' as const, unit: 'percent' as const }
      : {}),
  };
}

/**
 * s. 3(4)(a): the part fails its rule, but in one alternative every material failing the change is of the part's
 * own subheading, and its RVC is not less than the figures of usmca.general.same_subheading_exception: criterion D
 * may apply if the subheading provides for the part and its parts (s. 3(5)), which the engine does not decide.
 */
function criterionDReview(
  claim: NormalizedClaim,
  rules: RulesInForce,
  outcome: PsrOutcome,
  ratios: { netCost: Ratio; transactionValue?: Ratio | undefined },
): RequirementOutcome['warnings'][number] | undefined {
  if (outcome.status === 'pass') return undefined;
  const own = hsPrefix(claim.good.hs, 'subheading');
  const alt = outcome.alternatives.find(
    (a) =>
      a.change.status === 'fail' && a.change.failing.every((f) => f.hs !== '' && hsPrefix(f.hs, 'subheading') === own),
  );
  if (!alt) return undefined;
  const d = rules.at('usmca.general.same_subheading_exception');
  const nc = notLessThan(ratios.netCost, new Dec(d.value.netCost)); // "not less than"
  const tv =
    ratios.transactionValue !== undefined && d.value.transactionValue !== undefined
      ? notLessThan(ratios.transactionValue, new Dec(d.value.transactionValue))
      : false;
  if (!nc && !tv) return undefined;
  const figure = nc
    ? `RVC ${percentText(ratios.netCost, 'ROUND_FLOOR')}% by the net cost method, not less than ${d.value.netCost}%`
    : `RVC ${percentText(ratios.transactionValue as Ratio, 'ROUND_FLOOR')}% by the transaction value method, not less than ${d.value.transactionValue ?? ''}%`;
  return {
    code: 'ORIGIN_CRITERION_D_REVIEW',
    subject: 'good',
    message: `the part fails its rule because ${alt.change.failing.map((f) => f.material).join(', ')} ${alt.change.failing.length === 1 ? 'is' : 'are'} of its own subheading ${claim.good.hs} (${alt.paragraph}), and its ${figure}: if that subheading provides for both the part and its parts (s. 3(5)), it may be originating under s. 3(4)(a), origin criterion D (${d.citation}). That is a legal judgement this engine does not make; the verdict stands until a person decides it`,
  };
}
