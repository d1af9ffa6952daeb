/**
 * One alternative of a product-specific rule tried on the good (UR s. 5(1)-(2), s. 13; Schedule 1): the change in
 * tariff classification of each non-originating material (tariff-change.ts) with de minimis (s. 5(1)), the RVC it
 * requires (rvc-alternative.ts), whether it is for the good under the readings the claim leaves open (readings.ts),
 * and the reason in figures.
 */
import { compareMoney, sumMoney, type Money, amountText } from '../../num/money.js';
import type { PsrAlternative, TariffChange } from '../../rules/psr-schema.js';
import { nationalItemOf } from './national-items.js';
import { ANY_OTHER_GOOD } from '../../rules/psr-lookup.js';
import { appliesUnder, tariffItemsOf, type Reading, type TariffItemReading } from './readings.js';
import { rvcOf } from './rvc-alternative.js';
import { describeChange, materialMakesChange } from './tariff-change.js';
import type { AlternativeOutcome, FailingMaterial, PsrInput, PsrMaterial } from './types.js';

/** One alternative tried: its outcome, whether it is met in figures (whatever goods it is for), and the alternative. */
export interface Tried {
  outcome: AlternativeOutcome;
  met: boolean;
  alt: PsrAlternative;
}

/**
 * The materials of `materials` that do not make `change` for the good (a material without an HS code never shows
 * it), those whose change turns on what the claim does not say (`undetermined`), and what was taken as given for
 * those that do (a listed source the text narrows to some goods). `goodWords` names the good where the rule compares
 * goods within its subheading ("any other good within that subheading").
 */
export function changeFailing(
  input: Pick<PsrInput, 'goodHs' | 'goodAsWritten' | 'nationalItems' | 'nationalTariff'>,
  change: TariffChange,
  materials: readonly PsrMaterial[],
  goodWords?: string,
  vocabulary?: readonly string[],
): { failing: FailingMaterial[]; undetermined: FailingMaterial[]; assumptions: string[] } {
  const failing: FailingMaterial[] = [];
  const undetermined: FailingMaterial[] = [];
  const assumptions: string[] = [];
  for (const m of materials) {
    if (m.hs === undefined) {
      failing.push({
        material: m.key,
        hs: '',
        value: amountText(m.value),
        reason: 'no HS code: the change cannot be shown',
      });
      continue;
    }
    const materialHs = m.hs;
    // A name the rule does not use (a misspelling) says nothing: the material's goods are taken as unsaid.
    const strange =
      vocabulary === undefined ? [] : (m.goods ?? []).filter((g) => !vocabulary.some((v) => sameWords(v, g)));
    const answer = materialMakesChange(
      input.goodHs,
      materialHs,
      change,
      (item) => nationalItemOf(item, materialHs, m.hsAsWritten, input.nationalItems, input.nationalTariff).status,
      { good: input.goodAsWritten, material: m.hsAsWritten },
      { material: strange.length > 0 ? undefined : m.goods, good: goodWords },
    );
    const note =
      strange.length > 0 && answer.undetermined
        ? `; its ruleGoods ${strange.map((g) => `"${g}"`).join(', ')} ${strange.length === 1 ? 'is' : 'are'} not goods this rule names (${vocabulary?.map((v) => `"${v}"`).join(', ') || 'none'})`
        : '';
    const line = { material: m.key, hs: m.hs, value: amountText(m.value), reason: answer.reason + note };
    if (answer.undetermined) undetermined.push(line);
    else if (!answer.makes) failing.push(line);
    else if (answer.assumedGoods)
      assumptions.push(`${m.key} (${m.hs}) is taken to be ${answer.assumedGoods}, as the text requires`);
  }
  return { failing, undetermined, assumptions };
}

const sameWords = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The names of goods a rule uses, which a material's `ruleGoods` may give: the goods of its alternatives, of its
 * listed and excepted sources, its "ex" scope, and the goods the claim says the good is.
 */
export function goodsVocabulary(rule: PsrInput['rule'], claimed?: string): string[] {
  const names = new Set<string>();
  const add = (g: string | undefined) => {
    if (g !== undefined && g !== ANY_OTHER_GOOD) names.add(g);
  };
  add(rule.ex);
  add(claimed);
  for (const a of rule.alternatives) {
    add(a.goods);
    if (a.change === 'none') continue;
    for (const s of [...(Array.isArray(a.change.from) ? a.change.from : []), ...(a.change.except ?? [])])
      if (typeof s !== 'string') add(s.goods);
  }
  return [...names];
}

