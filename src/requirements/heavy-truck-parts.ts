/**
 * Heavy-truck engines, gear boxes and chassis, UR s. 15(4) (treaty Appendix Art. 4.4): despite s. 13 or
 * Schedule 1, an engine of 84.07 or 84.08, a gear box of 8708.40 or a chassis of 8708.99 for use in a heavy
 * truck is originating only if it meets the Table D RVC of s. 15(2), net cost method:
 *   RVC = (part's net cost - VNM of its own materials) / part's net cost x 100.
 * How s. 15(4) bears on the truck is the switch heavyTruckParts (usmca.interpretation.heavy_truck_parts): under
 * `origin-rule` (the default) it decides the origin of each such part with figures, and a part that fails counts
 * as a non-originating material in the truck's RVC; the requirement itself is not one of the truck's (reported as
 * not applicable, with the parts' limbs). Under `gate` the truck passes only if each such part is originating.
 */
import { Trace } from '../explain/trace.js';
import { declaredOrigin, type Material, type NormalizedClaim } from '../input/model.js';
import { Dec, ONE, product } from '../num/decimal.js';
import { amountText, isPositive, minus, plus, times, zero } from '../num/money.js';
import { moneyRatio } from '../num/ratio.js';
import { hsMatchesAny } from '../rules/hs.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { Classification } from './classification.js';
import { percentLimb } from './limb.js';
import { tableThreshold } from './parts-tables.js';
import { noFindings, notApplicable, type Limb, type RequirementOutcome } from './result.js';
import { REQUIREMENTS } from './titles.js';
import { rollUp, type CoreRollUp, type ResolvedOrigin } from './vnm.js';

/** What the heavy-truck parts requirement needs from earlier steps. */
export interface HeavyTruckPartsInputs {
  classification: Classification;
  reading: CoreRollUp;
  /** How s. 15(4) bears on the truck: the parts' origin only, or a condition on the truck as well. */
  partsReading: 'origin-rule' | 'gate';
  /** Origins computed before it (designated intermediate materials, core parts). */
  origins: ReadonlyMap<Material, ResolvedOrigin>;
}

/** The result, and the origins of the parts whose Table D RVC was computed. */
export interface HeavyTruckPartsOutcome extends RequirementOutcome {
  origins: Map<Material, ResolvedOrigin>;
}

