/**
 * Supplier evidence in the store, versioned like records: adding an item whose id is stored with other
 * content adds its next version (a renewal, a correction); adding the same content again changes nothing. The
 * latest version of each id is the one evaluations use. Which decisions relied on which evidence is kept in
 * record_evidence, written in the same transaction as the decision.
 */
import { sql } from 'kysely';
import { canonicalJson, sha256Hex } from '../canonical/json.js';
import type { StoredEvidence } from '../evidence/apply.js';
import type { EvidenceItem } from '../evidence/schema.js';
import type { Store } from './open.js';

export interface AddedEvidence {
  id: string;
  version: number;
  seq: number;
  status: 'added' | 'new-version' | 'unchanged';
}

/** Stores each item (one transaction per item); items are taken in the file's order. */
export async function addEvidence(store: Store, items: readonly EvidenceItem[]): Promise<AddedEvidence[]> {
  const out: AddedEvidence[] = [];
  for (const item of items) {
    const body = canonicalJson(item);
    const sha = sha256Hex(body);
    out.push(
      await store.db.transaction().execute(async (tx) => {
        await sql`select pg_advisory_xact_lock(hashtext(${`evidence:${item.id}`}))`.execute(tx);
        const last = await tx
          .selectFrom('evidence')
          .select(['seq', 'version', 'sha256'])
          .where('evidence_id', '=', item.id)
          .orderBy('version', 'desc')
          .limit(1)
          .executeTakeFirst();
        if (last && last.sha256 === sha)
          return { id: item.id, version: last.version, seq: last.seq, status: 'unchanged' as const };
        const version = (last?.version ?? 0) + 1;
        const row = await tx
          .insertInto('evidence')
          .values({
            evidence_id: item.id,
            version,
            sha256: sha,
            body,
            kind: item.kind,
            supplier: item.supplier.name,
            period_start: item.period.start,
            period_end: item.period.end,
          })
          .returning('seq')
          .executeTakeFirstOrThrow();
        return { id: item.id, version, seq: row.seq, status: last ? ('new-version' as const) : ('added' as const) };
      }),
    );
  }
  return out;
}

/** A stored evidence row, its body checked against its sha256. */
export interface EvidenceRow extends StoredEvidence {
  version: number;
  sha256: string;
  intact: boolean;
}

function rowOut(r: { seq: number; version: number; sha256: string; body: string }): EvidenceRow {
  return {
    seq: r.seq,
    version: r.version,
    sha256: r.sha256,
    item: JSON.parse(r.body) as EvidenceItem,
    intact: sha256Hex(r.body) === r.sha256,
  };
}

/** The latest version of every evidence id, by id. */
export async function currentEvidence(store: Store): Promise<EvidenceRow[]> {
  const rows = await store.db
    .selectFrom('evidence')
    .select(['seq', 'version', 'sha256', 'body', 'evidence_id'])
    .where(({ eb, selectFrom }) =>
      eb(
        'version',
        '=',
        selectFrom('evidence as later')
          .select(sql<number>`max(later.version)`.as('v'))
          .whereRef('later.evidence_id', '=', 'evidence.evidence_id'),
      ),
    )
    .orderBy('evidence_id')
    .execute();
  return rows.map(rowOut);
}

/** Every version of one evidence id, oldest first (empty if the id is unknown). */
export async function evidenceVersions(store: Store, id: string): Promise<EvidenceRow[]> {
  const rows = await store.db
    .selectFrom('evidence')
    .select(['seq', 'version', 'sha256', 'body'])
    .where('evidence_id', '=', id)
    .orderBy('version')
    .execute();
  return rows.map(rowOut);
}

/** The uses of evidence (any version of each seq given) recorded for stored decisions. */
export async function evidenceUses(
  store: Store,
  filter: { evidenceSeqs?: number[]; recordSeqs?: number[] },
): Promise<Array<{ recordSeq: number; evidenceSeq: number; evidenceId: string; line: string; use: string }>> {
  let q = store.db
    .selectFrom('record_evidence')
    .innerJoin('evidence', 'evidence.seq', 'record_evidence.evidence_seq')
    .select(['record_seq', 'evidence_seq', 'evidence.evidence_id', 'line', 'use']);
  if (filter.evidenceSeqs) q = q.where('evidence_seq', 'in', filter.evidenceSeqs.length ? filter.evidenceSeqs : [-1]);
  if (filter.recordSeqs) q = q.where('record_seq', 'in', filter.recordSeqs.length ? filter.recordSeqs : [-1]);
  const rows = await q.orderBy('record_seq').orderBy('evidence.evidence_id').orderBy('line').execute();
  return rows.map((r) => ({
    recordSeq: r.record_seq,
    evidenceSeq: r.evidence_seq,
    evidenceId: r.evidence_id,
    line: r.line,
    use: r.use,
  }));
}
