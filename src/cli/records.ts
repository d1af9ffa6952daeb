/** `usmca-roo records list|show|replay`: the stored decisions, listed, shown (checked) and replayed. */
import { prettyJson } from '../canonical/json.js';
import { describeDifferences } from '../audit/diff.js';
import { needsEngineMessage, replay } from '../audit/replay.js';
import { checkRelease } from '../audit/trust.js';
import { evidenceUses } from '../store/evidence.js';
import { StoreError, type Store } from '../store/open.js';
import { forEachRecord, listRecords, resolveRecord, type RecordFilter } from '../store/query.js';
import type { StoredRecord } from '../store/read.js';
import { certificatesOf } from '../store/certificates.js';
import { identifiersFor, listFilings } from '../store/filings.js';
import { EXIT, type CliIo } from './io.js';
import { dateOption, table, withStore } from './store-open.js';

export const RECORDS_EXIT = { ok: 0, different: 1, invalid: 2, internal: 3, tampered: 4, needsEngine: 6 } as const;

export interface SelectionFlags {
  store?: string;
  claim?: string;
  modelLine?: string;
  hs?: string;
  verdict?: 'originating' | 'not-originating';
  from?: string;
  to?: string;
  rulesVersion?: string;
  estimated?: boolean;
  latest?: boolean;
  json?: boolean;
}

/** The record filter the selection options describe. */
export function filterOf(flags: SelectionFlags): RecordFilter {
  const f: RecordFilter = {};
  if (flags.claim !== undefined) f.claim = flags.claim;
  if (flags.modelLine !== undefined) f.modelLine = flags.modelLine;
  if (flags.hs !== undefined) f.hs = flags.hs;
  if (flags.verdict !== undefined) f.verdict = flags.verdict;
  const from = dateOption('--from', flags.from);
  const to = dateOption('--to', flags.to);
  if (from !== undefined) f.from = from;
  if (to !== undefined) f.to = to;
  if (flags.rulesVersion !== undefined) f.rulesVersion = flags.rulesVersion;
  if (flags.estimated) f.estimated = true;
  if (flags.latest) f.latest = true;
  return f;
}

export async function recordsList(flags: SelectionFlags, io: CliIo): Promise<number> {
  return withStore(flags, io, async (store) => {
    const rows = await listRecords(store, filterOf(flags));
    if (flags.json) {
      io.stdout(prettyJson({ format: 'usmca-roo/records@1', store: store.location, records: rows }));
      return RECORDS_EXIT.ok;
    }
    io.stdout(
      table(
        ['record', 'verdict', 'date', 'hs', 'model line', 'rules', 'estimated', 'sha256'],
        rows.map((r) => [
          `${r.claimId}@${r.version}`,
          r.verdict,
          r.decisionDate,
          r.hs,
          r.modelLine ?? '',
          `${r.rulesId} ${r.rulesVersion}`,
          r.estimated,
          r.recordSha256.slice(0, 12),
        ]),
      ),
    );
    io.stdout(`${rows.length} record${rows.length === 1 ? '' : 's'}\n`);
    return RECORDS_EXIT.ok;
  });
}

async function named(store: Store, ref: string): Promise<StoredRecord> {
  const found = await resolveRecord(store, ref);
  if (typeof found === 'string') throw new StoreError(found);
  if (!found) throw new StoreError(`no stored record is named ${ref} in ${store.location}`);
  return found;
}

function tamperedLines(r: StoredRecord): string {
  return `TAMPERED: record ${r.claimId}@${r.version} (#${r.seq}):\n${r.problems.map((p) => `  ${p}`).join('\n')}\n`;
}

