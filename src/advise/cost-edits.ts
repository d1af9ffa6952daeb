/**
 * A line at another price (a quote, or a sensitivity's price rise): every line above it costs more by the
 * difference times the quantity between them (its unit value, and its own net cost where it has one), and so does
 * the good (total cost). Amounts are written exactly, in the reporting currency where the field was in another.
 */
import type { NormalizedClaim } from '../input/model.js';
import { Dec, ZERO, product } from '../num/decimal.js';
import { ancestors, type Bom, type Line } from './bom.js';
import { isRecord, noEffects, type ChangeContext, type Edit, type Effects, type PartEffect } from './change.js';
import type { Facts } from './facts.js';
import { valueAt, type ClaimView, type PathSegment } from './view.js';

/**
 * The edits and effects of a new unit price for a line (a quote): every line above it costs more by the
 * difference times the quantity between them (its unit value, and its own net cost where it has one), and so
 * does the good (total cost); lines above that count whole in a roll-up count the difference there too.
 */
export function costEdits(ctx: ChangeContext, l: Line, delta: Dec, e: Effects): Edit[] {
  const edits: Edit[] = [];
  if (delta.isZero()) return edits;
  const perGoodDelta = delta.times(l.perGood);
  let qty = l.m.quantity;
  for (const a of ancestors(l)) {
    const d = delta.times(qty);
    edits.push(
      amountEdit(ctx, [...a.path, 'unitValue'], a.m.unitValue.amount, d, lineCurrency(ctx, a) === ctx.claim.currency),
    );
    if (a.m.netCost !== undefined)
      edits.push(
        amountEdit(
          ctx,
          [...a.path, 'netCost'],
          a.m.netCost.amount,
          d,
          lineCurrency(ctx, a, 'netCost') === ctx.claim.currency,
        ),
      );
    if (a.good?.kind === 'counted' && a.good.via === 'value') e.goodVnm = e.goodVnm.plus(perGoodDelta);
    if (a.part && a.inPart?.kind === 'counted' && a.inPart.via === 'value')
      addPart(e, a.part.m.key, { full: perGoodDelta });
    if (a.computedCore || a.computedHeavy) addPart(e, a.m.key, { netCost: perGoodDelta });
    const hw = ctx.hwm.get(a);
    if (hw?.counted) e.hwm = e.hwm.plus(perGoodDelta);
    qty = product(qty, a.m.quantity);
  }
  // The top-level line it is in (or itself) costs more by the same amount per good, and so does the good.
  e.topLevelValue = perGoodDelta;
  e.netCost = e.netCost.plus(perGoodDelta);
  edits.push(amountEdit(ctx, ['costs', 'totalCost'], ctx.claim.costs.totalCost.amount, perGoodDelta, true));
  return edits;
}

export function addPart(e: Effects, key: string, d: Partial<PartEffect>): void {
  const cur = e.parts.get(key) ?? { netCost: ZERO, full: ZERO, listed: ZERO };
  e.parts.set(key, {
    netCost: cur.netCost.plus(d.netCost ?? ZERO),
    full: cur.full.plus(d.full ?? ZERO),
    listed: cur.listed.plus(d.listed ?? ZERO),
  });
}

function amountEdit(
  ctx: ChangeContext,
  path: PathSegment[],
  current: Dec,
  delta: Dec,
  reportingCurrency: boolean,
): Edit {
  const raw = valueAt(ctx.view, path);
  const bare = reportingCurrency && (typeof raw === 'string' || typeof raw === 'number');
  return { op: 'add-amount', path, delta, current, bare };
}

/**
 * The edits that give a line a new unit price, `delta` (reporting currency) more than now: its unit value, the
 * unit value and net cost of every line above it, and the total cost of the good (see costEdits).
 */
export function repriceEdits(claim: NormalizedClaim, view: ClaimView, bom: Bom, l: Line, delta: Dec): Edit[] {
  const ctx: ChangeContext = { claim, view, bom, facts: {} as Facts, qualifies: new Map(), hwm: new Map() };
  return [
    amountEdit(ctx, [...l.path, 'unitValue'], l.m.unitValue.amount, delta, lineCurrency(ctx, l) === claim.currency),
    ...costEdits(ctx, l, delta, noEffects()),
  ];
}

/** The currency a line's unit value (or net cost) is written in, in the claim as read. */
export function writtenCurrency(
  claim: NormalizedClaim,
  view: ClaimView,
  l: Line,
  field: 'unitValue' | 'netCost' = 'unitValue',
): string {
  return lineCurrency({ claim, view } as ChangeContext, l, field);
}

/** The currency a line's unit value (or net cost) is written in. */
export function lineCurrency(ctx: ChangeContext, l: Line, field: 'unitValue' | 'netCost' = 'unitValue'): string {
  const raw = valueAt(ctx.view, l.path) as Record<string, unknown>;
  const v = raw[field];
  if (isRecord(v) && typeof v.currency === 'string') return v.currency;
  return typeof raw.currency === 'string' ? raw.currency : ctx.claim.currency;
}
