/**
 * Applying stored supplier evidence to a claim's bill of materials, before it is evaluated from the store.
 * An item covers a line when the line's path of ids (`ENG-20/BLK`) is in `covers.lines`, or its id is in
 * `covers.partNumbers`, and the claim's decision date falls within the item's period (both ends included).
 * Lines the claimant produces itself (`selfProduced`) are never covered: a supplier speaks for what it sells.
 *
 * - a certification of origin settles a line of `unknown` origin as originating (use `origin`), and is
 *   recorded as the backing of a line declared originating (use `backing`);
 * - a statement (s. 9(2)(a) or (b)) becomes the `supplierStatement` of a line not declared originating that
 *   has none (use `statement`); a line's own statement is left as the claimant wrote it.
 * Where several items cover one line, the first by evidence id is used. The claim is copied, never changed.
 */
import type { EvidenceItem } from './schema.js';

/** Evidence in force in the store: the item and its store sequence number. */
export interface StoredEvidence {
  /** The store's sequence number of this version of the item. */
  seq: number;
  item: EvidenceItem;
  /** The item's version (1 for the first of its id), where known: problems name it (`evidence SEATS-2026 v2`). */
  version?: number;
}

export type EvidenceUseKind = 'origin' | 'statement' | 'backing';

export interface AppliedEvidence {
  seq: number;
  evidenceId: string;
  line: string;
  use: EvidenceUseKind;
}

type Line = Record<string, unknown> & { id: string; materials?: Line[] };

/** The claim (canonical input form, producer inlined) with the evidence applied, and every use made of it. */
export function applyEvidence(
  claim: Record<string, unknown>,
  evidence: readonly StoredEvidence[],
): { claim: Record<string, unknown>; uses: AppliedEvidence[] } {
  const date = String(claim.decisionDate);
  const inForce = evidence
    .filter((e) => e.item.period.start <= date && date <= e.item.period.end)
    .sort((a, b) => (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : a.seq - b.seq));
  const uses: AppliedEvidence[] = [];
  if (inForce.length === 0) return { claim, uses };
  const covering = (line: Line, path: string, kind: EvidenceItem['kind']) =>
    inForce.find(
      (e) =>
        e.item.kind === kind && (e.item.covers.lines?.includes(path) || e.item.covers.partNumbers?.includes(line.id)),
    );
  const visit = (lines: Line[] | undefined, prefix: string): Line[] | undefined =>
    lines?.map((line) => {
      const path = prefix ? `${prefix}/${line.id}` : line.id;
      let out: Line = line;
      if (line.selfProduced !== true) {
        const cert = covering(line, path, 'certification');
        if (cert && line.origin === 'unknown') {
          out = { ...out, origin: 'originating' };
          uses.push({ seq: cert.seq, evidenceId: cert.item.id, line: path, use: 'origin' });
        } else if (cert && line.origin === 'originating') {
          uses.push({ seq: cert.seq, evidenceId: cert.item.id, line: path, use: 'backing' });
        }
        const stmt = out.origin !== 'originating' && !line.supplierStatement && covering(line, path, 'statement');
        if (stmt && stmt.item.statement) {
          out = { ...out, supplierStatement: statementOf(stmt.item) };
          uses.push({ seq: stmt.seq, evidenceId: stmt.item.id, line: path, use: 'statement' });
        }
      }
      const materials = visit(line.materials, path);
      return materials === line.materials ? out : { ...out, materials };
    });
  const materials = visit(claim.materials as Line[] | undefined, '');
  return { claim: uses.length === 0 ? claim : { ...claim, materials }, uses };
}

/**
 * The claim as it would stand without one piece of evidence: what it settled goes back to `unknown`, the
 * statement it supplied is removed, and the originating origin it backed falls back to `unknown`.
 */
export function withdrawEvidence(
  claim: Record<string, unknown>,
  uses: ReadonlyArray<{ line: string; use: EvidenceUseKind }>,
): Record<string, unknown> {
  const byLine = new Map(uses.map((u) => [u.line, u.use]));
  const visit = (lines: Line[] | undefined, prefix: string): Line[] | undefined =>
    lines?.map((line) => {
      const path = prefix ? `${prefix}/${line.id}` : line.id;
      let out: Line = line;
      const use = byLine.get(path);
      if (use === 'origin' || use === 'backing') out = { ...out, origin: 'unknown' };
      if (use === 'statement') {
        const { supplierStatement: _s, ...rest } = out;
        out = rest as Line;
      }
      const materials = visit(line.materials, path);
      return materials === line.materials ? out : { ...out, materials };
    });
  return { ...claim, materials: visit(claim.materials as Line[] | undefined, '') };
}

function statementOf(item: EvidenceItem): Record<string, unknown> {
  const s = item.statement!;
  const money = (amount: string | undefined) => (amount === undefined ? undefined : { amount, currency: s.currency });
  const out: Record<string, unknown> = {};
  // Without a net cost (needed only for s. 9(2)(a) under the net cost method), the statement gives none.
  if (s.netCost !== undefined) out.netCost = money(s.netCost);
  out.period = { start: item.period.start, end: item.period.end };
  out.reference = `evidence ${item.id}${item.reference ? ` (${item.reference})` : ''}`;
  if (s.valueOfNonOriginatingMaterials !== undefined)
    out.valueOfNonOriginatingMaterials = money(s.valueOfNonOriginatingMaterials);
  if (s.regionalContentAmount !== undefined) out.regionalContentAmount = money(s.regionalContentAmount);
  if (s.additionalCosts !== undefined) out.additionalCosts = money(s.additionalCosts);
  return out;
}
