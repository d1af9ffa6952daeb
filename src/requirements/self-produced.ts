/**
 * UR s. 3(8): "For the purpose of determining whether non-originating materials undergo an applicable change in
 * tariff classification, a self-produced material may, at the choice of the producer of that material, be
 * considered a material used in the production of a good into which the self-produced material is incorporated."
 * (Example 6 of s. 3(9): "Producer A has the option of considering the self-produced Material Z to be the material
 * that must undergo a change in tariff classification.")
 *
 * The RVC always counts a self-produced material's own non-originating materials (s. 7(5)(a), vnm.ts); for the
 * change in tariff classification the producer may instead present the self-produced material itself, each one on
 * its own, at any depth. The choice costs the producer nothing elsewhere, so the engine tries the looked-through
 * materials first, then the choice that leaves the least value failing the change (leastFailingChoice), and the
 * decision names the route that qualified the good and the materials considered themselves.
 */
import type { Material } from '../input/model.js';
import { product, type Dec, ONE } from '../num/decimal.js';
import { compareMoney, plus, times, zero, type Money } from '../num/money.js';
import { countedLine, originOf, type CountedLine, type ResolvedOrigin, type RollUp } from './vnm.js';

/** The route by which the non-originating materials were tested for the change in tariff classification. */
export type SelfProducedRouteName = 'looked-through' | 'self-produced-as-materials';

/** The citation of the producer's choice. */
export const SELF_PRODUCED_CHOICE_CITATION =
  'Uniform Regulations (SOR/2020-155; 19 CFR 182 App. A) s. 3(8) (s. 3(9), Example 6); RVC: s. 7(5)(a)';

/**
 * A self-produced material the producer may consider itself for the change in tariff classification (s. 3(8)):
 * one that is not designated intermediate, has an HS code and whose own materials the roll-up counted, at any depth.
 */
export interface SelfProducedCandidate {
  key: string;
  /** The material as one line, at its value per unit of the good; undefined where it is originating. */
  line: CountedLine | undefined;
  /** The key of the nearest candidate it is incorporated into, if any. */
  within: string | undefined;
}

