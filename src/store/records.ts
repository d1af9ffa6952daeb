/**
 * Decision records in the store. A record is kept as its canonical JSON (without the rule pack it embeds,
 * which is kept once per content hash in rule_packs), beside columns extracted from it for queries. Records
 * are immutable: storing a decision on a claim that has one adds the next version. Reading a record puts its
 * rule pack back, checks its sha256 and checks the columns against it; whatever does not match is reported.
 */
import { sql, type Transaction } from 'kysely';
import { canonicalJson, sha256Hex } from '../canonical/json.js';
import type { DecisionRecord } from '../audit/record.js';
import type { Store } from './open.js';
import type { StoreSchema } from './schema.js';

/** What the store adds to a record: its figures' estimates (19 CFR 182.102) and the run that stored it. */
export interface StoreMeta {
  estimated?: string;
  runId?: string;
}

/** Evidence a decision relied on (see store/evidence.ts). */
export interface EvidenceUse {
  evidenceSeq: number;
  line: string;
  use: 'origin' | 'statement' | 'backing';
}

/** A stored record's reference: its store sequence number, claim id and version. */
export interface StoredRef {
  seq: number;
  claimId: string;
  version: number;
}

/** The columns extracted from a record for queries. */
export function indexColumns(record: DecisionRecord) {
  const decision = record.hashed.decision;
  const good = decision.claim.good as { hs?: string; kind?: string; modelLine?: string };
  return {
    claim_id: decision.claim.id,
    record_sha256: record.sha256,
    model_line: good.modelLine ?? null,
    hs: good.hs ?? '',
    good_kind: good.kind ?? '',
    verdict: decision.verdict,
    decision_date: decision.claim.decisionDate,
    rules_id: record.hashed.rules.id,
    rules_version: record.hashed.rules.version,
    engine_version: record.hashed.engine.version,
  };
}

/** Rule packs' canonical text and hash, by content object: a batch stores thousands of records of one pack. */
const packKeys = new WeakMap<object, { text: string; sha: string }>();

function packKey(rulePack: DecisionRecord['hashed']['rulePack']): { text: string; sha: string } {
  let key = packKeys.get(rulePack);
  if (!key) {
    const text = canonicalJson(rulePack);
    key = { text, sha: sha256Hex(text) };
    packKeys.set(rulePack, key);
  }
  return key;
}

/**
 * Stores a record as the next version of its claim, with the evidence it relied on, in one transaction: either
 * all of it is committed or none. With a run id, a record already stored by that run for that claim is
 * returned instead (a retried job adds no second version).
 */
export async function putRecord(
  store: Store,
  record: DecisionRecord,
  meta: StoreMeta = {},
  evidence: EvidenceUse[] = [],
): Promise<StoredRef> {
  const { rulePack, ...rest } = record.hashed;
  const { text: packText, sha: packSha } = packKey(rulePack);
  const columns = indexColumns(record);
  return store.db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${columns.claim_id}))`.execute(tx);
    if (meta.runId) {
      const done = await tx
        .selectFrom('records')
        .select(['seq', 'claim_id', 'version'])
        .where('run_id', '=', meta.runId)
        .where('claim_id', '=', columns.claim_id)
        .executeTakeFirst();
      if (done) return { seq: done.seq, claimId: done.claim_id, version: done.version };
    }
    await insertPack(tx, packSha, record, packText);
    const last = await tx
      .selectFrom('records')
      .select(sql<number>`coalesce(max(version), 0)::int`.as('v'))
      .where('claim_id', '=', columns.claim_id)
      .executeTakeFirstOrThrow();
    const version = Number(last.v) + 1;
    const inserted = await tx
      .insertInto('records')
      .values({
        ...columns,
        version,
        body: canonicalJson({ ...record, hashed: rest }),
        rule_pack_sha256: packSha,
        estimated: meta.estimated ?? '',
        run_id: meta.runId ?? null,
        recorded_at: String(record.envelope.recordedAt ?? ''),
      })
      .returning('seq')
      .executeTakeFirstOrThrow();
    for (const e of evidence)
      await tx
        .insertInto('record_evidence')
        .values({ record_seq: inserted.seq, evidence_seq: e.evidenceSeq, line: e.line, use: e.use })
        .onConflict((oc) => oc.doNothing())
        .execute();
    return { seq: inserted.seq, claimId: columns.claim_id, version };
  });
}

async function insertPack(tx: Transaction<StoreSchema>, sha: string, record: DecisionRecord, text: string) {
  await tx
    .insertInto('rule_packs')
    .values({ sha256: sha, pack_id: record.hashed.rules.id, version: record.hashed.rules.version, content: text })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}
