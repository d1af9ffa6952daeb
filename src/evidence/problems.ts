/**
 * Problems a claim has only because of the evidence applied to it, said of the evidence. A statement of the value
 * of non-originating materials without `netCost` is read (the evidence file does not know the method of the claims
 * it will cover), but a claim under the net cost method needs the supplier's net cost (UR s. 9(2)(a), (4)(a)): the
 * claim, reloaded with the statement, is refused at `materials[i].supplierStatement.netCost`, a field the claimant
 * never wrote. That problem is restated at the evidence item's own field, `statement.netCost`, naming the item
 * (and its stored version) and the line it was applied to.
 */
import type { InputProblem } from '../input/problems.js';
import type { AppliedEvidence, StoredEvidence } from './apply.js';

const STATEMENT_NET_COST = /^((?:materials\[\d+\]\.)*materials\[\d+\])\.supplierStatement\.netCost$/;

/** The line's path of ids (`ENG-20/BLK`, as AppliedEvidence.line writes it) at a field path such as `materials[0].materials[2]`. */
function linePathAt(claim: Record<string, unknown>, fieldPath: string): string | undefined {
  const ids: string[] = [];
  let lines: unknown = claim.materials;
  for (const m of fieldPath.matchAll(/materials\[(\d+)\]/g)) {
    const line: unknown = Array.isArray(lines) ? lines[Number(m[1])] : undefined;
    if (typeof line !== 'object' || line === null || typeof (line as { id?: unknown }).id !== 'string')
      return undefined;
    ids.push((line as { id: string }).id);
    lines = (line as { materials?: unknown }).materials;
  }
  return ids.join('/');
}

/**
 * `problems` of `claim` (the claim with the evidence applied) with each one the evidence caused restated at the
 * evidence item: file `evidence ID vN` (the store keeps items, not the files they came from), path
 * `statement.netCost`. Other problems are returned as they are.
 */
export function evidenceProblems(
  problems: readonly InputProblem[],
  claim: Record<string, unknown>,
  uses: readonly AppliedEvidence[],
  evidence: readonly StoredEvidence[],
): InputProblem[] {
  return problems.map((p) => {
    const at = p.code === 'FIELD_REQUIRED' ? STATEMENT_NET_COST.exec(p.path) : null;
    const line = at?.[1] !== undefined ? linePathAt(claim, at[1]) : undefined;
    const use = line !== undefined ? uses.find((u) => u.use === 'statement' && u.line === line) : undefined;
    const stored = use && evidence.find((e) => e.seq === use.seq);
    if (!use || !stored) return p;
    const version = stored.version !== undefined ? ` v${stored.version}` : '';
    return {
      code: 'FIELD_REQUIRED',
      file: `evidence ${stored.item.id}${version}`,
      path: 'statement.netCost',
      message: `required: the statement of evidence ${stored.item.id} gives the value of non-originating materials of line ${line} (${at?.[1]} of ${p.file}), decided under the net cost method, where the good's net cost with respect to the material is the supplier's net cost (s. 9(2)(a); s. 9(4)(a) over the statement's period). Add netCost to the item's statement and add the evidence file again (a new version)`,
    };
  });
}
