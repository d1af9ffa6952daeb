/**
 * One alternative of a product-specific rule tried on the good (UR s. 5(1)-(2), s. 13; Schedule 1): the change in
 * tariff classification of each non-originating material (tariff-change.ts) with de minimis (s. 5(1)), the RVC it
 * requires (rvc-alternative.ts), whether it is for the good under the readings the claim leaves open (readings.ts),
 * and the reason in figures.
 */
import { compareMoney, sumMoney, type Money, amountText } from '../../num/money.js';
import type { PsrAlternative, TariffChange } from '../../rules/psr-schema.js';
import { nationalItemOf } from './national-items.js';
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
 * it), and what was taken as given for those that do (a listed source the text narrows to some goods).
 */
export function changeFailing(
  input: Pick<PsrInput, 'goodHs' | 'goodAsWritten' | 'nationalItems'>,
  change: TariffChange,
  materials: readonly PsrMaterial[],
): { failing: FailingMaterial[]; assumptions: string[] } {
  const failing: FailingMaterial[] = [];
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
    const answer = materialMakesChange(
      input.goodHs,
      materialHs,
      change,
      (item) => nationalItemOf(item, materialHs, m.hsAsWritten, input.nationalItems).status,
      { good: input.goodAsWritten, material: m.hsAsWritten },
    );
    if (!answer.makes) failing.push({ material: m.key, hs: m.hs, value: amountText(m.value), reason: answer.reason });
    else if (answer.assumedGoods)
      assumptions.push(`${m.key} (${m.hs}) is taken to be ${answer.assumedGoods}, as the text requires`);
  }
  return { failing, assumptions };
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
  const { failing, assumptions } =
    alt.change === 'none' ? { failing: [], assumptions: [] } : changeFailing(input, alt.change, input.nonOriginating);
  const failingValue = sumMoney(
    input.nonOriginating.filter((m) => failing.some((f) => f.material === m.key)).map((m) => m.value),
    currency,
  );
  // s. 5(1)(a): "is not more than 10%"
  const byDeMinimis = failing.length > 0 && compareMoney(failingValue, dm.limit) <= 0;
  const changeOk = failing.length === 0 || byDeMinimis;
  const rvc = alt.rvc ? rvcOf(input, alt, dm.allWithinDeMinimis) : undefined;
  const met = changeOk && (rvc === undefined || rvc.status === 'pass');
  const { scope, why } = goodsScope(input, alt, open.readings, open.tariffItems);
  if (scope === 'applies' && why !== undefined) assumptions.push(why);
  const status = scope === 'other-goods' || !met ? 'fail' : scope === 'unknown' ? 'undetermined' : 'pass';
  const outcome: AlternativeOutcome = {
    paragraph: alt.paragraph,
    citation: input.citeAlternative ? input.citeAlternative(alt.paragraph) : `${input.citation}, ${alt.paragraph}`,
    status,
    reason:
      scope === 'other-goods'
        ? (why ?? `the alternative is for ${alt.goods ?? ''}, and the good is ${input.goods ?? ''}`)
        : reasonOf({ required, failing, failingValue, byDeMinimis, rvc, status, alt, limit: dm.limit, why }),
    ...(alt.goods !== undefined ? { goods: alt.goods } : {}),
    ...(alt.tariffItem !== undefined ? { tariffItem: alt.tariffItem } : {}),
    change: {
      required,
      status: changeOk ? 'pass' : 'fail',
      failing,
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
      why: nationalItemOf(alt.tariffItem, input.goodHs, input.goodAsWritten, input.nationalItems).reason,
    };
  }
  const items = tariffItemsOf(input.rule);
  if (tariffItems === 'item-rule-only' && items.length > 0 && (alt.goods === undefined || scope !== 'unknown')) {
    const precedence = `the alternatives for tariff item ${items.join(' or ')} take precedence over those of subheading ${input.rule.hs} for the goods of ${items.length === 1 ? 'that item' : 'those items'} (tariffItemPrecedence: item-rule-only)`;
    if (typeof knownItem === 'string') return { scope, why: `the good is of tariff item ${knownItem}: ${precedence}` };
    if (scope === 'unknown') {
      const open = items
        .map((item) => nationalItemOf(item, input.goodHs, input.goodAsWritten, input.nationalItems))
        .find((a) => a.status === 'unknown');
      return { scope, why: `${precedence}, and ${open?.reason ?? 'the good may be of one of them'}` };
    }
  }
  return { scope };
}

function reasonOf(o: {
  required: string;
  failing: FailingMaterial[];
  failingValue: Money;
  byDeMinimis: boolean;
  rvc: AlternativeOutcome['rvc'];
  status: AlternativeOutcome['status'];
  alt: PsrAlternative;
  limit: Money;
  /** Why an alternative for a national tariff item is undetermined. */
  why?: string | undefined;
}): string {
  const parts: string[] = [];
  if (o.alt.change === 'none') parts.push('no change in tariff classification required');
  else if (o.failing.length === 0) parts.push(`every non-originating material makes ${o.required}`);
  else {
    const list = o.failing.map((f) => `${f.material} (${f.hs || 'no HS code'}, ${f.value})`).join(', ');
    const verb = o.failing.length === 1 ? 'does not make' : 'do not make';
    parts.push(
      o.byDeMinimis
        ? `${list} ${verb} ${o.required}, but ${amountText(o.failingValue)} is within de minimis (not more than ${amountText(o.limit)}, s. 5(1))`
        : `${list} ${verb} ${o.required}: ${amountText(o.failingValue)} is more than de minimis (${amountText(o.limit)}, s. 5(1))`,
    );
  }
  if (o.rvc) {
    const m = o.rvc.method === 'transaction-value' ? 'transaction value' : 'net cost';
    if (o.rvc.byDeMinimis)
      parts.push(`the RVC need not be met: all non-originating materials are within de minimis (s. 5(4))`);
    else if (o.rvc.value === undefined) parts.push(`no RVC by the ${m} method could be computed`);
    else parts.push(`RVC (${m}) ${o.rvc.value}% ${o.rvc.status === 'pass' ? '>=' : '<'} ${o.rvc.threshold}%`);
  }
  if (o.status === 'undetermined') {
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
