/**
 * The producer's choice of UR s. 3(8) searched for the good's product-specific rule: "a self-produced material may,
 * at the choice of the producer of that material, be considered a material used in the production of a good into
 * which the self-produced material is incorporated" (s. 3(9), Example 6), for each self-produced material on its
 * own, at any depth, while the RVC still counts its own non-originating materials (s. 7(5)(a)).
 *
 * The choices are 2^n for n self-produced materials, but need not all be tried. Whether a material makes a change
 * does not depend on the other materials, and de minimis (s. 5(1)) adds the values of those that do not; so, for one
 * alternative, the choice that leaves the least value failing its change is found material by material, deepest
 * first: a self-produced material is considered itself where its own value failing the change is less than that of
 * what it is made of, each inner one taken at its own best (equal: looked through). That choice meets the
 * alternative if any choice does. The engine tries the materials' own materials first, then, alternative by
 * alternative in the order of the text, the choice best for it: at most one evaluation per alternative. Where the
 * claim leaves open which goods of the rule the good is (readings.ts), a choice must qualify every reading at once;
 * the search does not combine different choices for different readings.
 */
import { sumMoney, type Money } from '../../num/money.js';
import type { CountedLine, RollUp } from '../vnm.js';
import { leastFailingChoice, linesWithChosen, type SelfProducedCandidate } from '../self-produced.js';
import { changeFailing } from './alternative.js';
import type { PsrInput, PsrOutcome } from './types.js';

/** The rule decided with the producer's choice: the outcome, and the self-produced materials considered themselves. */
export interface ChoiceOutcome {
  outcome: PsrOutcome;
  /** Keys of the self-produced materials considered themselves (outermost chosen, sorted); empty: looked through. */
  chosen: string[];
}

/**
 * Decides the rule over the looked-through materials of `bom`, then over the best choice of `candidates` for each
 * alternative in turn, until one qualifies the good. `evaluate` decides the rule over given non-originating lines.
 */
export function decideWithChoice(
  input: Pick<PsrInput, 'rule' | 'goodHs' | 'goodAsWritten' | 'nationalItems'>,
  bom: Pick<RollUp, 'counted'>,
  candidates: readonly SelfProducedCandidate[],
  evaluate: (lines: CountedLine[]) => PsrOutcome,
): ChoiceOutcome {
  const lookedThrough = evaluate(bom.counted);
  if (lookedThrough.status === 'pass' || candidates.length === 0) return { outcome: lookedThrough, chosen: [] };
  const currency = bom.counted[0]?.vnm.currency ?? candidates.find((c) => c.line)?.line?.vnm.currency ?? '';
  const tried = new Set<string>();
  for (const alt of input.rule.alternatives) {
    if (alt.change === 'none') continue;
    const change = alt.change;
    const failingValue = (lines: readonly CountedLine[]): Money | undefined => {
      if (lines.length === 0) return undefined;
      const failing = new Set(
        changeFailing(
          input,
          change,
          lines.map((l) => ({ key: l.key, hs: l.hs, hsAsWritten: l.hsAsWritten, value: l.vnm })),
        ).failing.map((f) => f.material),
      );
      const values = lines.filter((l) => failing.has(l.key)).map((l) => l.vnm);
      return values.length === 0 ? undefined : sumMoney(values, currency);
    };
    const chosen = leastFailingChoice(bom.counted, candidates, failingValue, currency);
    const key = chosen.join('\u0000');
    if (chosen.length === 0 || tried.has(key)) continue;
    tried.add(key);
    const outcome = evaluate(linesWithChosen(bom, candidates, new Set(chosen)));
    if (outcome.status === 'pass') return { outcome, chosen };
  }
  return { outcome: lookedThrough, chosen: [] };
}
