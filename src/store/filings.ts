/**
 * The producer's vehicle certifications (LVC, steel, aluminum: 19 CFR 182.95-182.97) kept in the store, and the
 * unique identifier CBP assigned to each when it was filed (182.92(b): the importer reports it on the entry
 * summary). A filing is kept as its canonical JSON, once per content; an identifier is added once and never
 * changed. The identifiers of the filings that cover a stored decision (its vehicle class and model line, its
 * date in the period) are what records and certificates print.
 */
import { canonicalJson, sha256Hex } from '../canonical/json.js';
import type { Store } from './open.js';
import { StoreError } from './open.js';
import { integerKey } from './schema.js';

/** What the store needs of a filing: its kind, period, and the vehicles and records it covers. */
export interface FilingDocument {
  kind: string;
  period: { start: string; end: string };
  support: ReadonlyArray<{ vehicleClass: string; modelLine: string | null }>;
}

/** A stored filing, summarised. */
export interface StoredFiling {
  seq: number;
  kind: string;
  period: { start: string; end: string };
  sha256: string;
  intact: boolean;
  identifier: { identifier: string; receivedOn: string } | null;
  /** The vehicles it covers: "class" or "class model line". */
  vehicles: string[];
}

/** A CBP identifier that applies to a stored decision. */
export interface VehicleCertificationRef {
  kind: string;
  identifier: string;
  filing: number;
  period: { start: string; end: string };
}

const vehicleKey = (vehicleClass: string, modelLine: string | null) =>
  modelLine ? `${vehicleClass} ${modelLine}` : vehicleClass;

/** Keeps a filing (the same content once): returns its sequence number and whether it was new. */
export async function putFiling(store: Store, filing: FilingDocument): Promise<{ seq: number; added: boolean }> {
  const body = canonicalJson(filing);
  const sha = sha256Hex(body);
  return store.db.transaction().execute(async (tx) => {
    const found = await tx.selectFrom('filings').select('seq').where('sha256', '=', sha).executeTakeFirst();
    if (found) return { seq: found.seq, added: false };
    const row = await tx
      .insertInto('filings')
      .values({
        kind: filing.kind,
        period_start: filing.period.start,
        period_end: filing.period.end,
        sha256: sha,
        body,
      })
      .returning('seq')
      .executeTakeFirstOrThrow();
    return { seq: row.seq, added: true };
  });
}

/**
 * Records the identifier CBP returned for filing `seq`, received on `receivedOn`. Throws StoreError when the
 * filing does not exist, already has an identifier, or the identifier is already another filing's.
 */
export async function addIdentifier(store: Store, seq: number, identifier: string, receivedOn: string): Promise<void> {
  if (integerKey(String(seq)) === undefined) throw new StoreError(`no filing #${seq} is kept in ${store.location}`);
  await store.db.transaction().execute(async (tx) => {
    const filing = await tx.selectFrom('filings').select('seq').where('seq', '=', seq).executeTakeFirst();
    if (!filing) throw new StoreError(`no filing #${seq} is kept in ${store.location}`);
    const has = await tx
      .selectFrom('filing_identifiers')
      .select(['filing_seq', 'identifier'])
      .where((eb) => eb.or([eb('filing_seq', '=', seq), eb('identifier', '=', identifier)]))
      .executeTakeFirst();
    if (has?.filing_seq === seq)
      throw new StoreError(
        `filing #${seq} already has CBP's identifier ${has.identifier}; identifiers are never changed`,
      );
    if (has) throw new StoreError(`the identifier ${identifier} is already filing #${has.filing_seq}'s`);
    await tx
      .insertInto('filing_identifiers')
      .values({ filing_seq: seq, identifier, received_on: receivedOn })
      .execute();
  });
}

/** Every stored filing, oldest first, with its identifier where CBP's has been recorded. */
export async function listFilings(store: Store): Promise<StoredFiling[]> {
  const rows = await store.db
    .selectFrom('filings')
    .leftJoin('filing_identifiers', 'filing_identifiers.filing_seq', 'filings.seq')
    .select([
      'filings.seq as seq',
      'filings.kind as kind',
      'filings.period_start as start',
      'filings.period_end as end',
      'filings.sha256 as sha256',
      'filings.body as body',
      'filing_identifiers.identifier as identifier',
      'filing_identifiers.received_on as receivedOn',
    ])
    .orderBy('filings.seq')
    .execute();
  return rows.map((r) => {
    let vehicles: string[] = [];
    try {
      const doc = JSON.parse(r.body) as FilingDocument;
      vehicles = [...new Set(doc.support.map((s) => vehicleKey(s.vehicleClass, s.modelLine)))].sort();
    } catch {
      vehicles = [];
    }
    return {
      seq: r.seq,
      kind: r.kind,
      period: { start: r.start, end: r.end },
      sha256: r.sha256,
      intact: sha256Hex(r.body) === r.sha256,
      identifier: r.identifier ? { identifier: r.identifier, receivedOn: r.receivedOn ?? '' } : null,
      vehicles,
    };
  });
}

/**
 * The CBP identifiers that apply to a decision on a vehicle of `vehicleClass` (and `modelLine`) dated
 * `decisionDate`: those of intact filings whose period holds the date and whose vehicles include it, by kind.
 */
export function identifiersFor(
  filings: readonly StoredFiling[],
  vehicle: { vehicleClass: string | undefined; modelLine: string | null; decisionDate: string },
): VehicleCertificationRef[] {
  if (!vehicle.vehicleClass) return [];
  const key = vehicleKey(vehicle.vehicleClass, vehicle.modelLine);
  return filings
    .filter(
      (f) =>
        f.intact &&
        f.identifier !== null &&
        f.period.start <= vehicle.decisionDate &&
        vehicle.decisionDate <= f.period.end &&
        f.vehicles.includes(key),
    )
    .map((f) => ({ kind: f.kind, identifier: f.identifier!.identifier, filing: f.seq, period: f.period }));
}
