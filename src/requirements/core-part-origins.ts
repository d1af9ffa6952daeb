/**
 * The origins the core parts test gives the core parts, for the vehicle's roll-up (UR s. 14(4)-(13); treaty Appendix
 * Arts. 3.7-3.9): a part with computable figures is originating when the method used makes it so, by its group's
 * test under the elected VNM method (s. 14(7)), or by either method where none is elected; when the super-core
 * (s. 14(10)) passes, every part is. A super-core that fails decides s. 14(4) only: a part that passes on its own
 * (either VNM method) keeps its origin. A part taken at its declared origin keeps it (not listed here).
 */
import type { Material } from '../input/model.js';
import type { CorePart } from './core-part-figures.js';
import type { Limb, Status, Warning } from './result.js';
import type { ResolvedOrigin } from './vnm.js';

/** The method the core parts requirement used, as it reports it, and how it came out before unaccounted groups. */
export interface CorePartsMethod {
  /** The method used: "full", "listed-components", "super-core-full", "super-core-listed", "per-group (...)"... */
  used: string;
  /** The status that method gave (a group unaccounted for fails the requirement, not the parts). */
  methodStatus: Status;
  /** The claim's election (elections.corePartsMethod), "best" where none. */
  election: string;
}

/**
 * The origin of each computable core part of `parts`, given the group limbs of the test and the method used, and
 * an ORIGIN_CONTRADICTED warning for each part declared otherwise (the computed origin is used).
 */
export function corePartOrigins(
  parts: readonly CorePart[],
  groupLimbs: Limb[],
  method: CorePartsMethod,
): { origins: Map<Material, ResolvedOrigin>; warnings: Warning[] } {
  const origins = new Map<Material, ResolvedOrigin>();
  const warnings: Warning[] = [];
  const { used, methodStatus, election } = method;
  const superCore = used.startsWith('super-core');
  const superPassed = superCore && methodStatus === 'pass';
  for (const p of parts) {
    if (!p.computable) continue;
    const originating = superPassed || partPasses(groupLimbs, p, superCore ? 'best' : election);
    const origin: ResolvedOrigin = {
      origin: originating ? 'originating' : 'non-originating',
      basis: 'computed',
      explanation: `core part (${p.group}): ${used}`,
    };
    origins.set(p.material, origin);
    if (p.material.origin !== 'unknown' && p.material.origin !== origin.origin) {
      warnings.push({
        code: 'ORIGIN_CONTRADICTED',
        subject: p.material.key,
        message: `${p.material.key}: declared ${p.material.origin}, but the core parts test makes it ${origin.origin}; the computed origin is used`,
      });
    }
  }
  return { origins, warnings };
}

/**
 * Whether a core part is originating by the per-group test: by the elected VNM method, or by either under
 * `best`. A part tested on its own has its own limb; one averaged with its category (or alone in its group)
 * takes the group's figure for the method.
 */
function partPasses(groupLimbs: Limb[], p: CorePart, election: string): boolean {
  const g = groupLimbs.find((l) => l.id === `core-parts.${p.group}`);
  const methods = election === 'full' || election === 'listed-components' ? [election] : ['full', 'listed-components'];
  return methods.some((m) => {
    const ml = g?.limbs?.find((l) => l.id === `core-parts.${p.group}.${m}`);
    if (!ml) return false;
    const own = ml.limbs?.find((l) => l.id === `core-parts.${p.group}.${m}.${p.material.key}`);
    return (own ?? ml).status === 'pass';
  });
}
