/**
 * Certificates of origin issued from stored records: kept as their canonical JSON, so that when a decision
 * falls (evidence lapses, a year-end reconciliation fails) the store can say which certificates it undoes and
 * to whom each was provided (the importer, and the exporter when another person: 19 CFR 182.102(b)(2)).
 */
import { canonicalJson, sha256Hex } from '../canonical/json.js';
import type { Certificate, PartyElement } from '../certificate/model.js';
import type { Store } from './open.js';

/** A stored certificate, summarised: who it was provided to, when signed, which records it certifies. */
export interface StoredCertificate {
  seq: number;
  /** The stored records of its goods (one each), by sequence number. */
  recordSeqs: number[];
  signedOn: string;
  blanket: { start: string; end: string } | null;
  certifier: string;
  importer: string | null;
  exporter: string | null;
  /** The persons to whom the certificate was provided, with how to reach them where the certificate says. */
  recipients: Array<{ role: 'importer' | 'exporter'; name: string; email?: string; phone?: string }>;
  intact: boolean;
}

/**
 * Stores a certificate issued from the records `recordSeqs` (one per good, in order), in one transaction;
 * returns its sequence number.
 */
export async function storeCertificate(
  store: Store,
  recordSeqs: readonly number[],
  certificate: Certificate,
): Promise<number> {
  const body = canonicalJson(certificate);
  return store.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('certificates')
      .values({
        sha256: sha256Hex(body),
        body,
        signed_on: certificate.authorization.date,
        blanket_start: certificate.blanketPeriod?.start ?? null,
        blanket_end: certificate.blanketPeriod?.end ?? null,
      })
      .returning('seq')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('certificate_records')
      .values([...new Set(recordSeqs)].map((record_seq) => ({ certificate_seq: row.seq, record_seq })))
      .execute();
    return row.seq;
  });
}

function partyOf(e: PartyElement): { name: string; email?: string; phone?: string } | null {
  if ('party' in e) {
    const p = e.party;
    return {
      name: p.company ? `${p.name} (${p.company})` : p.name,
      ...(p.email ? { email: p.email } : {}),
      ...(p.phone ? { phone: p.phone } : {}),
    };
  }
  return null;
}

/** The certificates issued from any of the given records, oldest first. */
export async function certificatesOf(store: Store, recordSeqs: readonly number[]): Promise<StoredCertificate[]> {
  if (recordSeqs.length === 0) return [];
  const rows = await store.db
    .selectFrom('certificates')
    .selectAll()
    .where('seq', 'in', (q) =>
      q
        .selectFrom('certificate_records')
        .select('certificate_seq')
        .where('record_seq', 'in', [...recordSeqs]),
    )
    .orderBy('seq')
    .execute();
  const links = rows.length
    ? await store.db
        .selectFrom('certificate_records')
        .selectAll()
        .where(
          'certificate_seq',
          'in',
          rows.map((r) => r.seq),
        )
        .orderBy('record_seq')
        .execute()
    : [];
  return rows.map((r) => {
    const c = JSON.parse(r.body) as Certificate;
    const importer = partyOf(c.importer);
    const exporter = partyOf(c.exporter);
    const recipients: StoredCertificate['recipients'] = [];
    if (importer && c.certifierRole !== 'importer') recipients.push({ role: 'importer', ...importer });
    if (exporter && c.certifierRole !== 'exporter') recipients.push({ role: 'exporter', ...exporter });
    return {
      seq: r.seq,
      recordSeqs: links.filter((l) => l.certificate_seq === r.seq).map((l) => l.record_seq),
      signedOn: r.signed_on,
      blanket: r.blanket_start && r.blanket_end ? { start: r.blanket_start, end: r.blanket_end } : null,
      certifier: c.certifier.company ? `${c.certifier.name} (${c.certifier.company})` : c.certifier.name,
      importer: importer?.name ?? null,
      exporter: exporter?.name ?? null,
      recipients,
      intact: sha256Hex(r.body) === r.sha256,
    };
  });
}
