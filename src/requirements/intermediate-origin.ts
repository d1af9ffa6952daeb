/**
 * What deciding a designated intermediate material leaves behind (UR s. 8(6)-(8)), the same whether it is decided
 * inside a vehicle (intermediate.ts) or inside an aftermarket part (intermediate-aftermarket.ts): its origin for the
 * roll-up, a warning where a computed origin contradicts the declared one, and the account of its own rule.
 */
import type { Material } from '../input/model.js';
import type { IntermediateResult } from './intermediate.js';
import type { MaterialRuleOutcome } from './psr/material-origin.js';
import type { Warning } from './result.js';
import type { ResolvedOrigin } from './vnm.js';

/**
 * Sets the origin of `m` for the roll-up; where `basis` is a computed one ("computed: ...") and differs from the
 * declared origin (not unknown), warns ORIGIN_CONTRADICTED: the computed origin is used.
 */
export function recordOrigin(
  ctx: { origins: Map<Material, ResolvedOrigin>; warnings: Warning[] },
  m: Material,
  origin: ResolvedOrigin['origin'],
  basis: string,
): void {
  if (m.origin !== 'unknown' && m.origin !== origin && basis.startsWith('computed')) {
    ctx.warnings.push({
      code: 'ORIGIN_CONTRADICTED',
      subject: m.key,
      message: `${m.key}: declared ${m.origin}, computed ${origin} (${basis}); the computed origin is used`,
    });
  }
  ctx.origins.set(m, { origin, basis: 'computed', explanation: basis });
}

/** The material's own rule as the decision reports it: the alternative that qualified it, or none, and every one. */
export function ruleAccount(
  own: Extract<MaterialRuleOutcome, { held: true }>,
): NonNullable<IntermediateResult['productSpecificRule']> {
  return {
    rule: { id: own.rule.ruleId, effectiveFrom: own.rule.effectiveFrom },
    provision: own.rule.rule.provision,
    qualifiedBy: own.outcome.qualifiedBy ?? null,
    ...(own.selfProducedAsMaterials.length > 0 ? { selfProducedAsMaterials: own.selfProducedAsMaterials } : {}),
    alternatives: own.outcome.alternatives.map((a) => ({ paragraph: a.paragraph, status: a.status, reason: a.reason })),
  };
}
