/**
 * Why no plan exists: for each requirement that falls short, the best the changes advice may propose could
 * reach if all were made at once (an upper bound), and what no change can reach (an assembly plant paying less
 * than the high-wage rate, a core part declared non-originating with nothing to replace it, no purchase data).
 */
import { Dec, ZERO, moneyText } from '../num/decimal.js';
import type { Decision } from '../verdict/decision.js';
import type { Bom } from './bom.js';
import type { Change } from './change.js';
import type { Facts } from './facts.js';

const pctText = (r: Dec) => `${r.times(100).toDecimalPlaces(6, Dec.ROUND_FLOOR).toFixed()}%`;

export function whyNoPlan(
  variant: string,
  facts: Facts,
  bom: Bom,
  changes: readonly Change[],
  blocked: readonly string[],
  decision: Decision,
): string[] {
  const out = blocked.map((b) => `${variant}: ${b}`);
  const cur = facts.currency;
  const sumPositive = (f: (c: Change) => Dec) =>
    changes.reduce((s, c) => (f(c).greaterThan(0) ? s.plus(f(c)) : s), ZERO);
  if (facts.rvc && facts.status.get('rvc') === 'fail') {
    const best = bom.goodVnm.minus(sumPositive((c) => c.effects.goodVnm.negated()));
    const base = facts.rvc.method === 'net-cost' ? facts.netCost : facts.rvc.base;
    const rvc = base.minus(best).div(base);
    if (rvc.times(100).lessThan(facts.rvc.threshold))
      out.push(
        `${variant}: RVC: even with every change listed (all lines of unknown origin certified, every non-originating line bought from originating supply), the non-originating materials stay at ${moneyText(best)} ${cur}: RVC ${pctText(rvc)}, under ${facts.rvc.threshold.toFixed()}%`,
      );
  }
  if (facts.lvc && facts.status.get('lvc') === 'fail') {
    const lvc = facts.lvc;
    const gain = sumPositive((c) => c.effects.hwm);
    const assembly = lvc.plants.find((p) => p.plant === decision.claim.good.plant);
    const hwlcPossible = assembly?.qualifies === null;
    const E = lvc.hwlc
      .plus(lvc.hwm)
      .plus(lvc.hwt)
      .plus(gain)
      .plus(hwlcPossible ? lvc.hwlcNotCounted : ZERO);
    const points = E.div(lvc.base);
    if (lvc.formula === 'net-cost' && points.times(100).lessThan(lvc.materialMinimum)) {
      const why: string[] = [];
      if (assembly && assembly.qualifies === false)
        why.push(
          `the assembly plant ${assembly.plant} pays less than the high-wage rate (${assembly.rate} ${assembly.currency} an hour), so its high-wage labor costs${lvc.hwlcNotCounted.greaterThan(0) ? ` (${moneyText(lvc.hwlcNotCounted)} ${cur})` : ''} cannot count (s. 12, s. 18(3))`,
        );
      if (!lvc.plants.some((p) => p.qualifies === true || p.qualifies === null))
        why.push('no plant of the producer document qualifies as a high-wage plant or lacks wage data');
      why.push(...lvcEvidenceMissing(decision, cur));
      out.push(
        `${variant}: LVC: even with every line made at a qualifying high-wage plant and every plant's wage data given, the high-wage material and manufacturing expenditures reach ${moneyText(E)} ${cur}, ${pctText(points)} of the net cost, under the minimum of ${lvc.materialMinimum.toFixed()} points${why.length ? `: ${why.join('; ')}` : ''}`,
      );
    }
  }
  for (const metal of ['steel', 'aluminum'] as const) {
    const f = facts[metal];
    if (!f || f.noData || facts.status.get(metal) !== 'fail') continue;
    const best = f.originating.plus(sumPositive((c) => c.effects[metal]));
    if (best.times(100).lessThan(f.threshold.times(f.total)))
      out.push(
        `${variant}: ${metal}: even with every purchase originating, ${pctText(best.div(f.total))} of purchases`,
      );
  }
  if (out.length === 0)
    out.push(
      `${variant}: no combination of the changes listed meets every requirement at once (each change helps some requirement, but together they do not reach every threshold)`,
    );
  return out;
}

/**
 * What the LVC lacks that advice cannot supply: lines produced in the region that name no plant (LVC_PLANT_MISSING:
 * only the producer knows where each was made, s. 18(4), (7)), and a producer document without laborValueContent
 * (LVC_DATA_MISSING: high-wage labor, transport and technology counted as zero, s. 18).
 */
function lvcEvidenceMissing(decision: Decision, cur: string): string[] {
  const out: string[] = [];
  const unnamed = decision.evidenceGaps.filter((g) => g.code === 'LVC_PLANT_MISSING');
  if (unnamed.length > 0) {
    const value = unnamed.reduce((s, g) => s.plus(new Dec(g.valueAtStake ?? '0')), ZERO);
    const keys = unnamed.map((g) => g.subject);
    out.push(
      `${unnamed.length} line${unnamed.length === 1 ? '' : 's'} produced in the region name${unnamed.length === 1 ? 's' : ''} no plant (${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', ...' : ''}: ${moneyText(value)} ${cur} per good, LVC_PLANT_MISSING); naming the plant each was made at, with its wage data, is evidence only the producer has, and advice does not choose a plant for it (s. 18(4), (7))`,
    );
  }
  if (decision.warnings.some((w) => w.code === 'LVC_DATA_MISSING'))
    out.push(
      'the producer document has no laborValueContent (LVC_DATA_MISSING): its high-wage labor and transport costs and the technology credit count as zero until it gives them (s. 18)',
    );
  return out;
}
