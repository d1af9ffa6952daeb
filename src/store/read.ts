/**
 * Reading records back from the store, checked: the rule pack is put back into the record, the record's
 * sha256 is recomputed over its hashed part, and the query columns are compared with what the record says.
 * A record that fails any check is returned with its problems (never silently), so a command can report it as
 * tampered; a record that passes is exactly the record that was stored.
 */
import { canonicalJson, sha256Hex } from '../canonical/json.js';
import type { DecisionRecord } from '../audit/record.js';
import type { Store } from './open.js';
import { indexColumns } from './records.js';
import type { RecordTable } from './schema.js';

export interface StoredRecord {
  seq: number;
  claimId: string;
  version: number;
  estimated: string;
  /** Content hash of the record's rule pack (its key in rule_packs). */
  packSha: string;
  /** The record as stored, rule pack included (undefined if its text no longer parses). */
  record: DecisionRecord | undefined;
  /** What does not match: empty for an intact record. */
  problems: string[];
}

/** A stored record's row, as read (every column but the identity's generation). */
export type Row = Pick<
  RecordTable,
  | 'claim_id'
  | 'version'
  | 'body'
  | 'rule_pack_sha256'
  | 'record_sha256'
  | 'model_line'
  | 'hs'
  | 'good_kind'
  | 'verdict'
  | 'decision_date'
  | 'rules_id'
  | 'rules_version'
  | 'engine_version'
  | 'estimated'
> & { seq: number };

/** A rule pack as stored: its canonical text, its parsed content, and whether the text hashes to its key. */
export interface StoredPack {
  text: string;
  content: unknown;
  intact: boolean;
}

/** Where rule packs are read from, by content hash (null: not there). */
export interface PackSource {
  get(sha: string): Promise<StoredPack | null>;
}

/**
 * Rule packs read in this process, by content hash: the text, its parsed content, and whether it hashes right.
 * Read from the store, or from texts given (a worker thread, handed the packs by the thread that reads the store).
 */
export class PackCache implements PackSource {
  private readonly packs = new Map<string, StoredPack | null>();
  constructor(private readonly source: Store | Readonly<Record<string, string>>) {}

  async get(sha: string) {
    if (!this.packs.has(sha)) {
      const text =
        'db' in this.source
          ? (
              await (this.source as Store).db
                .selectFrom('rule_packs')
                .select('content')
                .where('sha256', '=', sha)
                .executeTakeFirst()
            )?.content
          : (this.source as Readonly<Record<string, string>>)[sha];
      this.packs.set(
        sha,
        text !== undefined ? { text, content: JSON.parse(text), intact: sha256Hex(text) === sha } : null,
      );
    }
    return this.packs.get(sha) ?? null;
  }
}

/** Checks one stored row and rebuilds its record. */
export async function checkRow(row: Row, packs: PackSource): Promise<StoredRecord> {
  const problems: string[] = [];
  const out = (record?: DecisionRecord): StoredRecord => ({
    seq: row.seq,
    claimId: row.claim_id,
    version: row.version,
    estimated: row.estimated,
    packSha: row.rule_pack_sha256,
    record,
    problems,
  });
  const pack = await packs.get(row.rule_pack_sha256);
  if (!pack) problems.push(`its rule pack ${row.rule_pack_sha256} is missing from the store`);
  else if (!pack.intact) problems.push(`its rule pack's content no longer matches its sha256 ${row.rule_pack_sha256}`);
  let stored: DecisionRecord;
  try {
    stored = JSON.parse(row.body) as DecisionRecord;
  } catch {
    problems.push('its stored text is not JSON');
    return out();
  }
  if (canonicalJson(stored) !== row.body) problems.push('its stored text is not in canonical form');
  const { hashed } = stored;
  // The hashed part's canonical JSON with the pack text spliced in where its key sorts: "rulePack" comes
  // right before "rules", the last key, whose value holds no such key.
  const rest = canonicalJson(hashed);
  const at = rest.lastIndexOf(',"rules":');
  const whole = pack && at > 0 ? `${rest.slice(0, at)},"rulePack":${pack.text}${rest.slice(at)}` : '';
  if (pack && sha256Hex(whole) !== stored.sha256)
    problems.push(`its content no longer matches its sha256 ${stored.sha256}`);
  const record = { ...stored, hashed: { ...hashed, rulePack: pack?.content } } as DecisionRecord;
  try {
    const columns = indexColumns(record);
    for (const [key, value] of Object.entries(columns)) {
      const actual = (row as unknown as Record<string, unknown>)[key];
      if (actual !== value)
        problems.push(`the store's ${key} column says ${JSON.stringify(actual)}, the record ${JSON.stringify(value)}`);
    }
  } catch {
    problems.push('it is not a decision record');
  }
  return out(record);
}
