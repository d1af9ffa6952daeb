/**
 * Changes of one BOM line: a supplier's certification for a line of unknown origin (for a core part declared without
 * figures, with what it may hold: s. 14(7)); the line bought from originating supply at its price, or at the price of
 * a quote in its `alternatives` (its cost moves the lines above it and the total cost, cost-edits.ts); the line made
 * at a qualifying high-wage plant instead (high-wage.ts). A change is generated only where it moves a sum.
 */
import { Dec, ONE, ZERO } from '../num/decimal.js';
import { leaf, type Line, type ScopeStatus } from './bom.js';
import { isRecord, money, noEffects, type Change, type ChangeContext, type Edit, type Effects } from './change.js';
import { costEdits } from './cost-edits.js';
import { highWagePlant, plantEffect } from './high-wage.js';
import { valueAt } from './view.js';

export function lineChanges(ctx: ChangeContext, l: Line): Change[] {
  const out: Change[] = [];
  const m = l.m;
  const cur = ctx.claim.currency;
  const check = { path: [...l.path, 'id'], value: m.id };
  // A core part or heavy-truck part whose declared origin decides its requirement.
  const declaredPart =
    (m.corePart !== undefined && !l.computedCore && l.part === undefined) ||
    (ctx.facts.heavy?.declared.some((d) => d.key === m.key) ?? false);
  const quotes = m.alternatives ?? [];
  const what = `${m.key} (${m.description || 'no description'}${m.hs ? `, ${m.hs}` : ''})`;
  const corePartNote = declaredPart && m.corePart !== undefined ? declaredCoreNote(ctx, l) : '';
  // Origin: evidence for unknown, re-sourcing for non-originating (where no quote is listed).
  if (m.origin !== 'originating' && (m.origin === 'unknown' || quotes.length === 0)) {
    const effects = originEffects(ctx, l, 'originating', undefined);
    if (declaredPart) effects.declaredParts = [m.key];
    if (moves(effects)) {
      out.push({
        id: `origin:${m.key}`,
        kind: m.origin === 'unknown' ? 'evidence' : 'resourcing',
        subject: m.key,
        description:
          m.origin === 'unknown'
            ? `supplier's certification that ${what} is originating${corePartNote}`
            : `${what} bought from originating supply, at its current price (no quote listed)${corePartNote}`,
        asserts:
          m.origin === 'unknown'
            ? `${m.key} is an originating good of its supplier, as the supplier's certification of origin shows (s. 9)`
            : `${m.key} will be bought from a supplier whose goods are originating, at ${money(l.valuePerGood, cur)} per good, as now`,
        valueAtStake: l.valuePerGood,
        addedCost: ZERO,
        priced: false,
        edits: [{ op: 'set', path: [...l.path, 'origin'], value: 'originating' }],
        checks: [check],
        effects,
      });
    }
  }
  quotes.forEach((q, i) => {
    if (!l.underOwnLines || m.selfProduced) return;
    const delta = q.unitValue.amount.minus(m.unitValue.amount);
    const effects = originEffects(ctx, l, q.origin, q.unitValue.amount);
    if (declaredPart && q.origin === 'originating') effects.declaredParts = [m.key];
    const newPlant = q.plant;
    effects.hwm = effects.hwm.plus(plantEffect(ctx, l, newPlant, q.unitValue.amount.times(l.perGood)));
    const edits: Edit[] = [
      {
        op: 'set',
        path: [...l.path, 'unitValue'],
        value: {
          amount: rawAmount(valueAt(ctx.view, [...l.path, 'alternatives', i, 'unitValue'])),
          currency: quoteCurrency(ctx, l, i),
        },
      },
      { op: 'set', path: [...l.path, 'origin'], value: q.origin },
      newPlant !== undefined
        ? { op: 'set', path: [...l.path, 'plant'], value: newPlant }
        : { op: 'remove', path: [...l.path, 'plant'] },
      q.country !== undefined
        ? { op: 'set', path: [...l.path, 'country'], value: q.country }
        : { op: 'remove', path: [...l.path, 'country'] },
      { op: 'remove', path: [...l.path, 'supplierStatement'] },
      { op: 'remove', path: [...l.path, 'evidence'] },
    ];
    edits.push(...costEdits(ctx, l, delta, effects));
    const added = delta.times(l.perGood);
    out.push({
      id: `quote:${m.key}:${i}`,
      kind: 'resourcing',
      subject: m.key,
      description: `${what} bought from ${q.supplier}${q.reference ? ` (quote ${q.reference})` : ''}, ${q.origin}${newPlant ? `, made at ${newPlant}` : ''}, at ${money(q.unitValue.amount, cur)} a unit: ${added.isNegative() ? '' : '+'}${money(added, cur)} per good${q.origin === 'originating' ? corePartNote : ''}`,
      asserts: `${m.key} will be bought from ${q.supplier}${q.reference ? ` under quote ${q.reference}` : ''} at ${money(q.unitValue.amount, cur)} a unit, ${q.origin === 'originating' ? 'an originating good of that supplier' : `of ${q.origin} origin`}${newPlant ? `, made at ${newPlant}` : ''}`,
      valueAtStake: l.valuePerGood,
      addedCost: added,
      priced: true,
      edits,
      checks: [check],
      effects,
    });
  });
  // LVC: made at a qualifying high-wage plant instead.
  const target = highWagePlant(ctx, l);
  if (target && !(quotes.length > 0 && !m.selfProduced)) {
    const gain = plantEffect(ctx, l, target.id, l.valuePerGood);
    if (gain.greaterThan(0)) {
      const effects = noEffects();
      effects.hwm = gain;
      out.push({
        id: `plant:${m.key}`,
        kind: 'resourcing',
        subject: m.key,
        description: `${m.key} (${m.description || 'no description'}) made at the qualifying high-wage plant ${target.id} (${target.country}) instead of ${m.plant ?? 'an unnamed plant'}, at its current price: +${money(gain, cur)} of high-wage material per good`,
        asserts: `${m.key} will be made at plant ${target.id}, whose wage data qualify it as a high-wage plant, at its current price (s. 18(4), (7))`,
        valueAtStake: l.valuePerGood,
        addedCost: ZERO,
        priced: false,
        edits: [
          { op: 'set', path: [...l.path, 'plant'], value: target.id },
          { op: 'set', path: [...l.path, 'country'], value: target.country },
        ],
        checks: [check],
        effects,
      });
    }
  }
  return out;
}