/** The words naming the good where its rule compares goods within the subheading: the alternative's, the rule's, the claim's. */
function goodWordsOf(input: PsrInput, alt: PsrAlternative): string | undefined {
  if (alt.goods !== undefined && alt.goods !== ANY_OTHER_GOOD) return alt.goods;
  if (input.rule.ex !== undefined) return input.rule.ex;
  return input.goods !== undefined && input.goods !== ANY_OTHER_GOOD ? input.goods : undefined;
}

/** One alternative tried on the good: its outcome with figures and reasons, and whether it is met in figures. */
export function tryAlternative(
  input: PsrInput,
  alt: PsrAlternative,
  dm: { limit: Money; allWithinDeMinimis: boolean },
  open: { readings: readonly Reading[]; tariffItems: TariffItemReading },
): Tried {
  const currency = dm.limit.currency;
  const required = alt.change === 'none' ? 'no required change in tariff classification' : describeChange(alt.change);
  const { failing, undetermined, assumptions } =
    alt.change === 'none'
      ? { failing: [], undetermined: [], assumptions: [] }
      : changeFailing(
          input,
          alt.change,
          input.nonOriginating,
          goodWordsOf(input, alt),
          goodsVocabulary(input.rule, input.goods),
        );
  const valueOf = (list: readonly FailingMaterial[]) =>
    sumMoney(
      input.nonOriginating.filter((m) => list.some((f) => f.material === m.key)).map((m) => m.value),
      currency,
    );
  const failingValue = valueOf(failing);
  const openValue = valueOf([...failing, ...undetermined]);
  // s. 5(1)(a): "is not more than 10%", counting every material that may fail (sure) or only those that do (fail).
  const byDeMinimis = failing.length + undetermined.length > 0 && compareMoney(openValue, dm.limit) <= 0;
  const changeStatus =
    failing.length + undetermined.length === 0 || byDeMinimis
      ? 'pass'
      : undetermined.length === 0 || compareMoney(failingValue, dm.limit) > 0
        ? 'fail'
        : 'undetermined';
  const changeOk = changeStatus === 'pass';
  const rvc = alt.rvc ? rvcOf(input, alt, dm.allWithinDeMinimis) : undefined;
  const rvcOk = rvc === undefined || rvc.status === 'pass';
  const met = changeOk && rvcOk;
  const maybe = changeStatus === 'undetermined' && rvcOk;
  const { scope, why } = goodsScope(input, alt, open.readings, open.tariffItems);
  if (scope === 'applies' && why !== undefined) assumptions.push(why);
  const status =
    scope === 'other-goods' || (!met && !maybe) ? 'fail' : scope === 'unknown' || maybe ? 'undetermined' : 'pass';
  const outcome: AlternativeOutcome = {
    paragraph: alt.paragraph,
    citation: input.citeAlternative ? input.citeAlternative(alt.paragraph) : `${input.citation}, ${alt.paragraph}`,
    status,
    reason:
      scope === 'other-goods'
        ? (why ?? `the alternative is for ${alt.goods ?? ''}, and the good is ${input.goods ?? ''}`)
        : reasonOf({
            required,
            failing,
            undetermined,
            failingValue,
            openValue,
            byDeMinimis,
            rvc,
            status,
            scopeOpen: scope === 'unknown',
            alt,
            limit: dm.limit,
            why,
          }),
    ...(alt.goods !== undefined ? { goods: alt.goods } : {}),
    ...(alt.tariffItem !== undefined ? { tariffItem: alt.tariffItem } : {}),
    change: {
      required,
      status: changeStatus,
      failing,
      ...(undetermined.length > 0 ? { undetermined } : {}),
      failingValue: amountText(failingValue),
      ...(alt.change !== 'none' ? { deMinimisLimit: amountText(dm.limit) } : {}),
      byDeMinimis,
    },
    rvc,
    assumptions,
  };
  return { outcome, met, alt };
}

type Scope = { scope: 'applies' | 'other-goods' | 'unknown'; why?: string | undefined };

/**
 * Whether an alternative is for the good: under every reading of the good the claim leaves open (readings.ts), under
 * none, or under some (unknown). An alternative for every good of the subheading is for all of them, or, where
 * tariff items take precedence, only for the goods of none of the items. An alternative for a national tariff item
 * is decided by the good's national tariff number through the pack's correspondence (national-items.ts), `why`
 * saying how.
 */
