/**
 * The figures a vehicle producer certifies (RVC, LVC, steel, aluminum), as a certificate shows them: two
 * decimal places, rounded toward the failing side of their "not less than" comparison (ROUND_FLOOR), so a
 * figure is never shown above what was computed. Shared by the certificate builder and the record cross-check,
 * so both compute the same text from the same decision.
 */
import { dec, round, text } from '../num/decimal.js';
import type { Decision } from '../verdict/decision.js';
import type { AnnexLine, Figure } from './model.js';

const CERTIFIED = ['rvc', 'lvc', 'steel', 'aluminum'] as const;

/** Two places, ROUND_FLOOR: "90.881508" -> "90.88". */
export function formFigure(value: string): string {
  return text(round(dec(value), 2, 'ROUND_FLOOR'));
}

/** The figures of a decision for the form (vehicles only; requirements that apply and have a value). */
export function decisionFigures(decision: Decision): Figure[] {
  if ((decision.claim.good as { kind?: string }).kind !== 'vehicle') return [];
  const out: Figure[] = [];
  for (const id of CERTIFIED) {
    const r = decision.requirements.find((x) => x.id === id);
    if (!r || r.status === 'not-applicable' || r.value === undefined || r.threshold === undefined) continue;
    out.push({ requirement: id, value: formFigure(r.value), threshold: r.threshold });
  }
  return out;
}

/** The annex lines of a decision: each requirement that applies, with rule id and citation; exact figures only if disclosed. */
export function decisionAnnex(decision: Decision, good: number, disclose: boolean): AnnexLine[] {
  return decision.requirements
    .filter((r) => r.status !== 'not-applicable')
    .map((r) => ({
      good,
      requirement: r.id,
      status: r.status,
      ...(r.rule ? { rule: `${r.rule.id} (from ${r.rule.effectiveFrom})` } : {}),
      ...(r.citation ? { citation: r.citation } : {}),
      ...(disclose && r.value !== undefined ? { value: r.value } : {}),
      ...(disclose && r.threshold !== undefined ? { threshold: r.threshold } : {}),
    }));
}
