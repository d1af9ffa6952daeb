/** `usmca-roo evidence add|list|expiring`: supplier evidence in the store, and what relies on it. */
import { resolve } from 'node:path';
import { prettyJson } from '../canonical/json.js';
import { readEvidenceFile } from '../evidence/read.js';
import type { EvidenceItem } from '../evidence/schema.js';
import { InputError, type InputProblem } from '../input/problems.js';
import { certificatesOf } from '../store/certificates.js';
import { addEvidence, currentEvidence, evidenceUses, evidenceVersions } from '../store/evidence.js';
import { listRecords } from '../store/query.js';
import { EXIT, type CliIo } from './io.js';
import { dateOption, table, withStore } from './store-open.js';

export async function evidenceAdd(files: string[], flags: { store?: string }, io: CliIo): Promise<number> {
  // Every file is read and checked before anything is stored: one bad file stores nothing.
  const problems: InputProblem[] = [];
  const items: EvidenceItem[] = [];
  for (const file of files) {
    try {
      items.push(...readEvidenceFile(resolve(io.cwd, file)));
    } catch (err) {
      if (err instanceof InputError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return withStore(flags, io, async (store) => {
    const added = await addEvidence(store, items);
    for (const a of added)
      io.stdout(
        `${a.status === 'unchanged' ? 'unchanged' : a.status === 'added' ? 'added    ' : 'new version'}  ${a.id} v${a.version}\n`,
      );
    return EXIT.originating;
  });
}

export async function evidenceList(flags: { store?: string; json?: boolean }, io: CliIo): Promise<number> {
  return withStore(flags, io, async (store) => {
    const rows = await currentEvidence(store);
    if (flags.json) {
      io.stdout(
        prettyJson({
          format: 'usmca-roo/evidence-list@1',
          evidence: rows.map((r) => ({ version: r.version, intact: r.intact, ...r.item })),
        }),
      );
      return EXIT.originating;
    }
    io.stdout(
      table(
        ['evidence', 'kind', 'supplier', 'period', 'covers'],
        rows.map((r) => [
          `${r.item.id} v${r.version}${r.intact ? '' : ' (ALTERED)'}`,
          r.item.kind,
          r.item.supplier.name,
          `${r.item.period.start}..${r.item.period.end}`,
          [
            ...(r.item.covers.partNumbers ?? []).map((p) => `part ${p}`),
            ...(r.item.covers.lines ?? []).map((l) => `line ${l}`),
          ].join(', '),
        ]),
      ),
    );
    return EXIT.originating;
  });
}

/**
 * Evidence whose period ends before the day given (the latest version of each id), with every stored decision
 * that relied on any version of it and every certificate issued from those decisions.
 */
export async function evidenceExpiring(
  flags: { store?: string; before: string; json?: boolean },
  io: CliIo,
): Promise<number> {
  return withStore(flags, io, async (store) => {
    const before = dateOption('--before', flags.before) as string;
    const lapsing = (await currentEvidence(store)).filter((r) => r.item.period.end < before);
    const out = [];
    for (const e of lapsing) {
      const versions = await evidenceVersions(store, e.item.id);
      const uses = await evidenceUses(store, { evidenceSeqs: versions.map((v) => v.seq) });
      const recordSeqs = [...new Set(uses.map((u) => u.recordSeq))];
      const records = recordSeqs.length ? await listRecords(store, { seqs: recordSeqs }) : [];
      const latest = new Set((await listRecords(store, { seqs: recordSeqs, latest: true })).map((r) => r.seq));
      const certificates = await certificatesOf(store, recordSeqs);
      out.push({
        evidence: e.item.id,
        version: e.version,
        kind: e.item.kind,
        supplier: e.item.supplier.name,
        periodEnd: e.item.period.end,
        decisions: records.map((r) => ({
          record: `${r.claimId}@${r.version}`,
          verdict: r.verdict,
          decisionDate: r.decisionDate,
          latest: latest.has(r.seq),
          lines: uses.filter((u) => u.recordSeq === r.seq).map((u) => `${u.line} (${u.use})`),
        })),
        certificates: certificates.map((c) => ({
          certificate: c.seq,
          records: records.filter((r) => c.recordSeqs.includes(r.seq)).map((r) => `${r.claimId}@${r.version}`),
          signedOn: c.signedOn,
          blanket: c.blanket,
          recipients: c.recipients,
        })),
      });
    }
    if (flags.json) {
      io.stdout(prettyJson({ format: 'usmca-roo/evidence-expiring@1', before, evidence: out }));
      return EXIT.originating;
    }
    if (out.length === 0) io.stdout(`no stored evidence lapses before ${before}\n`);
    for (const e of out) {
      io.stdout(`${e.evidence} v${e.version} (${e.kind}, ${e.supplier}) ends ${e.periodEnd}\n`);
      for (const d of e.decisions)
        io.stdout(
          `  decision ${d.record}${d.latest ? '' : ' (superseded)'}  ${d.verdict}  ${d.decisionDate}  lines ${d.lines.join(', ')}\n`,
        );
      for (const c of e.certificates)
        io.stdout(
          `  certificate #${c.certificate} (${c.records.join(', ')}) signed ${c.signedOn}${c.recipients.length ? `, provided to ${c.recipients.map((p) => `${p.role} ${p.name}`).join(', ')}` : ''}\n`,
        );
      if (e.decisions.length === 0) io.stdout('  no stored decision relied on it\n');
    }
    return EXIT.originating;
  });
}
