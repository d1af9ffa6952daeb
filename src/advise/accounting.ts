/**
 * Every Table A.2 group of a vehicle under the core parts requirement must be accounted for (UR s. 14(4): "each core
 * part ... used in the production of the vehicle"): a line marked with the group's `corePart`, or the group declared
 * absent in `good.absentCoreParts`. Where the decision finds a group unaccounted for (CORE_PART_GROUP_UNACCOUNTED, or
 * CORE_PARTS_NOT_IDENTIFIED when no line is marked at all), advice proposes the declaration that accounts for it:
 * - marking a line as the group's part, where a line's HS subheading is among the group's Table A.2 subheadings
 *   (rules/usmca/tables/table-a2-core-parts-components.yaml; the outermost such line on its branch, not inside a
 *   core part, not itself a column-2 component). Marked, the line is tested as a core part: its RVC from its net
 *   cost and materials (s. 14(7)), or its declared origin; so every plan is sought on the claim as marked, where the
 *   integer program has the part's rows like any other (see advise.ts: one variant per choice of lines);
 * - declaring the group absent, only where no line can be its part: the producer's statement that the vehicle has
 *   no such part, never a way around the requirement (a line that is the part must be marked and tested instead).
 * Every Table A.2 code is "ex" (note to the table): a matching subheading makes a line a candidate, not the part.
 */
import type { NormalizedClaim } from '../input/model.js';
import { ZERO } from '../num/decimal.js';
import { hsMatchesAny } from '../rules/hs.js';
import { RulesInForce } from '../rules/in-force.js';
import type { RulePack } from '../rules/pack.js';
import type { Decision } from '../verdict/decision.js';
import type { Bom, Line } from './bom.js';
import { noEffects, type Change } from './change.js';

/** How many lines are proposed for one group (the largest by value per good), and how many choices in all. */
const MAX_CANDIDATES = 3;
const MAX_CHOICES = 6;

interface Group {
  id: string;
  title: string;
  hs: string[];
}

/** The ways to account for the groups a decision finds unaccounted for, or why there is none. */
export interface Accounting {
  /** The groups unaccounted for, in Table A.2 order (empty: nothing to do). */
  unaccounted: string[];
  /** Each a set of declarations accounting for every group (one marked line per group with candidates, and the
   * absence of the others), best first: the largest candidates first. */
  choices: Change[][];
  /** Said once in the advice: candidates left out, lines without an HS code that were not checked. */
  notes: string[];
  /** Why no declaration can account for the groups (when `choices` is empty and `unaccounted` is not). */
  reason?: string;
}

/** The Table A.2 groups the decision finds unaccounted for, in the table's order. */
export function unaccountedGroups(decision: Decision, claim: NormalizedClaim, order: readonly string[]): string[] {
  const gaps = decision.evidenceGaps;
  if (gaps.some((g) => g.code === 'CORE_PARTS_NOT_IDENTIFIED')) {
    const absent = new Set<string>(claim.good.absentCoreParts ?? []);
    return order.filter((g) => !absent.has(g));
  }
  const named = new Set(
    gaps.filter((g) => g.code === 'CORE_PART_GROUP_UNACCOUNTED').map((g) => g.subject.slice('core-parts.'.length)),
  );
  return order.filter((g) => named.has(g));
}

/**
 * The declarations that would account for every group unaccounted for (see the file comment); `bomOf` gives the
 * bill of materials as advice reads it, asked for only where a group is unaccounted for.
 */
export function accountingOf(claim: NormalizedClaim, decision: Decision, bomOf: () => Bom, pack: RulePack): Accounting {
  const a2 = new RulesInForce(pack, claim.decisionDate).at('usmca.auto.table.a2').value.groups;
  const groups: Group[] = a2.map((g) => ({
    id: g.id,
    title: g.title,
    hs: [...new Set(g.components.flatMap((c) => c.hs))],
  }));
  const unaccounted = unaccountedGroups(
    decision,
    claim,
    groups.map((g) => g.id),
  );
  const out: Accounting = { unaccounted, choices: [], notes: [] };
  if (unaccounted.length === 0) return out;
  const bom = bomOf();
  const withoutHs = bom.lines.filter((l) => l.m.hs === undefined && eligible(l));
  const marks: Change[][] = [];
  const absent: Group[] = [];
  for (const g of groups.filter((x) => unaccounted.includes(x.id))) {
    const all = candidatesOf(bom, g).sort(
      (a, b) => b.valuePerGood.comparedTo(a.valuePerGood) || (a.m.key < b.m.key ? -1 : 1),
    );
    if (all.length === 0) {
      absent.push(g);
      continue;
    }
    const kept = all.slice(0, MAX_CANDIDATES);
    if (all.length > kept.length)
      out.notes.push(
        `${g.id}: ${all.length} lines have an HS subheading of Table A.2's ${g.id}; only the ${kept.length} largest are proposed for corePart: ${g.id} (${all
          .slice(kept.length)
          .map((l) => l.m.key)
          .join(', ')} left out)`,
      );
    marks.push(kept.map((l) => markChange(g, l, kept)));
  }
  const identified = bom.lines.some((l) => l.m.corePart !== undefined);
  if (marks.length === 0 && !identified) {
    out.reason = `core parts: no line of the bill of materials is marked corePart, and none has an HS subheading among Table A.2's (${unaccounted.join(', ')})${withoutHs.length > 0 ? `; ${withoutHs.length} line${withoutHs.length === 1 ? ' has' : 's have'} no HS code to check` : ''}: mark the vehicle's core parts (declaring every group absent is not proposed: a vehicle has core parts, s. 14(4))`;
    return out;
  }
  const absence = absent.length > 0 ? [absenceChange(claim, absent, groups, withoutHs)] : [];
  // One line per group with candidates: every combination, the largest lines first, up to MAX_CHOICES.
  let combos: Change[][] = [[]];
  for (const options of marks) combos = combos.flatMap((c) => options.map((o) => [...c, o]));
  combos.sort((a, b) => rankOf(a, marks) - rankOf(b, marks));
  if (combos.length > MAX_CHOICES)
    out.notes.push(
      `core parts: ${combos.length} ways to mark the groups' candidate lines; the search tried the ${MAX_CHOICES} with the largest lines`,
    );
  out.choices = combos.slice(0, MAX_CHOICES).map((c) => [...c, ...absence]);
  return out;
}

