/**
 * Selecting stored records: by claim id, model line, HS code (a prefix, so `8703` finds every passenger
 * vehicle), verdict, decision-date range (inclusive), rule-pack version, estimate, and only the latest version
 * of each claim. Listing reads the query columns only; fetching reads and checks every selected record.
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Store } from './open.js';
import { checkRow, PackCache, type Row, type StoredRecord } from './read.js';
import { integerKey, type StoreSchema } from './schema.js';

export interface RecordFilter {
  claim?: string;
  modelLine?: string;
  hs?: string;
  verdict?: 'originating' | 'not-originating';
  from?: string;
  to?: string;
  rulesVersion?: string;
  estimated?: boolean;
  latest?: boolean;
  /** Store sequence numbers (e.g. the records one piece of evidence served). */
  seqs?: number[];
}

/** One line of `records list`. */
export interface RecordSummary {
  seq: number;
  claimId: string;
  version: number;
  verdict: string;
  decisionDate: string;
  hs: string;
  modelLine: string | null;
  rulesId: string;
  rulesVersion: string;
  engineVersion: string;
  estimated: string;
  recordSha256: string;
  recordedAt: string;
}

function filtered<O>(
  q: SelectQueryBuilder<StoreSchema, 'records', O>,
  f: RecordFilter,
): SelectQueryBuilder<StoreSchema, 'records', O> {
  if (f.claim !== undefined) q = q.where('claim_id', '=', f.claim);
  if (f.modelLine !== undefined) q = q.where('model_line', '=', f.modelLine);
  if (f.hs !== undefined) q = q.where('hs', 'like', `${f.hs.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.verdict !== undefined) q = q.where('verdict', '=', f.verdict);
  if (f.from !== undefined) q = q.where('decision_date', '>=', f.from);
  if (f.to !== undefined) q = q.where('decision_date', '<=', f.to);
  if (f.rulesVersion !== undefined) q = q.where('rules_version', '=', f.rulesVersion);
  if (f.estimated === true) q = q.where('estimated', '<>', '');
  if (f.seqs !== undefined) q = f.seqs.length === 0 ? q.where(sql<boolean>`false`) : q.where('seq', 'in', f.seqs);
  if (f.latest)
    q = q.where(({ eb, selectFrom }) =>
      eb(
        'version',
        '=',
        selectFrom('records as later')
          .select(sql<number>`max(later.version)`.as('v'))
          .whereRef('later.claim_id', '=', 'records.claim_id'),
      ),
    );
  return q;
}

/** The columns of a summary, in the order `listRecords` asks the store for them. */
const SUMMARY_COLUMNS = [
  'seq',
  'claim_id',
  'version',
  'verdict',
  'decision_date',
  'hs',
  'model_line',
  'rules_id',
  'rules_version',
  'engine_version',
  'estimated',
  'record_sha256',
  'recorded_at',
] as const;
type SummaryRow = [
  number,
  string,
  number,
  string,
  string,
  string,
  string | null,
  string,
  string,
  string,
  string,
  string,
  string,
];

/**
 * The selected records' columns, ordered by claim id and version (the index only: nothing is checked). The store
 * returns them as one JSON text (an array of arrays) rather than one row per record: PGlite hands each field of
 * each row to JavaScript one by one, which cost four times the query itself on ten thousand records.
 */
export async function listRecords(store: Store, filter: RecordFilter = {}): Promise<RecordSummary[]> {
  const columns = sql.join(SUMMARY_COLUMNS.map((c) => sql.ref(`records.${c}`)));
  const rows = sql<string>`coalesce(json_agg(json_build_array(${columns}) order by records.claim_id, records.version), '[]')::text`;
  const result = await filtered(store.db.selectFrom('records').select(rows.as('rows')), filter).executeTakeFirst();
  return (JSON.parse(result?.rows ?? '[]') as SummaryRow[]).map((r) => ({
    seq: r[0],
    claimId: r[1],
    version: r[2],
    verdict: r[3],
    decisionDate: r[4],
    hs: r[5],
    modelLine: r[6],
    rulesId: r[7],
    rulesVersion: r[8],
    engineVersion: r[9],
    estimated: r[10],
    recordSha256: r[11],
    recordedAt: r[12],
  }));
}

/**
 * The selected records, read and checked, in claim-id and version order, `pageSize` rows at a time so that
 * ten thousand records never sit in memory at once. `each` may be async; pages are read one after another.
 */
export async function forEachRecord(
  store: Store,
  filter: RecordFilter,
  each: (r: StoredRecord) => Promise<void> | void,
  pageSize = 200,
): Promise<number> {
  const packs = new PackCache(store);
  return forEachRowPage(
    store,
    filter,
    async (rows) => {
      for (const row of rows) await each(await checkRow(row, packs));
    },
    pageSize,
  );
}

/**
 * The selected rows as stored, unchecked, `pageSize` at a time in store order (for a reader that checks them
 * elsewhere, e.g. on worker threads, with checkRow). Returns how many rows there were.
 */
export async function forEachRowPage(
  store: Store,
  filter: RecordFilter,
  each: (rows: Row[]) => Promise<void> | void,
  pageSize = 200,
): Promise<number> {
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = await filtered(store.db.selectFrom('records').selectAll(), filter)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return count;
    await each(rows);
    count += rows.length;
    after = rows[rows.length - 1]!.seq;
  }
}

/** The content hashes of the rule packs the selected records were made under. */
export async function packsOf(store: Store, filter: RecordFilter): Promise<string[]> {
  const rows = await filtered(store.db.selectFrom('records').select('rule_pack_sha256').distinct(), filter).execute();
  return rows.map((r) => r.rule_pack_sha256).sort();
}

/** Every selected record, checked (for small selections). */
export async function fetchRecords(store: Store, filter: RecordFilter): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  await forEachRecord(store, filter, (r) => {
    out.push(r);
  });
  return out.sort((a, b) => (a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : a.version - b.version));
}

/**
 * The record a user names: `CLAIM` (its latest version), `CLAIM@N` (version N), `#SEQ`, or a prefix of at
 * least 8 hex digits of its sha256. Undefined when none matches; an error message when a prefix is ambiguous.
 */
export async function resolveRecord(store: Store, ref: string): Promise<StoredRecord | undefined | string> {
  const packs = new PackCache(store);
  const q = store.db.selectFrom('records').selectAll();
  let rows;
  const at = /^(.*)@(\d+)$/.exec(ref);
  // A number too large for its column names no record (the database would refuse to compare it).
  if (/^#\d+$/.test(ref)) {
    const seq = integerKey(ref.slice(1));
    rows = seq === undefined ? [] : await q.where('seq', '=', seq).execute();
  } else if (at) {
    const version = integerKey(at[2]!);
    rows = version === undefined ? [] : await q.where('claim_id', '=', at[1]!).where('version', '=', version).execute();
  } else {
    rows = await q.where('claim_id', '=', ref).orderBy('version', 'desc').limit(1).execute();
    if (rows.length === 0 && /^[0-9a-f]{8,64}$/.test(ref)) {
      rows = await q.where('record_sha256', 'like', `${ref}%`).limit(2).execute();
      if (rows.length > 1) return `the sha256 prefix ${ref} names more than one record; give more digits`;
    }
  }
  const row = rows[0];
  return row ? checkRow(row, packs) : undefined;
}
