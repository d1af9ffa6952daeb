/**
 * A claim for a part (good.kind: part): the part's table and use decide its RVC rule. Original equipment:
 * Table A.1, B or C for passenger vehicles and light trucks (s. 14(13), (15), (17)), D or E for heavy
 * trucks (s. 15(2)-(3)); the transaction value method only where the threshold has one and the pack does not
 * list the heading as net-cost only. Aftermarket: the "for any other good" alternative of s. 13 (s. 14(18)).
 */
import type { NormalizedClaim } from '../input/model.js';
import type { ProblemCode } from '../input/problems.js';
import { hsMatches } from '../rules/hs.js';
import type { RulePack } from '../rules/pack.js';
import type { VehicleClassName } from '../rules/values.js';
import type { Classification } from './classification.js';
import { tableRows, type PartTable } from './parts-tables.js';

const THRESHOLD: Record<PartTable, { id: string; forClass: VehicleClassName }> = {
  'A.1': { id: 'usmca.auto.parts.pvlt_core', forClass: 'passenger-vehicle' },
  B: { id: 'usmca.auto.parts.pvlt_principal', forClass: 'passenger-vehicle' },
  C: { id: 'usmca.auto.parts.pvlt_complementary', forClass: 'passenger-vehicle' },
  D: { id: 'usmca.auto.parts.ht_principal', forClass: 'heavy-truck' },
  E: { id: 'usmca.auto.parts.ht_complementary', forClass: 'heavy-truck' },
};

type Problem = { field: string; code: ProblemCode; message: string };

export function classifyPart(
  pack: RulePack,
  date: string,
  claim: NormalizedClaim,
): { ok: true; classification: Classification } | { ok: false; problems: Problem[] } {
  const g = claim.good;
  const problems: Problem[] = [];
  if (!g.use)
    problems.push({
      field: 'good.use',
      code: 'PART_CLAIM_INCOMPLETE',
      message: 'a part claim needs use: original-equipment or aftermarket',
    });
  if (g.use !== 'aftermarket' && !g.partTable)
    problems.push({
      field: 'good.partTable',
      code: 'PART_CLAIM_INCOMPLETE',
      message: 'an original-equipment part claim needs partTable: A.1, B, C, D or E',
    });
  if (problems.length > 0) return { ok: false, problems };

  if (g.use === 'aftermarket') {
    const rule = pack.at('usmca.auto.parts.aftermarket', date);
    const row = rule.value.rows.find((r) => hsMatches(g.hs, r.hs));
    if (!row) {
      return {
        ok: false,
        problems: [
          {
            field: 'good.hs',
            code: 'RULE_NOT_HELD',
            message: `the rule pack holds no rule for an aftermarket good of ${g.hs}: only the "for any other good" rules of 87.06-87.08 (s. 13) are held`,
          },
        ],
      };
    }
    return {
      ok: true,
      classification: {
        vehicleClass: g.forVehicleClass ?? 'passenger-vehicle',
        category: `aftermarket part of ${row.hs}`,
        title: `aftermarket part of ${row.hs} ("for any other good")`,
        citation: pack.citation('usmca.auto.parts.aftermarket', row.provision),
        rvcRule: 'usmca.auto.parts.aftermarket',
        rule: { id: rule.ruleId, effectiveFrom: rule.effectiveFrom },
        hs2012: g.hs,
        outcomes: [],
        thresholdOverride: { netCost: row.netCost },
      },
    };
  }
  const table = g.partTable as PartTable;
  const { rows, rule } = tableRows(pack, date, table);
  const row = rows.find((r) => hsMatches(g.hs, r.hs));
  if (!row) {
    return {
      ok: false,
      problems: [
        {
          field: 'good.hs',
          code: 'VALUE_NOT_ALLOWED',
          message: `HS ${g.hs} is not in Table ${table} (${rule.citation})`,
        },
      ],
    };
  }
  const spec = THRESHOLD[table];
  if (g.forVehicleClass !== undefined && tableClass(g.forVehicleClass) !== tableClass(spec.forClass)) {
    return {
      ok: false,
      problems: [
        {
          field: 'good.forVehicleClass',
          code: 'VEHICLE_CLASS_CONTRADICTS_HS',
          message: `Table ${table} is for ${spec.forClass === 'heavy-truck' ? 'heavy trucks' : 'passenger vehicles and light trucks'}, not ${g.forVehicleClass}`,
        },
      ],
    };
  }
  return {
    ok: true,
    classification: {
      vehicleClass: g.forVehicleClass ?? spec.forClass,
      category: `Table ${table} part`,
      title: `Table ${table} part (${row.ex ? 'ex ' : ''}${row.hs}: ${row.description}), original equipment`,
      citation: rule.citation,
      rvcRule: spec.id,
      rule: { id: rule.ruleId, effectiveFrom: rule.effectiveFrom },
      hs2012: g.hs,
      outcomes: [],
    },
  };
}

function tableClass(c: VehicleClassName): string {
  return c === 'heavy-truck' ? 'ht' : 'pvlt';
}
