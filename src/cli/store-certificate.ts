/** `usmca-roo certificate REF... --store DB ...`: a certificate from stored records, kept in the store. */
import type { DecisionRecord } from '../audit/record.js';
import type { Certificate, VehicleCertification } from '../certificate/model.js';
import type { Decision } from '../verdict/decision.js';
import { identifiersFor, listFilings } from '../store/filings.js';
import { storeCertificate } from '../store/certificates.js';
import { resolveRecord } from '../store/query.js';
import type { CliIo } from './io.js';
import { withStore } from './store-open.js';

const NOT_FOUND = 2;
const TAMPERED = 4;

/**
 * Resolves each reference (CLAIM, CLAIM@VERSION, #SEQ or a sha256 prefix) to a stored record checked against its
 * hash (a record altered in the store: refused, exit 4; an unknown reference: exit 2), then hands the records to
 * `issue`, whose `keep` stores the certificate beside them before it is written anywhere.
 */
export async function storedCertificateCommand(
  refs: string[],
  flags: { store?: string },
  io: CliIo,
  issue: (
    records: Array<{ name: string; record: DecisionRecord }>,
    keep: (certificate: Certificate) => Promise<void>,
    vehicleCertifications: VehicleCertification[],
  ) => Promise<number>,
): Promise<number> {
  return withStore(flags, io, async (store) => {
    const found: Array<{ seq: number; name: string; record: DecisionRecord }> = [];
    for (const ref of refs) {
      const r = await resolveRecord(store, ref);
      if (typeof r === 'string' || !r) {
        io.stderr(`usmca-roo: ${r ?? `no stored record is named ${ref} in ${store.location}`}\n`);
        return NOT_FOUND;
      }
      const name = `${r.claimId}@${r.version}`;
      if (r.problems.length > 0 || !r.record) {
        io.stderr(`usmca-roo: refused: record ${name} has been altered: ${r.problems.join('; ')}\n`);
        return TAMPERED;
      }
      found.push({ seq: r.seq, name, record: r.record });
    }
    // CBP's identifiers of the producer's certifications covering each good (19 CFR 182.92(b)).
    const filings = await listFilings(store);
    const filed = found.flatMap(({ record }, i) => {
      const d = record.hashed.decision as Decision;
      const good = d.claim.good as { kind?: string; modelLine?: string };
      if (good.kind !== 'vehicle') return [];
      return identifiersFor(filings, {
        vehicleClass: (d.classification as { vehicleClass?: string }).vehicleClass,
        modelLine: good.modelLine ?? null,
        decisionDate: d.claim.decisionDate,
      }).map((f) => ({ good: i + 1, kind: f.kind, identifier: f.identifier }));
    });
    return issue(
      found.map(({ name, record }) => ({ name, record })),
      async (certificate) => {
        const seq = await storeCertificate(
          store,
          found.map((f) => f.seq),
          certificate,
        );
        io.stderr(
          `certificate #${seq} kept with record${found.length === 1 ? '' : 's'} ${found.map((f) => f.name).join(', ')} in ${store.location}\n`,
        );
      },
      filed,
    );
  });
}