/** Every candidate of s. 3(8) in the bill of materials, sorted by key (the order of the claim's lines changes nothing). */
export function selfProducedCandidates(
  materials: readonly Material[],
  bom: Pick<RollUp, 'counted'>,
  computed: ReadonlyMap<Material, ResolvedOrigin>,
): SelfProducedCandidate[] {
  const above = new Set<string>();
  for (const c of bom.counted) for (const a of ancestors(c.key)) above.add(a);
  const out: SelfProducedCandidate[] = [];
  const walk = (list: readonly Material[], multiplier: Dec, within: string | undefined): void => {
    for (const m of list) {
      if (m.children.length === 0) continue;
      const perGood = product(multiplier, m.quantity);
      const candidate = m.selfProduced && !m.intermediate && m.hs !== undefined && above.has(m.key);
      if (candidate) out.push({ key: m.key, line: asLine(m, perGood, computed), within });
      walk(m.children, perGood, candidate ? m.key : within);
    }
  };
  walk(materials, ONE, undefined);
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The material as one counted line at `perGood` units per good (s. 3(8)); undefined where it is originating. */
function asLine(m: Material, perGood: Dec, computed: ReadonlyMap<Material, ResolvedOrigin>): CountedLine | undefined {
  if (originOf(m, { computed }).origin === 'originating') return undefined;
  return countedLine(m, perGood, times(m.unitValue, perGood), 'self-produced-as-material');
}

/**
 * The lines the change in tariff classification tests when the candidates `chosen` are considered themselves: the
 * counted lines not incorporated into a chosen one, and each outermost chosen one that is not originating.
 */
export function linesWithChosen(
  bom: Pick<RollUp, 'counted'>,
  candidates: readonly SelfProducedCandidate[],
  chosen: ReadonlySet<string>,
): CountedLine[] {
  const under = (key: string) => ancestors(key).some((a) => chosen.has(a));
  const lines = bom.counted.filter((c) => !under(c.key));
  for (const c of candidates) if (chosen.has(c.key) && !under(c.key) && c.line !== undefined) lines.push(c.line);
  return lines;
}

/**
 * The choice of s. 3(8) that leaves the least value failing one change in tariff classification: the outermost
 * candidates to consider themselves (sorted by key; empty: every one looked through). `failingValue` gives the value
 * of the given lines that fail the change (undefined for none); whether a line fails does not depend on the other
 * lines, and de minimis (s. 5(1)) adds the values that fail, so the choice is made material by material, deepest
 * first: a candidate is considered itself where its own line fails less than the best of what it is made of (equal:
 * looked through). No other choice leaves less value failing.
 */
export function leastFailingChoice(
  counted: readonly CountedLine[],
  candidates: readonly SelfProducedCandidate[],
  failingValue: (lines: readonly CountedLine[]) => Money | undefined,
  currency: string,
): string[] {
  const keys = new Set(candidates.map((c) => c.key));
  const nearest = (key: string): string | undefined =>
    ancestors(key)
      .reverse()
      .find((a) => keys.has(a));
  const best = new Map<string, { value: Money; self: boolean }>();
  // Deepest first: a key with more "/" is incorporated deeper; ties in key order, for a deterministic result.
  const order = [...candidates].sort((a, b) => depth(b.key) - depth(a.key) || (a.key < b.key ? -1 : 1));
  for (const c of order) {
    const direct = counted.filter((l) => nearest(l.key) === c.key);
    let through = failingValue(direct) ?? zero(currency);
    for (const d of candidates)
      if (d.within === c.key) through = plus(through, best.get(d.key)?.value ?? zero(currency));
    const self = (c.line === undefined ? undefined : failingValue([c.line])) ?? zero(currency);
    best.set(c.key, compareMoney(self, through) < 0 ? { value: self, self: true } : { value: through, self: false });
  }
  const chosen: string[] = [];
  const walk = (within: string | undefined): void => {
    for (const c of candidates) {
      if (c.within !== within) continue;
      if (best.get(c.key)?.self === true) chosen.push(c.key);
      else walk(c.key);
    }
  };
  walk(undefined);
  return chosen.sort();
}

function depth(key: string): number {
  return ancestors(key).length;
}

/** The keys of the lines a line is incorporated into: "A/B/C" gives "A" and "A/B". */
function ancestors(key: string): string[] {
  const out: string[] = [];
  for (let i = key.indexOf('/'); i !== -1; i = key.indexOf('/', i + 1)) out.push(key.slice(0, i));
  return out;
}

/** What the decision says of the choice: the route that qualified the good (or that neither did), with the citation. */
export interface SelfProducedChoice {
  route: SelfProducedRouteName | 'neither';
  considered: string[];
  /** On the route self-produced-as-materials: those considered themselves (the others looked through). */
  chosen?: string[] | undefined;
  /**
   * The choice was made for each of the goods the rule tells apart that the good may be (the claim leaving open which
   * it is): `chosen` lists every material considered itself for one of them; the rule's `readings` give each one's.
   */
  byReading?: true | undefined;
  citation: string;
  note: string;
}

/** The decision's account of the choice, given which routes met the rule (`byReading`: a choice for each reading). */
export function selfProducedChoice(
  route: { considered: string[] },
  lookedThrough: boolean,
  asMaterials: boolean,
  chosen: readonly string[] = route.considered,
  byReading = false,
): SelfProducedChoice {
  const list = route.considered.join(', ');
  if (asMaterials && byReading)
    return {
      route: 'self-produced-as-materials',
      considered: route.considered,
      chosen: [...chosen],
      byReading: true,
      citation: SELF_PRODUCED_CHOICE_CITATION,
      note: `qualified whichever of the goods the rule tells apart it is, its producer choosing for the good it is which self-produced materials to consider as the materials that must change classification (s. 3(8)): ${chosen.join(', ')} for some of them (the readings say which); the RVC still counts their own non-originating materials (s. 7(5)(a))`,
    };
  if (lookedThrough)
    return {
      route: 'looked-through',
      considered: route.considered,
      citation: SELF_PRODUCED_CHOICE_CITATION,
      note: `the own materials of the self-produced ${list} make the change; the producer need not consider ${route.considered.length === 1 ? 'it as a material' : 'them as materials'} (s. 3(8))`,
    };
  if (asMaterials) {
    const others = route.considered.filter((k) => !chosen.includes(k));
    return {
      route: 'self-produced-as-materials',
      considered: route.considered,
      chosen: [...chosen],
      citation: SELF_PRODUCED_CHOICE_CITATION,
      note: `qualified by considering the self-produced ${chosen.join(', ')} as the material${chosen.length === 1 ? '' : 's'} that must change classification, at the producer's choice (s. 3(8))${others.length > 0 ? `, and looking through ${others.join(', ')}` : ''}; the RVC still counts ${chosen.length === 1 ? 'its' : 'their'} own non-originating materials (s. 7(5)(a))`,
    };
  }
  return {
    route: 'neither',
    considered: route.considered,
    citation: SELF_PRODUCED_CHOICE_CITATION,
    note: `neither the own materials of the self-produced ${list} nor ${route.considered.length === 1 ? 'it, considered as a material' : 'any choice of them considered as materials, each on its own'} (s. 3(8)), meet the rule`,
  };
}
