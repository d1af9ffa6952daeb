/**
 * Lines under a purchased material, UR s. 8(1), s. 9(2)-(3). A material the producer of the good buys (not
 * `selfProduced`) counts in the good's value of non-originating materials at its own value and origin: its
 * value is what the producer paid for it (s. 8(1)), and its producer's work reaches the good's RVC only through a
 * statement signed by that producer (accumulation, s. 9(2)(a) net cost and value of non-originating materials,
 * s. 9(2)(b) an amount of net cost, s. 9(3) under the transaction value method). The lines a claim lists under
 * such a material, and the supplier statements on them, are therefore not used for the RVC; this says so, naming
 * them and what would make them count, instead of ignoring them in silence. They still count for the LVC, where
 * made at a qualifying wage-rate plant (s. 18(7)(d)), and a core part's or heavy-truck part's own materials are
 * used by its own test (s. 14(4)-(10), s. 15(4)): those lines draw no warning.
 */
import { listSome } from '../explain/trace.js';
import type { Material } from '../input/model.js';
import type { Warning } from './result.js';
import type { ResolvedOrigin } from './vnm.js';

/**
 * One `PURCHASED_MATERIAL_LINES_NOT_USED` warning per purchased line with lines of its own that no test uses (its
 * origin not computed from them, not a core part), subject the line's key; nothing below such a line is looked at
 * again. `origins`: the origins the engine computed (core parts, heavy-truck parts, intermediate materials).
 */
export function purchasedLinesNotUsed(
  materials: readonly Material[],
  origins: ReadonlyMap<Material, ResolvedOrigin>,
): Warning[] {
  const out: Warning[] = [];
  const walk = (list: readonly Material[]): void => {
    for (const m of list) {
      if (m.children.length === 0) continue;
      if (m.selfProduced || m.corePart !== undefined || origins.has(m)) {
        walk(m.children);
        continue;
      }
      out.push(warningFor(m));
    }
  };
  walk(materials);
  return out;
}

/** `keys` sorted, in place; not sorted again when already in order (a sort allocates even when nothing moves). */
function inOrder(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) > (keys[i] as string)) return keys.sort();
  return keys;
}

function warningFor(m: Material): Warning {
  const below: Material[] = [];
  const gather = (list: readonly Material[]): void => {
    for (const c of list) {
      below.push(c);
      gather(c.children);
    }
  };
  gather(m.children);
  const keys = inOrder(below.map((c) => c.key));
  const statements = inOrder(below.filter((c) => c.statement !== undefined).map((c) => c.key));
  const lines = `${keys.length === 1 ? 'the line' : `the ${keys.length} lines`} under it (${listSome(keys)})`;
  const withStatements =
    statements.length === 0
      ? ''
      : `, with the supplier ${statements.length === 1 ? 'statement' : 'statements'} on ${listSome(statements)},`;
  const counts = m.statement
    ? 'it counts through the supplier statement given on it (s. 9(2), (3))'
    : m.originDeclared && m.origin === 'originating'
      ? "it is declared originating, on its producer's certification, and so adds nothing to the value of non-originating materials (s. 7(3)); its lines are not needed for that"
      : `it counts at its own value and ${m.originDeclared ? `declared origin (${m.origin})` : 'origin, here unknown'} (s. 8(1)). Its producer's work counts through a statement signed by that producer on this line (supplierStatement: its net cost and value of non-originating materials, s. 9(2)(a), (3); or an amount of its net cost free of non-originating materials, s. 9(2)(b)), which the producer can work out from these lines; or, if the producer of the good makes it, mark it selfProduced: true so that its own materials count (s. 7(5)(a))`;
  // Keys in the decision's (sorted) order: the writer then need not copy some thousands of these.
  return {
    code: 'PURCHASED_MATERIAL_LINES_NOT_USED',
    message: `${m.key} (${m.description || 'no description'}) is purchased (not selfProduced), so ${lines}${withStatements} ${keys.length === 1 && statements.length === 0 ? 'is' : 'are'} not used for the regional value content: ${counts}. Lines under it made at a qualifying wage-rate plant still count for the LVC (s. 18(7)(d))`,
    subject: m.key,
  };
}