/**
 * What a core part declared without figures must hold to be originating: at most (100 - threshold)% of its net
 * cost in non-originating materials (s. 14(7)); its price stands in for its net cost, which the claim does not give.
 */
function declaredCoreNote(ctx: ChangeContext, l: Line): string {
  const T = ctx.facts.core?.threshold;
  if (!T) return '';
  const most = l.valuePerGood.times(ONE.minus(T.div(100)));
  return `; as a core part (${l.m.corePart}) it must itself be originating, at least ${T.toFixed()}% RVC: at most ${money(most, ctx.claim.currency)} of non-originating materials per good if its net cost is its price (s. 14(7))`;
}

/** The currency a quote is written in (its unitValue's, its own, or the line's). */
function quoteCurrency(ctx: ChangeContext, l: Line, i: number): string {
  const raw = valueAt(ctx.view, [...l.path, 'alternatives', i]) as Record<string, unknown>;
  const uv = raw.unitValue;
  if (isRecord(uv) && typeof uv.currency === 'string') return uv.currency;
  if (typeof raw.currency === 'string') return raw.currency;
  const line = valueAt(ctx.view, l.path) as Record<string, unknown>;
  return typeof line.currency === 'string' ? line.currency : ctx.claim.currency;
}

function rawAmount(v: unknown): string {
  if (isRecord(v)) return String(v.amount);
  return String(v);
}

function moves(e: Effects): boolean {
  return (
    !e.goodVnm.isZero() ||
    e.parts.size > 0 ||
    e.declaredParts.length > 0 ||
    !e.tariffShiftFailing.isZero() ||
    !e.hwm.isZero()
  );
}

/**
 * The effect of giving a line another origin (and price, for a quote) on the good's VNM, its part's full and
 * listed VNM and the tariff shift; a line not reached by a roll-up moves nothing there.
 */
function originEffects(ctx: ChangeContext, l: Line, origin: Line['m']['origin'], unitValue: Dec | undefined): Effects {
  const e = noEffects();
  const priced: Line =
    unitValue === undefined
      ? l
      : {
          ...l,
          valuePerGood: unitValue.times(l.perGood),
          m: { ...l.m, unitValue: { amount: unitValue, currency: ctx.claim.currency }, statement: undefined },
        };
  const method = ctx.claim.elections.rvcMethod ?? 'net-cost';
  const adjustment = (before: ScopeStatus, after: ScopeStatus): Dec =>
    (after.netCostAdjustment ?? ZERO).minus(before.netCostAdjustment ?? ZERO);
  if (l.good && l.good.kind !== 'through') {
    const after = leaf(priced, origin, method);
    e.goodVnm = after.vnm.minus(l.good.vnm);
    e.netCost = adjustment(l.good, after);
    if (ctx.facts.tariffShift?.failing.has(l.m.key)) e.tariffShiftFailing = e.goodVnm;
  }
  if (l.part && l.inPart && l.inPart.kind !== 'through') {
    const after = leaf(priced, origin, 'net-cost');
    const full = after.vnm.minus(l.inPart.vnm);
    const listed =
      l.listed !== undefined
        ? origin === 'originating'
          ? l.listed.negated()
          : priced.valuePerGood.minus(l.listed)
        : ZERO;
    const netCost = adjustment(l.inPart, after);
    if (!full.isZero() || !listed.isZero() || !netCost.isZero()) e.parts.set(l.part.m.key, { netCost, full, listed });
  } else if (l.part && l.listed !== undefined) {
    const listed = origin === 'originating' ? l.listed.negated() : priced.valuePerGood.minus(l.listed);
    if (!listed.isZero()) e.parts.set(l.part.m.key, { netCost: ZERO, full: ZERO, listed });
  }
  return e;
}