/** A choice of declarations as a variant's name: `corePart: axles on REAR; absentCoreParts: advanced-batteries`. */
export function choiceName(choice: readonly Change[]): string {
  return choice
    .map((c) =>
      c.subject === 'good.absentCoreParts'
        ? `absentCoreParts: ${c.id.slice('absentCoreParts:'.length).split('+').join(', ')}`
        : `corePart: ${c.id.split(':')[1]} on ${c.subject}`,
    )
    .join('; ');
}

/** A line that could be a column-1 part: not marked, not inside a marked line, not a column-2 component. */
function eligible(l: Line): boolean {
  if (l.m.corePart !== undefined || l.m.coreComponent !== undefined) return false;
  for (let a = l.parent; a; a = a.parent) if (a.m.corePart !== undefined) return false;
  return true;
}

/** The outermost eligible lines whose HS subheading is among the group's Table A.2 subheadings. */
function candidatesOf(bom: Bom, g: Group): Line[] {
  const matches = (l: Line) => l.m.hs !== undefined && eligible(l) && hsMatchesAny(l.m.hs, g.hs);
  return bom.lines.filter((l) => {
    if (!matches(l)) return false;
    for (let a = l.parent; a; a = a.parent) if (matches(a)) return false;
    return true;
  });
}

/** The sum of the candidates' places in their groups (0 = the largest): smaller is tried first. */
function rankOf(combo: Change[], marks: Change[][]): number {
  return combo.reduce((s, c, i) => s + (marks[i] ?? []).indexOf(c), 0);
}

function markChange(g: Group, l: Line, candidates: readonly Line[]): Change {
  const m = l.m;
  const others = candidates.filter((x) => x !== l).map((x) => x.m.key);
  const computed = m.netCost !== undefined && l.children.length > 0;
  return {
    id: `corePart:${g.id}:${m.key}`,
    kind: 'declaration',
    subject: m.key,
    description: `mark ${m.key} (${m.description || 'no description'}, ${m.hs}) as the vehicle's core part of the Table A.2 group ${g.title} (corePart: ${g.id}): its HS subheading is among the group's${others.length > 0 ? ` (other candidate lines: ${others.join(', ')})` : ''}; it is then tested as a core part, ${computed ? 'its RVC computed from its net cost and materials (s. 14(7))' : `taken at its declared origin (${m.origin}), as it has no net cost and materials to compute`}`,
    asserts: `${m.key} is a Table A.2 column-1 part of the group ${g.title} used in the production of the vehicle (s. 14(4)): the producer must confirm it (the table's codes are "ex": the subheading alone does not make the line one)${others.length > 0 ? `; any other line that is also a part of this group (${others.join(', ')}?) must be marked too, and is then tested` : ''}`,
    valueAtStake: l.valuePerGood,
    addedCost: ZERO,
    priced: false,
    edits: [{ op: 'set', path: [...l.path, 'corePart'], value: g.id }],
    checks: [{ path: [...l.path, 'id'], value: m.id }],
    effects: noEffects(),
  };
}

function absenceChange(claim: NormalizedClaim, absent: Group[], groups: Group[], withoutHs: Line[]): Change {
  const listed = new Set<string>([...(claim.good.absentCoreParts ?? []), ...absent.map((g) => g.id)]);
  const value = groups.map((g) => g.id).filter((id) => listed.has(id));
  const titles = absent.map((g) => g.title.toLowerCase()).join(', ');
  const ids = absent.map((g) => g.id).join(', ');
  const unchecked =
    withoutHs.length > 0
      ? `; ${withoutHs.length} line${withoutHs.length === 1 ? '' : 's'} without an HS code could not be checked (${withoutHs
          .slice(0, 5)
          .map((l) => l.m.key)
          .join(', ')}${withoutHs.length > 5 ? ', ...' : ''})`
      : '';
  return {
    id: `absentCoreParts:${absent.map((g) => g.id).join('+')}`,
    kind: 'declaration',
    subject: 'good.absentCoreParts',
    description: `declare the Table A.2 group${absent.length === 1 ? '' : 's'} ${ids} absent (good.absentCoreParts): no line of the bill of materials has an HS subheading among Table A.2's for ${absent.length === 1 ? 'it' : 'them'}${unchecked}`,
    asserts: `the vehicle has no ${titles} at all: only the producer can confirm it, and it is not a way around the core parts requirement (s. 14(4)): if the vehicle has such a part, its line must be marked corePart: ${absent[0]?.id ?? ''}${absent.length > 1 ? ' (or the group it belongs to)' : ''} instead, and it is then tested`,
    addedCost: ZERO,
    priced: false,
    edits: [{ op: 'set', path: ['good', 'absentCoreParts'], value }],
    checks: [],
    effects: noEffects(),
  };
}