export function heavyTruckParts(
  claim: NormalizedClaim,
  rules: RulesInForce,
  inputs: HeavyTruckPartsInputs,
): HeavyTruckPartsOutcome {
  const { classification } = inputs;
  const findings = noFindings();
  const trace = new Trace();
  const scope = rules.at('usmca.auto.heavy_truck_parts.scope');
  const title = REQUIREMENTS['heavy-truck-parts'].title;
  const origins = new Map<Material, ResolvedOrigin>();
  if (!scope.value.classes.includes(classification.vehicleClass)) {
    return {
      result: notApplicable(
        'heavy-truck-parts',
        title,
        `applies to ${scope.value.classes.join(', ')} only; this good is ${classification.vehicleClass}`,
        scope.citation,
      ),
      origins,
      ...findings,
    };
  }
  const gate = inputs.partsReading === 'gate';
  const threshold = tableThreshold(rules, scope.value.table); // s. 15(4): "the applicable RVC requirement in subsection (2)"
  const T = new Dec(threshold.value.netCost);
  const found: Array<{ m: Material; kind: string; perGood: Dec }> = [];
  const walk = (list: readonly Material[], mult: Dec): void => {
    for (const m of list) {
      const perGood = product(mult, m.quantity);
      const kind =
        m.hs === undefined
          ? undefined
          : hsMatchesAny(m.hs, scope.value.engines)
            ? 'engine'
            : hsMatchesAny(m.hs, scope.value.gearBoxes)
              ? 'gear box'
              : hsMatchesAny(m.hs, scope.value.chassis) && m.corePart === 'body-and-chassis'
                ? 'chassis'
                : undefined;
      if (kind) found.push({ m, kind, perGood });
      else walk(m.children, perGood);
    }
  };
  walk(claim.materials, ONE);
  found.sort((a, b) => (a.m.key < b.m.key ? -1 : a.m.key > b.m.key ? 1 : 0));
  if (found.length === 0 && !gate) {
    return {
      result: notApplicable(
        'heavy-truck-parts',
        title,
        "no engine (84.07/84.08), gear box (8708.40) or chassis (8708.99 marked corePart body-and-chassis) is in the bill of materials; s. 15(4) decides the origin of such parts, not the truck's (interpretation.heavyTruckParts: origin-rule)",
        scope.citation,
      ),
      origins,
      inPlay: ['heavyTruckParts'],
      ...findings,
    };
  }
  if (found.length === 0) {
    findings.gaps.push({
      code: 'HEAVY_TRUCK_PARTS_NOT_IDENTIFIED',
      subject: 'materials',
      message:
        'no engine (84.07/84.08), gear box (8708.40) or chassis (8708.99 marked corePart body-and-chassis) is in the bill of materials; s. 15(4) cannot be checked',
    });
    return {
      result: {
        id: 'heavy-truck-parts',
        title,
        status: 'fail',
        reason: 'no engine, gear box or chassis identified in the bill of materials',
        citation: scope.citation,
        trace: [],
      },
      origins,
      inPlay: ['heavyTruckParts'],
      ...findings,
    };
  }
  const limbs: Limb[] = found.map(({ m, kind, perGood }) => {
    // Its net cost restated with its suppliers' statements of net cost (s. 9(2)(a)(i)).
    const inner =
      m.netCost !== undefined && m.children.length > 0
        ? rollUp(m.children, { currency: claim.currency, computed: inputs.origins, coreRollUp: inputs.reading })
        : undefined;
    const netCost = inner && m.netCost ? plus(m.netCost, inner.netCostAdjustment) : zero(claim.currency);
    if (inner && !isPositive(netCost)) {
      // Figures given, but no positive net cost: the Table D RVC cannot be met, whatever the declared origin.
      origins.set(m, { origin: 'non-originating', basis: 'computed', explanation: 's. 15(4): no positive net cost' });
      if (m.origin === 'originating') {
        findings.warnings.push({
          code: 'ORIGIN_CONTRADICTED',
          subject: m.key,
          message: `${m.key}: declared originating, but its net cost of ${amountText(netCost)} is not positive, so no Table D RVC can be computed; it counts as non-originating`,
        });
      }
      return {
        id: `heavy-truck-parts.${m.key}`,
        title: `${m.key} (${kind}): Table D RVC, net cost method`,
        status: 'fail',
        reason: 'no positive net cost to compute an RVC on',
        citation: threshold.citation,
      } satisfies Limb;
    }
    if (!inner) {
      if (m.origin === 'unknown' && gate) {
        findings.gaps.push({
          code: 'HEAVY_TRUCK_PART_ORIGIN_UNKNOWN',
          subject: m.key,
          message: `${m.key}: ${kind} of unknown origin; s. 15(4) needs it to meet the Table D RVC`,
          valueAtStake: amountText(times(m.unitValue, perGood)),
        });
      }
      return {
        id: `heavy-truck-parts.${m.key}`,
        title: `${m.key} (${kind}): ${declaredOrigin(m)}, no net cost and bill of materials to compute the Table D RVC`,
        status: m.origin === 'originating' ? 'pass' : 'fail',
        citation: scope.citation,
      } satisfies Limb;
    }
    const limb = percentLimb({
      id: `heavy-truck-parts.${m.key}`,
      title: `${m.key} (${kind}): Table D RVC, net cost method`,
      ratio: moneyRatio(minus(netCost, inner.vnm), netCost),
      threshold: T,
      thresholdText: threshold.value.netCost,
      comparator: '>=',
      rule: threshold,
      currency: claim.currency,
      marginMeaning: 'non-originating value per part that could be added (positive) or must be re-sourced (negative)',
    });
    limb.details = {
      ...limb.details,
      netCost: amountText(netCost),
      valueOfNonOriginatingMaterials: amountText(inner.vnm),
    };
    const origin: ResolvedOrigin = {
      origin: limb.status === 'pass' ? 'originating' : 'non-originating',
      basis: 'computed',
      explanation: `s. 15(4): Table D RVC`,
    };
    origins.set(m, origin);
    if (m.origin !== 'unknown' && m.origin !== origin.origin) {
      findings.warnings.push({
        code: 'ORIGIN_CONTRADICTED',
        subject: m.key,
        message: `${m.key}: declared ${m.origin}, but the Table D RVC makes it ${origin.origin}; the computed origin is used`,
      });
    }
    return limb;
  });
  const failing = limbs.filter((l) => l.status !== 'pass');
  const weakest = limbs
    .filter((l) => l.margin?.points !== undefined)
    .sort((a, b) => new Dec(a.margin?.points ?? '0').comparedTo(new Dec(b.margin?.points ?? '0')))[0];
  trace.add({
    id: 'heavyTruckParts.count',
    description: 'engines, gear boxes and chassis found in the bill of materials',
    value: String(found.length),
    unit: 'count',
    citation: scope.citation,
  });
  if (!gate) {
    return {
      result: {
        ...notApplicable(
          'heavy-truck-parts',
          title,
          `s. 15(4) decides the origin of the truck's engines, gear boxes and chassis, not the truck's (interpretation.heavyTruckParts: origin-rule): ${failing.length === 0 ? 'each is originating' : `${failing.map((l) => l.id.slice('heavy-truck-parts.'.length)).join(', ')} ${failing.length === 1 ? 'is' : 'are'} not, and count${failing.length === 1 ? 's' : ''} as non-originating in the truck's RVC`}`,
          rules.citation('usmca.auto.heavy_truck_parts.scope', 's. 15(2), (4)'),
        ),
        limbs,
        trace: trace.list(),
      },
      origins,
      inPlay: ['heavyTruckParts'],
      ...findings,
    };
  }
  return {
    result: {
      id: 'heavy-truck-parts',
      title,
      status: failing.length === 0 ? 'pass' : 'fail',
      ...(weakest ? { value: weakest.value, margin: weakest.margin } : {}),
      threshold: threshold.value.netCost,
      comparator: '>=',
      unit: 'percent',
      rule: { id: threshold.ruleId, effectiveFrom: threshold.effectiveFrom, value: threshold.value.netCost },
      citation: rules.citation('usmca.auto.heavy_truck_parts.scope', 's. 15(2), (4)'),
      limbs,
      trace: trace.list(),
    },
    origins,
    inPlay: ['heavyTruckParts'],
    ...findings,
  };
}
