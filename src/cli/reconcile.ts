/**
 * `usmca-roo reconcile --actuals FILE --store DB [--dry-run] [--json] [--csv FILE]`: the year-end reconciliation
 * of the stored decisions made on estimated costs or purchases (19 CFR 182.102): each re-evaluated on the actual
 * figures, the certificates that no longer hold, whom to notify and by when.
 */
import { resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { prettyJson } from '../canonical/json.js';
import type { RequirementChange } from '../impact/compare.js';
import { readActualsFile } from '../reconcile/actuals.js';
import { reconcile, ReconcileRefused, type ReconcileOutcome } from '../reconcile/run.js';
import { loadRulePack } from '../rules/load.js';
import type { CliIo } from './io.js';
import { checkOutput, refuseInputs, writeOutput } from './output.js';
import { table, withStore } from './store-open.js';
import { spreadsheetRow } from '../render/spreadsheet.js';

/** 0 every decision holds (or was not originating); 1 some fall (notices due); 2 invalid; 3 internal; 4 altered. */
export const RECONCILE_EXIT = { holds: 0, falls: 1, invalid: 2, internal: 3, altered: 4 } as const;

export interface ReconcileFlags {
  actuals: string;
  store?: string;
  dryRun?: boolean;
  json?: boolean;
  csv?: string;
}

const RESULT: Record<ReconcileOutcome['status'], string> = {
  holds: 'holds',
  falls: 'FALLS',
  'now-originating': 'now originating',
  'still-not-originating': 'still not originating',
};

function reqText(c: RequirementChange): string {
  const s = (x: RequirementChange['from']) =>
    x
      ? `${x.status}${x.value !== undefined ? ` ${x.value}` : ''}${x.marginPoints !== undefined ? ` (margin ${x.marginPoints})` : ''}`
      : 'absent';
  return `${c.id}: ${s(c.from)} -> ${s(c.to)}`;
}

function details(o: ReconcileOutcome): string[] {
  const lines = o.requirements.map((r) => `  ${reqText(r)}`);
  if (o.status !== 'falls') return lines;
  lines.push(
    o.certificates.length === 0
      ? '  no certificate was issued from these decisions in the store'
      : `  certificates that no longer hold: ${o.certificates.map((c) => `#${c.seq} signed ${c.signedOn}`).join(', ')}`,
  );
  const n = o.notice!;
  const whom = [
    ...(n.notifyCustoms ? ['CBP, in writing: the vehicle is a non-originating good'] : []),
    ...n.recipients.map(
      (r) =>
        `${r.role} ${r.name}${r.email ? ` <${r.email}>` : ''}${r.phone ? `, ${r.phone}` : ''} (certificate #${r.certificate})`,
    ),
  ];
  lines.push(`  notify${n.due ? ` by ${n.due}` : ''}: ${whom.length ? whom.join('; ') : 'no one the store knows of'}`);
  for (const b of n.basis) lines.push(`  basis: ${b}`);
  return lines;
}

export async function reconcileCommand(flags: ReconcileFlags, io: CliIo): Promise<number> {
  const actualsFile = resolve(io.cwd, flags.actuals);
  const csv = flags.csv ? checkOutput('--csv', flags.csv, io.cwd) : undefined;
  if (csv) refuseInputs(csv, [{ path: actualsFile, role: 'the actuals file' }]);
  const file = readActualsFile(actualsFile);
  const procedure = loadRulePack();
  return withStore(flags, io, async (store) => {
    let outcomes: ReconcileOutcome[];
    try {
      outcomes = await reconcile(store, file, procedure, {
        store: flags.dryRun !== true,
        command: `reconcile --actuals ${flags.actuals}`,
      });
    } catch (err) {
      if (!(err instanceof ReconcileRefused)) throw err;
      io.stderr(`usmca-roo: refused: ${err.message}\n`);
      return RECONCILE_EXIT.altered;
    }
    const { fiscalYear, determinedOn } = file.actuals;
    if (csv)
      writeOutput(
        csv,
        stringify(
          outcomes.flatMap((o) =>
            o.notice
              ? [
                  ...(o.notice.notifyCustoms ? [[o.claim, o.notice.due ?? '', 'customs', 'CBP', '', '', '']] : []),
                  ...o.notice.recipients.map((r) => [
                    o.claim,
                    o.notice!.due ?? '',
                    r.role,
                    r.name,
                    r.email ?? '',
                    r.phone ?? '',
                    String(r.certificate),
                  ]),
                ].map(spreadsheetRow)
              : [],
          ),
          { header: true, columns: ['claim', 'notify_by', 'role', 'name', 'email', 'phone', 'certificate'] },
        ),
      );
    if (flags.json)
      io.stdout(
        prettyJson({
          format: 'usmca-roo/reconciliation@1',
          store: store.location,
          fiscalYear,
          determinedOn,
          stored: flags.dryRun !== true,
          outcomes,
        }),
      );
    else {
      io.stdout(
        `Year-end reconciliation of the fiscal year ${fiscalYear.start} to ${fiscalYear.end}, determined on ${determinedOn}${flags.dryRun ? ' (dry run: nothing stored)' : ''}\n\n`,
      );
      io.stdout(
        table(
          ['claim', 'estimated', 'reconciled', 'on estimates', 'on actual figures', 'result', 'stored as'],
          outcomes.map((o) => [
            o.claim,
            o.estimated,
            o.reconciled.join(' '),
            o.from,
            o.to,
            RESULT[o.status],
            o.stored ?? '',
          ]),
        ),
      );
      for (const o of outcomes.filter((x) => x.requirements.length > 0 || x.status === 'falls'))
        io.stdout(`\n${o.claim}\n${details(o).join('\n')}\n`);
      const falls = outcomes.filter((o) => o.status === 'falls').length;
      io.stdout(
        `\n${outcomes.length} claim${outcomes.length === 1 ? '' : 's'} reconciled, ${falls} no longer originating\n`,
      );
    }
    return outcomes.some((o) => o.status === 'falls') ? RECONCILE_EXIT.falls : RECONCILE_EXIT.holds;
  });
}
