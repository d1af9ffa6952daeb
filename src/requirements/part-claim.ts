/**
 * A claim for a part (good.kind: part): the part's table and use decide its RVC rule. Original equipment:
 * Table A.1, B or C for passenger vehicles and light trucks (s. 14(13), (15), (17)), D or E for heavy
 * trucks (s. 15(2)-(3)); the transaction value method only where the threshold has one and the pack does not
 * list the heading as net-cost only. Aftermarket: the "for any other good" alternative of s. 13 (s. 14(18)).
 */
import type { NormalizedClaim } from '../input/model.js';
import { hsMatches } from '../rules/hs.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { VehicleClassName } from '../rules/values.js';
import type { ClassificationOutcome } from './classification.js';
import { PARTS_TABLE_RULES, tableRows, type PartTable } from './parts-tables.js';
import { noFindings, notApplicable, type ClaimProblem, type RequirementOutcome } from './result.js';
import { REQUIREMENTS } from './titles.js';

/** The part's rule: by its declared table for original equipment, or the aftermarket rule of its heading. */
export function classifyPart(rules: RulesInForce, claim: NormalizedClaim): ClassificationOutcome {
  const g = claim.good;
  const problems: ClaimProblem[] = [];
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
    const rule = rules.at('usmca.auto.parts.aftermarket');
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
        citation: rules.citation('usmca.auto.parts.aftermarket', row.provision),
        rvcRule: 'usmca.auto.parts.aftermarket',
        rule: { id: rule.ruleId, effectiveFrom: rule.effectiveFrom },
        hs2012: g.hs,
        outcomes: [],
        thresholdOverride: { netCost: row.netCost },
      },
    };
  }
  const table = g.partTable as PartTable;
  const { rows, rule } = tableRows(rules, table);
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
  const spec = PARTS_TABLE_RULES[table];
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
      rvcRule: spec.threshold,
      rule: { id: rule.ruleId, effectiveFrom: rule.effectiveFrom },
      hs2012: g.hs,
      outcomes: [],
    },
  };
}

function tableClass(c: VehicleClassName): string {
  return c === 'heavy-truck' ? 'ht' : 'pvlt';
}

/** The requirements of vehicles, not applicable to a claim for a part. */
export function vehicleOnlyNotApplicable(rules: RulesInForce): RequirementOutcome[] {
  return (['core-parts', 'heavy-truck-parts', 'steel', 'aluminum', 'lvc'] as const).map((id) => ({
    result: notApplicable(
      id,
      REQUIREMENTS[id].title,
      'applies to vehicles only; this claim is for a part',
      rules.cite('UR', REQUIREMENTS[id].provision),
    ),
    ...noFindings(),
  }));
}