export async function recordsShow(ref: string, flags: { store?: string; json?: boolean }, io: CliIo): Promise<number> {
  return withStore(flags, io, async (store) => {
    const r = await named(store, ref);
    if (r.problems.length > 0 || !r.record) {
      io.stderr(tamperedLines(r));
      return RECORDS_EXIT.tampered;
    }
    if (flags.json) {
      io.stdout(prettyJson(r.record));
      return RECORDS_EXIT.ok;
    }
    const d = r.record.hashed.decision;
    const uses = await evidenceUses(store, { recordSeqs: [r.seq] });
    const certificates = await certificatesOf(store, [r.seq]);
    const good = d.claim.good as { kind?: string; modelLine?: string };
    const filed =
      good.kind === 'vehicle'
        ? identifiersFor(await listFilings(store), {
            vehicleClass: (d.classification as { vehicleClass?: string }).vehicleClass,
            modelLine: good.modelLine ?? null,
            decisionDate: d.claim.decisionDate,
          })
        : undefined;
    const lines = [
      `record ${r.claimId}@${r.version} (#${r.seq}), sha256 ${r.record.sha256} (checked)`,
      `  verdict ${d.verdict}${d.originCriterion ? ` (origin criterion ${d.originCriterion})` : ''}, decision date ${d.claim.decisionDate}`,
      `  rules ${r.record.hashed.rules.id} ${r.record.hashed.rules.version}, engine ${r.record.hashed.engine.version}, recorded ${String(r.record.envelope.recordedAt ?? '')}`,
      ...(r.estimated ? [`  figures estimated: ${r.estimated} (to reconcile at year end, 19 CFR 182.102)`] : []),
      '  requirements:',
      ...d.requirements.map(
        (q) =>
          `    [${q.status === 'pass' ? 'PASS' : q.status === 'fail' ? 'FAIL' : ' n/a'}] ${q.id}${q.value !== undefined ? `  ${q.value}` : ''}${q.threshold !== undefined ? ` (threshold ${q.threshold})` : ''}`,
      ),
      `  evidence relied on: ${uses.length === 0 ? 'none' : ''}`,
      ...uses.map((u) => `    ${u.evidenceId} on line ${u.line} (${u.use})`),
      `  certificates issued: ${certificates.length === 0 ? 'none' : ''}`,
      ...certificates.map((c) => `    #${c.seq} signed ${c.signedOn}${c.importer ? `, importer ${c.importer}` : ''}`),
      ...(filed
        ? [
            `  CBP vehicle certification identifiers (19 CFR 182.92(b)): ${filed.length === 0 ? 'none' : filed.map((f) => `${f.kind} ${f.identifier} (filing #${f.filing})`).join(', ')}`,
          ]
        : []),
    ];
    io.stdout(`${lines.join('\n')}\n`);
    return RECORDS_EXIT.ok;
  });
}

export async function recordsReplay(
  ref: string | undefined,
  flags: SelectionFlags & { rules?: string; unreleasedRules?: boolean },
  io: CliIo,
): Promise<number> {
  const rules = flags.rules ?? 'recorded';
  if (rules !== 'recorded' && rules !== 'current') {
    io.stderr(`usmca-roo: --rules takes "recorded" or "current", not "${rules}"\n`);
    return EXIT.invalidInput;
  }
  return withStore(flags, io, async (store) => {
    const outcomes: Array<{ record: string; status: string; reason?: string; differences?: number }> = [];
    const one = async (r: StoredRecord) => {
      const name = `${r.claimId}@${r.version}`;
      if (r.problems.length > 0 || !r.record) {
        outcomes.push({ record: name, status: 'tampered', reason: r.problems.join('; ') });
        if (!flags.json) io.stdout(tamperedLines(r));
        return;
      }
      const outcome = await replay(r.record, { rules });
      if (!('reason' in outcome)) {
        // As `replay` does: a record made under a pack that claims a release it is not is refused.
        const release = checkRelease(outcome.recordedPack, outcome.recordedPack.release, {
          strict: false,
          allowUnreleased: flags.unreleasedRules === true,
        });
        if (release.refusal) {
          outcomes.push({ record: name, status: 'refused', reason: release.refusal });
          if (!flags.json) io.stdout(`REFUSED: ${name}: ${release.refusal}\n`);
          return;
        }
        outcomes.push({ record: name, status: outcome.status, differences: outcome.differences.length });
        if (!flags.json) {
          io.stdout(
            `${outcome.status === 'identical' ? 'IDENTICAL' : 'DIFFERENT'}: ${name} under the ${rules} rules\n`,
          );
          if (outcome.status === 'different') io.stdout(`${describeDifferences(outcome.differences).join('\n')}\n`);
        }
      } else {
        // A record the replay finds altered counts as tampered.
        const status = (outcome.status as string) === 'altered' ? 'tampered' : outcome.status;
        const reason =
          outcome.status === 'needsEngine'
            ? needsEngineMessage(outcome, `records replay ${name} --store DB`)
            : outcome.reason;
        outcomes.push({ record: name, status, reason });
        if (!flags.json)
          io.stdout(
            `${outcome.status === 'needsEngine' ? 'NEEDS ENGINE' : outcome.status.toUpperCase()}: ${name}: ${reason}\n`,
          );
      }
    };
    if (ref !== undefined) await one(await named(store, ref));
    else await forEachRecord(store, filterOf(flags), one);
    if (flags.json) io.stdout(prettyJson({ format: 'usmca-roo/records-replay@1', rules, outcomes }));
    const has = (s: string) => outcomes.some((o) => o.status === s);
    return has('tampered') || has('refused')
      ? RECORDS_EXIT.tampered
      : has('invalid')
        ? RECORDS_EXIT.invalid
        : has('needsEngine')
          ? RECORDS_EXIT.needsEngine
          : has('different')
            ? RECORDS_EXIT.different
            : RECORDS_EXIT.ok;
  });
}
