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
 * claim leaves open which goods of the rule the good is (readings.ts) and no one choice qualifies every reading, the
 * choices are combined reading by reading: the good is one of those goods, and its producer makes the choice for the
 * good it is, so it qualifies if, for each reading, some choice meets an alternative for it (s. 3(8), s. 5(2)). The
 * evaluations made already settle that: an alternative met by any choice is met by the choice best for it.
 */
import { sumMoney, type Money } from '../../num/money.js';
import type { CountedLine, RollUp } from '../vnm.js';
import { leastFailingChoice, linesWithChosen, type SelfProducedCandidate } from '../self-produced.js';
import { deMinimisValue } from '../de-minimis.js';
import { changeFailing, goodsVocabulary } from './alternative.js';
import type { PsrInput, PsrOutcome } from './types.js';

/** The rule decided with the producer's choice: the outcome, and the self-produced materials considered themselves. */
export interface ChoiceOutcome {
  outcome: PsrOutcome;
  /**
   * Keys of the self-produced materials considered themselves (outermost chosen, sorted); empty: looked through.
   * Where the choice differs from one reading to another, every key chosen for some reading (`perReading`).
   */
  chosen: string[];
  /** The choice was made reading by reading: `outcome.readings` gives each reading's own. */
  perReading?: boolean | undefined;
}

/**
 * Decides the rule over the looked-through materials of `bom`, then over the best choice of `candidates` for each
 * alternative in turn, until one qualifies the good. `evaluate` decides the rule over given non-originating lines.
 */
export function decideWithChoice(
  input: Pick<PsrInput, 'rule' | 'goodHs' | 'goodAsWritten' | 'nationalItems' | 'nationalTariff'>,
  bom: Pick<RollUp, 'counted'>,
  candidates: readonly SelfProducedCandidate[],
  evaluate: (lines: CountedLine[]) => PsrOutcome,
): ChoiceOutcome {
  const lookedThrough = evaluate(bom.counted);
  if (lookedThrough.status === 'pass' || candidates.length === 0) return { outcome: lookedThrough, chosen: [] };
  const currency = bom.counted[0]?.vnm.currency ?? candidates.find((c) => c.line)?.line?.vnm.currency ?? '';
  const tried = new Map<string, PsrOutcome>();
  // For each alternative, the choice best for it and the rule decided with that choice.
  const best: Array<{ chosen: string[]; outcome: PsrOutcome }> = [];
  for (const alt of input.rule.alternatives) {
    if (alt.change === 'none') {
      best.push({ chosen: [], outcome: lookedThrough }); // no change asked: the choice is nothing to it
      continue;
    }
    const change = alt.change;
    const failingValue = (lines: readonly CountedLine[]): Money | undefined => {
      if (lines.length === 0) return undefined;
      // A material whose change is undetermined counts as failing: a choice is made on what is shown.
      const answer = changeFailing(
        input,
        change,
        lines.map((l) => ({
          key: l.key,
          hs: l.hs,
          hsAsWritten: l.hsAsWritten,
          goods: l.ruleGoods,
          value: deMinimisValue(l),
        })),
        undefined,
        goodsVocabulary(input.rule),
      );
      const failing = new Set([...answer.failing, ...answer.undetermined].map((f) => f.material));
      const values = lines.filter((l) => failing.has(l.key)).map(deMinimisValue);
      return values.length === 0 ? undefined : sumMoney(values, currency);
    };
    const chosen = leastFailingChoice(bom.counted, candidates, failingValue, currency);
    const key = chosen.join('\u0000');
    const known = chosen.length === 0 ? lookedThrough : tried.get(key);
    if (known !== undefined) {
      best.push({ chosen, outcome: known });
      continue;
    }
    const outcome = evaluate(linesWithChosen(bom, candidates, new Set(chosen)));
    if (outcome.status === 'pass') return { outcome, chosen };
    tried.set(key, outcome);
    best.push({ chosen, outcome });
  }
  return choiceByReading(input.rule.hs, lookedThrough, best) ?? { outcome: lookedThrough, chosen: [] };
}

/**
 * s. 3(8) with s. 5(2), where the claim leaves open which goods of the rule the good is: for each reading, the first
 * choice (looked through first, then the best choice of each alternative in the order of the text) under which an
 * alternative for it is met. The good qualifies if every reading has one; undefined otherwise. Each alternative is
 * reported as decided with the choice best for it.
 */
function choiceByReading(
  hs: string,
  lookedThrough: PsrOutcome,
  best: ReadonlyArray<{ chosen: string[]; outcome: PsrOutcome }>,
): ChoiceOutcome | undefined {
  const choices = [{ chosen: [] as string[], outcome: lookedThrough }, ...best];
  const readings = choices.find((c) => c.outcome.readings !== undefined)?.outcome.readings;
  if (readings === undefined || readings.length < 2) return undefined;
  const byReading = readings.map((r, i) => {
    const found = choices.find((c) => (c.outcome.readings?.[i]?.qualifiedBy ?? null) !== null);
    return {
      reading: r.reading,
      qualifiedBy: found?.outcome.readings?.[i]?.qualifiedBy ?? null,
      selfProducedAsMaterials: found?.chosen ?? [],
    };
  });
  if (byReading.some((r) => r.qualifiedBy === null)) return undefined;
  const paragraphs = [...new Set(byReading.map((r) => r.qualifiedBy))];
  const chosen = [...new Set(byReading.flatMap((r) => r.selfProducedAsMaterials))].sort();
  const choiceText = (keys: readonly string[]) =>
    keys.length === 0 ? 'every self-produced material looked through' : `considering ${keys.join(', ')} themselves`;
  return {
    outcome: {
      status: 'pass',
      qualifiedBy: paragraphs.join(' or '),
      reason: `qualifies whichever of the goods of ${hs} the rule tells apart it is (s. 5(2)), its producer choosing for the good it is which self-produced materials to consider themselves (s. 3(8)): ${byReading.map((r) => `as ${r.reading}, under ${r.qualifiedBy ?? ''} (${choiceText(r.selfProducedAsMaterials)})`).join('; ')}`,
      alternatives: lookedThrough.alternatives.map((a, k) => best[k]?.outcome.alternatives[k] ?? a),
      readings: byReading,
      ...(lookedThrough.tariffItemsInPlay ? { tariffItemsInPlay: true } : {}),
    },
    chosen,
    perReading: true,
  };
}
