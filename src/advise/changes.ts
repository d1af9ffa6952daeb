/**
 * The changes advice may propose, each with the fields it edits in the claim as read and its effect on every
 * sum the requirements compare (per good, reporting currency; see bom.ts):
 * - evidence: a supplier's certification that a line of unknown origin is originating (a core part's, with the
 *   share of non-originating content it may hold); wage data for a plant without any (s. 12, s. 18(5)); a
 *   certificate of origin, or of melting and pouring in the region, for a steel or aluminum purchase (s. 17);
 * - re-sourcing: a non-originating line bought from an originating supplier (at its current price, or at the price
 *   of a quote the claim lists in `alternatives`, which changes the cost of every line above it and the total
 *   cost, so that the net cost and every ratio move together); a line made at a qualifying high-wage plant instead
 *   (s. 18(4), (7)); a Table S purchase bought from a regional mill;
 * - elections: averaging the core parts of a category (s. 14(12)); letting every core-parts method of s. 14(7),
 *   (10) count where one was elected.
 * Line changes are generated only where they move a sum (a line inside a line that counts whole moves nothing).
 */
import type { NormalizedClaim } from '../input/model.js';
import { ZERO } from '../num/decimal.js';
import type { Bom } from './bom.js';
import { money, noEffects, type Change, type ChangeContext, type Edit } from './change.js';
import type { Facts } from './facts.js';
import { highWageState, plantChanges } from './high-wage.js';
import { lineChanges } from './line-changes.js';
import { valueAt, type ClaimView, type PathSegment } from './view.js';

/** Every change advice may propose for this claim (see the file comment). */
export function candidateChanges(claim: NormalizedClaim, view: ClaimView, bom: Bom, facts: Facts): Change[] {
  const qualifies = new Map((facts.lvc?.plants ?? []).map((p) => [p.plant, p.qualifies]));
  const ctx: ChangeContext = { claim, view, bom, facts, qualifies, hwm: highWageState(bom, qualifies) };
  const out: Change[] = [];
  for (const l of bom.lines) out.push(...lineChanges(ctx, l));
  out.push(...plantChanges(ctx), ...purchaseChanges(ctx), ...electionChanges(ctx));
  return out;
}

/** Table S purchases counted as non-originating: evidence where origin or melting is not shown, else re-sourcing. */
function purchaseChanges(ctx: ChangeContext): Change[] {
  const out: Change[] = [];
  const list = (valueAt(ctx.view, ['producer', 'steelAluminum', 'purchases']) ?? []) as Array<Record<string, unknown>>;
  for (const metal of ['steel', 'aluminum'] as const) {
    const f = ctx.facts[metal];
    if (!f) continue;
    const meltRequired = metal === 'steel';
    for (const p of f.purchases) {
      if (p.originating) continue;
      const index = list.findIndex((v) => v.id === p.id);
      if (index < 0) continue;
      const raw = list[index] as Record<string, unknown>;
      const path: PathSegment[] = ['producer', 'steelAluminum', 'purchases', index];
      const edits: Edit[] = [];
      if (raw.origin !== 'originating') edits.push({ op: 'set', path: [...path, 'origin'], value: 'originating' });
      const melt = meltRequired && raw.meltedAndPouredInRegion !== true;
      if (melt) edits.push({ op: 'set', path: [...path, 'meltedAndPouredInRegion'], value: true });
      const evidence =
        raw.origin === 'unknown' || (raw.origin === 'originating' && raw.meltedAndPouredInRegion === undefined);
      const effects = noEffects();
      effects[metal] = p.value;
      const v = money(p.value, ctx.claim.currency);
      out.push({
        id: `purchase:${p.id}`,
        kind: evidence ? 'evidence' : 'resourcing',
        subject: p.id,
        description: evidence
          ? `${raw.origin === 'unknown' ? 'certificate of origin' : "mill's certificate of melting and pouring in the region"} for ${metal} purchase ${p.id} (${v}${raw.origin === 'unknown' && melt ? ', melted and poured in the region' : ''})`
          : `${metal} purchase ${p.id} (${v}) bought from a regional mill: originating${melt ? ', melted and poured in the region' : ''}`,
        asserts: evidence
          ? `${metal} purchase ${p.id} is originating${melt ? ' and was melted and poured in the region' : ''}, as the ${raw.origin === 'unknown' ? 'certificate of origin' : "mill's certificate"} shows (s. 17)`
          : `${metal} purchase ${p.id} will be bought from a regional mill, originating${melt ? ', melted and poured in the region' : ''}, for the same value`,
        valueAtStake: p.value,
        addedCost: ZERO,
        priced: false,
        edits,
        checks: [{ path: [...path, 'id'], value: p.id }],
        effects,
      });
    }
  }
  return out;
}

/** Elections the law offers for core parts (s. 14(7)-(12)) that the claim has not made. */
function electionChanges(ctx: ChangeContext): Change[] {
  const core = ctx.facts.core;
  if (!core) return [];
  const out: Change[] = [];
  const multi = new Map<string, number>();
  for (const l of ctx.bom.lines)
    if (l.computedCore) multi.set(l.m.corePart as string, (multi.get(l.m.corePart as string) ?? 0) + 1);
  if (ctx.claim.elections.coreAveraging !== 'parts-category' && [...multi.values()].some((n) => n > 1)) {
    const effects = noEffects();
    effects.election = { field: 'coreAveraging', value: 'parts-category' };
    out.push({
      id: 'election:coreAveraging',
      kind: 'election',
      subject: 'elections.coreAveraging',
      description:
        'elect to average the core parts of each Table A.2 category over the period (coreAveraging: parts-category; s. 14(12), s. 16(10)-(11))',
      asserts: 'no fact: an election the law offers the producer (s. 14(12))',
      addedCost: ZERO,
      priced: false,
      edits: [{ op: 'set', path: ['elections', 'coreAveraging'], value: 'parts-category' }],
      checks: [],
      effects,
    });
  }
  if (core.election !== 'best') {
    const effects = noEffects();
    effects.election = { field: 'corePartsMethod', value: 'best' };
    out.push({
      id: 'election:corePartsMethod',
      kind: 'election',
      subject: 'elections.corePartsMethod',
      description: `let every core-parts method count (corePartsMethod: best, instead of ${core.election}): each group by full VNM or listed components, or all parts as the super-core (s. 14(7), (10))`,
      asserts: 'no fact: an election the law offers the producer (s. 14(7), (10))',
      addedCost: ZERO,
      priced: false,
      edits: [{ op: 'set', path: ['elections', 'corePartsMethod'], value: 'best' }],
      checks: [],
      effects,
    });
  }
  return out;
}
