/**
 * `usmca-roo impact --rules DIR | --scenario FILE | --without-evidence ID [selection] [--json|--csv FILE]`:
 * which stored decisions would flip, and which requirements and margins would move. Reads the store, never
 * writes over a decision. The CSV is checked before any work, never written over the scenario or a file of the
 * rule pack, and written whole (output.ts).
 */
import { resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { prettyJson } from '../canonical/json.js';
import { ImpactContext, impactOf, keepPack, type ImpactChange, type ImpactOutcome } from '../impact/run.js';
import { readScenario } from '../impact/scenario.js';
import { queueImpact } from '../impact/job.js';
import { impactInParallel } from '../impact/parallel.js';
import { awaitRun, newRunId, startBoss } from '../queue/boss.js';
import { loadRulePack, loadRulePackUncached } from '../rules/load.js';
import { forEachRecord, listRecords } from '../store/query.js';
import type { RequirementChange } from '../impact/compare.js';
import { EXIT, type CliIo } from './io.js';
import { checkOutput, packInputs, refuseInputs, writeOutput } from './output.js';
import { filterOf, type SelectionFlags } from './records.js';
import { table, withStore } from './store-open.js';
import { spreadsheetRow } from '../render/spreadsheet.js';

export interface ImpactFlags extends SelectionFlags {
  rules?: string;
  scenario?: string;
  withoutEvidence?: string;
  allVersions?: boolean;
  csv?: string;
  queue?: boolean;
  jobTimeout?: string;
  /** Worker threads re-running the records; 1 (the default) runs them in this thread. */
  jobs?: string;
}

function describeChange(flags: ImpactFlags): string {
  if (flags.withoutEvidence) return `without evidence ${flags.withoutEvidence}`;
  const parts = [];
  if (flags.rules) parts.push(`the rule pack in ${flags.rules}`);
  if (flags.scenario)
    parts.push(`scenario ${flags.scenario}${flags.rules ? '' : " on each record's recorded rule pack"}`);
  return parts.join(' + ');
}

function reqText(c: RequirementChange): string {
  const s = (x: RequirementChange['from']) =>
    x
      ? `${x.status}${x.value !== undefined ? ` ${x.value}` : ''}${x.marginPoints !== undefined ? ` (margin ${x.marginPoints})` : ''}`
      : 'absent';
  return `${c.id}: ${s(c.from)} -> ${s(c.to)}`;
}

export async function impactCommand(flags: ImpactFlags, io: CliIo): Promise<number> {
  const chosen = [flags.rules || flags.scenario, flags.withoutEvidence].filter(Boolean).length;
  if (chosen !== 1) {
    io.stderr('usmca-roo: impact takes --rules DIR and/or --scenario FILE, or --without-evidence ID\n');
    return EXIT.invalidInput;
  }
  const jobs = flags.jobs === undefined ? 1 : Number(flags.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) {
    io.stderr(`usmca-roo: --jobs takes a whole number of worker threads, 1 or more, not "${flags.jobs}"\n`);
    return EXIT.invalidInput;
  }
  // The CSV's folder is checked before any work, and it is never one of the command's inputs.
  const csv = flags.csv ? checkOutput('--csv', flags.csv, io.cwd) : undefined;
  if (csv) refuseInputs(csv, impactInputs(flags, io.cwd));
  const rulesPack = flags.rules ? loadRulePackUncached(resolve(io.cwd, flags.rules)) : undefined;
  // Checked against the pack every record is re-run under (--rules), or, where each record keeps its own, against
  // the engine's pack when the file has other problems, so that they are all reported at once.
  const scenario = flags.scenario
    ? readScenario(resolve(io.cwd, flags.scenario), { pack: rulesPack ?? loadRulePack(), always: !!rulesPack })
    : undefined;
  return withStore(flags, io, async (store) => {
    const packSha = rulesPack ? await keepPack(store, rulesPack) : undefined;
    const change: ImpactChange = flags.withoutEvidence
      ? { kind: 'without-evidence', evidenceId: flags.withoutEvidence }
      : scenario
        ? { kind: 'scenario', scenario, ...(packSha ? { packSha } : {}) }
        : { kind: 'rules', packSha: packSha! };
    const filter = { ...filterOf(flags), latest: !flags.allVersions };
    let outcomes: ImpactOutcome[] = [];
    if (flags.queue) {
      const runId = newRunId();
      const seqs = (await listRecords(store, filter)).map((r) => r.seq);
      const timeout = flags.jobTimeout ? Number(flags.jobTimeout) : 300;
      const boss = await startBoss(store, { jobTimeoutSeconds: timeout });
      try {
        await queueImpact(
          boss,
          seqs.map((seq) => ({ runId, seq, change })),
          timeout,
        );
      } finally {
        await boss.stop({ graceful: false, wait: true });
      }
      io.stderr(`queued ${seqs.length} records as impact run ${runId}\n`);
      const results = await awaitRun(store, runId, seqs.length, (n) => io.stderr(`${n}/${seqs.length} done\n`));
      outcomes = seqs.map((s) => results.get(String(s)) as ImpactOutcome);
    } else if (change.kind !== 'without-evidence' && jobs > 1) {
      outcomes = await impactInParallel(store, change, filter, jobs);
    } else {
      const ctx = new ImpactContext(store, change);
      if (change.kind === 'without-evidence') await ctx.evidenceUses();
      await forEachRecord(store, filter, async (r) => {
        outcomes.push(await impactOf(ctx, r));
      });
    }
    outcomes.sort((a, b) => (a.claim < b.claim ? -1 : a.claim > b.claim ? 1 : a.seq - b.seq));
    const flips = outcomes.filter((o) => o.status === 'changed');
    const count = (s: ImpactOutcome['status']) => outcomes.filter((o) => o.status === s).length;
    const counts = {
      records: outcomes.length,
      changed: count('changed'),
      verdictFlips: flips.filter((o) => o.from !== o.to).length,
      unchanged: count('unchanged'),
      unaffected: count('unaffected'),
      invalid: count('invalid'),
      tampered: count('tampered'),
    };
    if (csv) {
      const rows = flips.flatMap((o) =>
        o.requirements.length === 0
          ? [[o.claim, o.record, o.from, o.to ?? '', '', '', '', '', '', '', '']]
          : o.requirements.map((c) => [
              o.claim,
              o.record,
              o.from,
              o.to ?? '',
              c.id,
              c.from?.status ?? '',
              c.to?.status ?? '',
              c.from?.value ?? '',
              c.to?.value ?? '',
              c.from?.marginPoints ?? '',
              c.to?.marginPoints ?? '',
            ]),
      );
      const header = [
        'claim',
        'record',
        'from',
        'to',
        'requirement',
        'status_from',
        'status_to',
        'value_from',
        'value_to',
        'margin_points_from',
        'margin_points_to',
      ];
      writeOutput(csv, stringify([header, ...rows.map(spreadsheetRow)]));
    }
    if (flags.json) {
      io.stdout(
        prettyJson({
          format: 'usmca-roo/impact@1',
          change: describeChange(flags),
          counts,
          flips: flips.map((o) => ({
            claim: o.claim,
            record: o.record,
            from: o.from,
            to: o.to,
            requirements: o.requirements,
            ...(o.reason ? { note: o.reason } : {}),
          })),
          problems: outcomes
            .filter((o) => o.status === 'invalid' || o.status === 'tampered')
            .map((o) => ({ claim: o.claim, record: o.record, status: o.status, reason: o.reason ?? '' })),
        }),
      );
    } else {
      io.stdout(`impact of ${describeChange(flags)} on ${counts.records} stored decisions\n\n`);
      if (flips.length > 0)
        io.stdout(
          table(
            ['record', 'verdict', 'what moved'],
            flips.map((o) => [
              o.record,
              o.from === o.to ? `${o.from} (same)` : `${o.from} -> ${o.to}`,
              o.requirements.map(reqText).join('; '),
            ]),
          ),
        );
      for (const o of outcomes.filter((x) => x.status === 'invalid' || x.status === 'tampered'))
        io.stdout(`${o.status.toUpperCase()}: ${o.record}: ${o.reason}\n`);
      io.stdout(
        `\n${counts.verdictFlips} verdicts flip, ${counts.changed} decisions change, ${counts.unchanged} unchanged${counts.unaffected ? `, ${counts.unaffected} did not rely on it` : ''}${counts.invalid ? `, ${counts.invalid} cannot be re-run` : ''}${counts.tampered ? `, ${counts.tampered} altered` : ''}; no stored decision was changed\n`,
      );
    }
    // Altered records first (4); then records the change cannot be re-run on, like an invalid claim in a batch (2).
    return counts.tampered > 0 ? 4 : counts.invalid > 0 ? EXIT.invalidInput : EXIT.originating;
  });
}

/** The files impact reads besides the store: the scenario, and every file of the rule pack it re-runs under. */
function impactInputs(flags: ImpactFlags, cwd: string): { path: string; role: string }[] {
  const inputs: { path: string; role: string }[] = [];
  if (flags.scenario) inputs.push({ path: resolve(cwd, flags.scenario), role: 'the scenario' });
  if (flags.rules) inputs.push(...packInputs(resolve(cwd, flags.rules)));
  return inputs;
}
