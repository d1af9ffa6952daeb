/**
 * The evaluator of a product-specific rule of origin (UR s. 3(2), s. 3(6), s. 5(1)-(2), (4), s. 13; Schedule 1 =
 * USMCA Annex 4-B): the alternatives of the rule are tried in the order of the text, and the good qualifies
 * under the first one it meets ("if the good is considered an originating good under one of those rules ...
 * the good need not satisfy the requirements of any alternative rule", s. 5(2)). An alternative is met when
 *
 * - every non-originating material makes the required change in tariff classification (tariff-change.ts), or the
 *   value of those that do not is not more than the de minimis share of the transaction value or the total cost
 *   of the good (s. 5(1)(a)); those materials still count in the RVC (s. 5(1)(b));
 * - and, where it requires one, the RVC is not less than its threshold (the alternative's own figure in force on
 *   the date, or the threshold of the part's table for original equipment, s. 14(13)-(17), s. 15(2)-(3)); the RVC
 *   need not be met where all non-originating materials are within de minimis (s. 5(4)).
 *
 * Pure: a function of the good's code, its non-originating materials and the rule (with the figures the caller
 * computed: RVC ratios, de minimis base). The same function decides a part claim and a material inside a
 * vehicle (a designated intermediate material, a Table B or C part).
 */
import { Dec } from '../../num/decimal.js';
import { isPositive, sumMoney, money } from '../../num/money.js';
import { moneyRatio, notMoreThan } from '../../num/ratio.js';
import { thresholdAmount } from '../limb.js';
import { tryAlternative } from './alternative.js';
import { appliesUnder, readingsOf, readingText } from './readings.js';
import type { PsrInput, PsrOutcome } from './types.js';

export type {
  AlternativeOutcome,
  FailingMaterial,
  PsrInput,
  PsrMaterial,
  PsrOutcome,
  TableThreshold,
} from './types.js';
export { hasTransactionValueMethod, thresholdOn } from './rvc-alternative.js';

/** Decides the good under its rule: every alternative tried in order, the first met qualifies it. */
export function evaluateProductSpecificRule(input: PsrInput): PsrOutcome {
  if (input.rule.status !== 'confirmed' || input.rule.alternatives.length === 0) {
    return {
      status: 'undetermined',
      reason: `the rule for ${input.rule.hs} was not read into the rule pack`,
      alternatives: [],
    };
  }
  const currency = input.deMinimis.base.currency;
  const limit = money(thresholdAmount(new Dec(input.deMinimis.percent), input.deMinimis.base.amount), currency);
  // s. 5(4): all non-originating materials as the RVC counts them (a self-produced material looked through).
  const allValue =
    input.allNonOriginatingValue ??
    sumMoney(
      input.nonOriginating.map((m) => m.value),
      currency,
    );
  // s. 5(4): "the value of all non-originating materials ... is not more than 10%"
  // (With no positive base, e.g. a material whose net cost is not positive, nothing is within it.)
  const allWithinDeMinimis =
    isPositive(input.deMinimis.base) &&
    notMoreThan(moneyRatio(allValue, input.deMinimis.base), new Dec(input.deMinimis.percent));
  const tariffItems = input.tariffItems ?? 'every-alternative';
  const readings = readingsOf(input.rule, { ...input, tariffItems });
  const tried = input.rule.alternatives.map((alt) =>
    tryAlternative(input, alt, { limit, allWithinDeMinimis }, { readings, tariffItems }),
  );
  const alternatives = tried.map((t) => t.outcome);
  const inPlay = readings.some((r) => typeof r.item === 'string') ? { tariffItemsInPlay: true } : {};
  const qualified = alternatives.find((a) => a.status === 'pass');
  if (qualified) {
    return {
      status: 'pass',
      qualifiedBy: qualified.paragraph,
      reason: `qualifies under ${qualified.paragraph}: ${qualified.reason}`,
      alternatives,
      ...inPlay,
    };
  }
  // s. 5(2), for each kind of good the claim leaves open: the first alternative met that is for it.
  const byReading = readings.map((r) => {
    const k = tried.findIndex((t) => t.met && appliesUnder(input.rule, t.alt, r, tariffItems));
    return { reading: readingText(input.rule, r), qualifiedBy: alternatives[k]?.paragraph ?? null };
  });
  if (readings.length > 1 && byReading.every((r) => r.qualifiedBy !== null)) {
    const paragraphs = [...new Set(byReading.map((r) => r.qualifiedBy))];
    return {
      status: 'pass',
      qualifiedBy: paragraphs.join(' or '),
      reason: `qualifies whichever of the goods of ${input.rule.hs} the rule tells apart it is (s. 5(2)): ${byReading.map((r) => `as ${r.reading}, under ${r.qualifiedBy ?? ''}`).join('; ')}`,
      alternatives,
      readings: byReading,
      ...inPlay,
    };
  }
  const open = alternatives.filter((a) => a.status === 'undetermined');
  if (open.length > 0) {
    const byMaterials = open.filter((a) => a.change.status === 'undetermined').map((a) => a.paragraph);
    const byGoods = open.filter((a) => a.change.status !== 'undetermined').map((a) => a.paragraph);
    const said = [
      ...(byGoods.length > 0
        ? [`${byGoods.join(', ')} would qualify the good only if it is the goods that alternative names`]
        : []),
      ...(byMaterials.length > 0
        ? [
            `${byMaterials.join(', ')} would qualify the good unless materials the claim does not say enough of fail its change in tariff classification`,
          ]
        : []),
    ];
    return {
      status: 'undetermined',
      reason: `no alternative is met for every good of ${input.rule.hs}; ${said.join('; ')}`,
      alternatives,
      readings: byReading,
      ...inPlay,
    };
  }
  return { status: 'fail', reason: 'no alternative of the rule is met', alternatives, ...inPlay };
}
