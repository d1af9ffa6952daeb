/**
 * The credits and checks of the labor value content besides its first term, UR s. 18 (treaty Appendix
 * Art. 7): the high-wage technology expenditure credit, (R&D + IT wages) / direct production wages x 100,
 * capped (s. 18(9)-(11)); the high-wage assembly expenditure credit for a producer that operates, or has a
 * supply contract of the minimum years with, a qualifying plant of the required engine, transmission or
 * battery-pack capacity (s. 12, s. 18(12)-(14)); and the currency of plants' wage periods (s. 18(5)).
 */
import type { NormalizedClaim, Plant } from '../input/model.js';
import { Dec, ZERO, text } from '../num/decimal.js';
import { addDays, addMonths, followingPeriodEnd } from '../num/dates.js';
import { isPositive, plus, type Money } from '../num/money.js';
import { capAt, moneyRatio, percentText, points, type Ratio } from '../num/ratio.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { InForce } from '../rules/pack.js';
import type { LvcThresholds, VehicleClassName } from '../rules/values.js';
import type { Limb } from './result.js';
import type { PlantWageStatus } from './wages.js';

/** A credit in points, and its limb. */
export interface Credit {
  points: Ratio;
  limb: Limb;
}

/** The technology credit, capped at the rule's cap (s. 18(9)-(11)); zero without technology wages. */
export function technologyCredit(
  claim: NormalizedClaim,
  rules: RulesInForce,
  rule: InForce<LvcThresholds>,
  money: (m: { amount: string; currency?: string | undefined } | undefined) => Money,
): Credit {
  const t = rule.value;
  const lvc = claim.producer.laborValueContent;
  const cap = new Dec(t.technologyCap);
  let tech: Ratio = points(ZERO);
  let techRaw = '0';
  if (lvc?.technology) {
    const rd = plus(
      money(lvc.technology.researchAndDevelopmentWages),
      money(lvc.technology.informationTechnologyWages),
    );
    const dpw = money(lvc.technology.directProductionWages);
    if (isPositive(dpw)) {
      const raw = moneyRatio(rd, dpw);
      techRaw = percentText(raw, 'ROUND_FLOOR');
      tech = capAt(raw, cap);
    }
  }
  return {
    points: tech,
    limb: {
      id: 'lvc.technology-credit',
      title: `high-wage technology expenditures credit, (R&D + IT wages) / direct production wages x 100, capped at ${t.technologyCap} points`,
      status: 'pass',
      value: percentText(tech, 'ROUND_FLOOR'),
      threshold: t.technologyCap,
      comparator: '<=',
      unit: 'points',
      rule: { id: rule.ruleId, effectiveFrom: rule.effectiveFrom, value: t.technologyCap },
      citation: rules.cite('UR', 's. 18(9)-(11)'),
      details: { uncapped: techRaw },
    },
  };
}

/** The assembly credit (s. 18(12)-(14)): its points if a plant qualifies, zero otherwise. */
export function assemblyCredit(
  claim: NormalizedClaim,
  rules: RulesInForce,
  rule: InForce<LvcThresholds>,
  statuses: ReadonlyMap<string, PlantWageStatus>,
  vehicleClass: VehicleClassName,
): { points: Dec; limb: Limb } {
  const t = rule.value;
  const ac = rules.at('usmca.auto.lvc.assembly_credit');
  const capacity = vehicleClass === 'heavy-truck' ? ac.value.capacityHeavy : ac.value.capacityPassengerLight;
  const qualifyingPlant = [...claim.plants.values()]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .find((p) => assemblyPlantQualifies(p, statuses.get(p.id), capacity, ac.value.minimumContractYears));
  const acPoints = qualifyingPlant ? new Dec(t.assemblyCredit) : ZERO;
  return {
    points: acPoints,
    limb: {
      id: 'lvc.assembly-credit',
      title: `high-wage assembly expenditures credit (${t.assemblyCredit} points)`,
      status: 'pass',
      value: text(acPoints),
      threshold: t.assemblyCredit,
      comparator: '<=',
      unit: 'points',
      rule: { id: ac.ruleId, effectiveFrom: ac.effectiveFrom, value: t.assemblyCredit },
      citation: ac.citation,
      reason: qualifyingPlant
        ? `plant ${qualifyingPlant.id} (${qualifyingPlant.operator === 'self' ? 'operated by the producer' : `supply contract of ${qualifyingPlant.input.supplyContractYears} years`}) is a qualifying high-wage plant with the required capacity`
        : 'no plant operated by the producer, or under a supply contract of the minimum length, is a qualifying high-wage plant with the required engine, transmission or battery-pack capacity',
      details: { capacityRequired: capacity, minimumContractYears: ac.value.minimumContractYears },
    },
  };
}