function goodsScope(
  input: PsrInput,
  alt: PsrAlternative,
  readings: readonly Reading[],
  tariffItems: TariffItemReading,
): Scope {
  const count = readings.filter((r) => appliesUnder(input.rule, alt, r, tariffItems)).length;
  const scope = count === readings.length ? 'applies' : count === 0 ? 'other-goods' : 'unknown';
  const first = readings[0];
  const knownItem = readings.every((r) => r.item === first?.item) ? first?.item : undefined;
  if (alt.tariffItem !== undefined) {
    if (typeof knownItem === 'string' && knownItem !== alt.tariffItem)
      return { scope, why: `the good is of tariff item ${knownItem}, not ${alt.tariffItem}` };
    return {
      scope,
      why: nationalItemOf(alt.tariffItem, input.goodHs, input.goodAsWritten, input.nationalItems, input.nationalTariff)
        .reason,
    };
  }
  const items = tariffItemsOf(input.rule);
  if (tariffItems === 'item-rule-only' && items.length > 0 && (alt.goods === undefined || scope !== 'unknown')) {
    const precedence = `the alternatives for tariff item ${items.join(' or ')} take precedence over those of subheading ${input.rule.hs} for the goods of ${items.length === 1 ? 'that item' : 'those items'} (tariffItemPrecedence: item-rule-only)`;
    if (typeof knownItem === 'string') return { scope, why: `the good is of tariff item ${knownItem}: ${precedence}` };
    if (scope === 'unknown') {
      const open = items
        .map((item) =>
          nationalItemOf(item, input.goodHs, input.goodAsWritten, input.nationalItems, input.nationalTariff),
        )
        .find((a) => a.status === 'unknown');
      return { scope, why: `${precedence}, and ${open?.reason ?? 'the good may be of one of them'}` };
    }
  }
  return { scope };
}

function reasonOf(o: {
  required: string;
  failing: FailingMaterial[];
  undetermined: FailingMaterial[];
  failingValue: Money;
  /** The value of the failing and the undetermined materials together. */
  openValue: Money;
  byDeMinimis: boolean;
  rvc: AlternativeOutcome['rvc'];
  status: AlternativeOutcome['status'];
  /** The alternative may not be for the good (its goods or tariff item are not named by the claim). */
  scopeOpen: boolean;
  alt: PsrAlternative;
  limit: Money;
  /** Why an alternative for a national tariff item is undetermined. */
  why?: string | undefined;
}): string {
  const parts: string[] = [];
  const listOf = (l: FailingMaterial[]) =>
    l.map((f) => `${f.material} (${f.hs || 'no HS code'}, ${f.value})`).join(', ');
  if (o.alt.change === 'none') parts.push('no change in tariff classification required');
  else if (o.failing.length + o.undetermined.length === 0)
    parts.push(`every non-originating material makes ${o.required}`);
  else if (o.undetermined.length === 0) {
    const list = listOf(o.failing);
    const verb = o.failing.length === 1 ? 'does not make' : 'do not make';
    parts.push(
      o.byDeMinimis
        ? `${list} ${verb} ${o.required}, but ${amountText(o.failingValue)} is within de minimis (not more than ${amountText(o.limit)}, s. 5(1))`
        : `${list} ${verb} ${o.required}: ${amountText(o.failingValue)} is more than de minimis (${amountText(o.limit)}, s. 5(1))`,
    );
  } else {
    const failing =
      o.failing.length > 0
        ? `${listOf(o.failing)} ${o.failing.length === 1 ? 'does' : 'do'} not make ${o.required}; `
        : '';
    const open = `whether ${listOf(o.undetermined)} ${o.undetermined.length === 1 ? 'makes' : 'make'} it turns on what the claim does not say (${o.undetermined.map((f) => f.reason).join('; ')})`;
    parts.push(
      o.byDeMinimis
        ? `${failing}${open}, but ${amountText(o.openValue)} is within de minimis either way (not more than ${amountText(o.limit)}, s. 5(1))`
        : `${failing}${open}: ${amountText(o.openValue)} is more than de minimis (${amountText(o.limit)}, s. 5(1))${o.failing.length > 0 ? `, ${amountText(o.failingValue)} is not` : ''}`,
    );
  }
  if (o.rvc) {
    const m = o.rvc.method === 'transaction-value' ? 'transaction value' : 'net cost';
    if (o.rvc.byDeMinimis)
      parts.push(`the RVC need not be met: all non-originating materials are within de minimis (s. 5(4))`);
    else if (o.rvc.value === undefined) parts.push(`no RVC by the ${m} method could be computed`);
    else parts.push(`RVC (${m}) ${o.rvc.value}% ${o.rvc.status === 'pass' ? '>=' : '<'} ${o.rvc.threshold}%`);
  }
  if (o.status === 'undetermined' && o.scopeOpen) {
    parts.push(
      o.alt.tariffItem
        ? `but the alternative is only for tariff item ${o.alt.tariffItem}: ${o.why ?? 'the claim does not name it'}`
        : o.alt.goods === undefined
          ? `but the alternative is only for the goods of none of the tariff items: ${o.why ?? ''}`
          : `but the alternative is only for ${o.alt.goods === 'any other good' ? 'goods other than those the rule names before it' : o.alt.goods}; the claim does not say the good is one`,
    );
  }
  return parts.join('; ');
}