/**
 * s. 18(5): a certification of a plant's wage status rests on a past wage period and is valid for the period of
 * the same length that follows it. A plant that qualifies on wages whose period, with the period that follows
 * it, does not take in the decision date is not shown to be a qualifying wage-rate plant on that date: the
 * returned statuses give it `qualifies: undefined` with `lapsed` (the finding's subject and message), so its
 * materials and labor do not count as high-wage and the decision carries the gap WAGE_PERIOD_NOT_CURRENT. A
 * decision date inside the wage period itself is accepted (wages measured during the period the claim covers).
 */
export function lapsedWageStatuses(
  claim: NormalizedClaim,
  rules: RulesInForce,
  statuses: ReadonlyMap<string, PlantWageStatus>,
): Map<string, PlantWageStatus> {
  const out = new Map(statuses);
  const rule = rules.optional('usmca.auto.lvc.wage_certification_validity');
  if (!rule) return out;
  const date = claim.decisionDate;
  for (const s of statuses.values()) {
    const plant = claim.plants.get(s.plant);
    if (s.qualifies !== true || !s.period || !plant) continue;
    const validUntil = validityEnd(s.period.start, s.period.end, rule.value.longestValidityMonths);
    if (date >= s.period.start && date <= validUntil) continue;
    const when =
      date < s.period.start
        ? 'is before that period begins'
        : `is after ${validUntil}, the end of the following period of the same length${rule.value.longestValidityMonths ? ` (${rule.value.longestValidityMonths} months at most)` : ''}`;
    const reason = `its wages for ${s.period.start} to ${s.period.end} (${s.reason}) support no certification on ${date}, which ${when} (${rule.citation})`;
    out.set(s.plant, {
      ...s,
      qualifies: undefined,
      reason,
      lapsed: {
        subject: `producer.${plant.path}.wages.period`,
        message: `plant ${s.plant} is not shown to be a qualifying wage-rate plant on ${date}: ${reason}; a wage certification is valid for the following period of the same length. Give wages for a current period`,
      },
    });
  }
  return out;
}

function assemblyPlantQualifies(
  p: Plant,
  status: PlantWageStatus | undefined,
  capacity: { engines: string; transmissions: string; advancedBatteryPacks: string },
  minYears: string,
): boolean {
  if (status?.qualifies !== true) return false;
  const ownOrContract =
    p.operator === 'self' ||
    (p.input.supplyContractYears !== undefined &&
      new Dec(p.input.supplyContractYears).greaterThanOrEqualTo(new Dec(minYears)));
  if (!ownOrContract) return false;
  const c = p.input.capacity;
  if (!c) return false;
  const atLeast = (have: string | undefined, need: string) =>
    have !== undefined && new Dec(have).greaterThanOrEqualTo(new Dec(need));
  return (
    atLeast(c.engines, capacity.engines) ||
    atLeast(c.transmissions, capacity.transmissions) ||
    atLeast(c.advancedBatteryPacks, capacity.advancedBatteryPacks)
  );
}

/** The last day a certification on wages of [start, end] is valid: the following period of the same length, cut
 * to `longestMonths` after the period where the rule pack gives that longest validity (s. 18(5)). */
function validityEnd(start: string, end: string, longestMonths: string | undefined): string {
  const following = followingPeriodEnd(start, end);
  if (longestMonths === undefined) return following;
  const longest = addDays(addMonths(addDays(end, 1), Number(longestMonths)), -1);
  return longest < following ? longest : following;
}
