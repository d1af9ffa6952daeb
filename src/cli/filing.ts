/**
 * `usmca-roo filing lvc|steel|aluminum --period ...`: the producer's vehicle certification for CBP's USMCA
 * Automotive Certification Portal (19 CFR 182.95-182.97; 29 CFR 810.405), assembled from the stored decisions on
 * the covered vehicles of the period and the producer document they were made with, kept in the store, printed as
 * a table, JSON or CSV. `filing identifier` records the unique identifier CBP returned (182.92(b)); `filing list`
 * lists the filings kept.
 */
import { resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { prettyJson } from '../canonical/json.js';
import { assembleFiling, type DecisionOnFile, type Filing, type FilingKind } from '../filing/assemble.js';
import { InputError, type InputProblem } from '../input/problems.js';
import { loadRulePack } from '../rules/load.js';
import { addIdentifier, listFilings, putFiling } from '../store/filings.js';
import { StoreError } from '../store/open.js';
import { forEachRecord } from '../store/query.js';
import type { Decision } from '../verdict/decision.js';
import { readParty } from './certificate.js';
import type { CliIo } from './io.js';
import { checkOutput, refuseInputs, writeOutput } from './output.js';
import { dateOption, table, withStore } from './store-open.js';
import { spreadsheetRow } from '../render/spreadsheet.js';

/** 0 ready to file; 1 assembled, but something must be completed or fixed first; 2 invalid; 3 internal; 4 altered. */
export const FILING_EXIT = { ready: 0, incomplete: 1, invalid: 2, internal: 3, altered: 4 } as const;

export interface FilingFlags {
  period: string;
  store?: string;
  certifier?: string;
  modelLine?: string;
  json?: boolean;
  csv?: string;
}

/** `YYYY-MM-DD..YYYY-MM-DD`, or a calendar year `YYYY`. */
export function parsePeriod(text: string): { start: string; end: string } {
  if (/^\d{4}$/.test(text)) return { start: `${text}-01-01`, end: `${text}-12-31` };
  const m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  const start = m ? dateOption('--period', m[1]) : undefined;
  const end = m ? dateOption('--period', m[2]) : undefined;
  if (!start || !end || end < start)
    throw new StoreError(
      `--period takes START..END (YYYY-MM-DD..YYYY-MM-DD, END not before START) or a year YYYY, not "${text}"`,
    );
  return { start, end };
}

function text(f: Filing, seq: number, added: boolean): string {
  const lines = [
    `${f.title} for ${f.period.start} to ${f.period.end} (${f.rule.provision}), ${added ? 'kept as' : 'already kept as'} filing #${seq}`,
    `Submit it through CBP's USMCA Automotive Certification Portal by ${f.submitBy} (${f.rule.citation}); then record CBP's identifier: usmca-roo filing identifier ${seq} ID --received-on DATE`,
    '',
    table(
      ['element', 'value', 'citation'],
      f.elements.map((e) => [e.id, e.value ?? '(not given)', e.cite]),
    ).trimEnd(),
  ];
  if (f.notRead) lines.push('', `Not listed here (the text of these paragraphs was not read): ${f.notRead}`);
  lines.push(
    '',
    'Supporting decisions:',
    table(
      ['record', 'date', 'vehicle', f.kind, 'threshold', 'status', 'sha256'],
      f.support.map((s) => [
        s.record,
        s.decisionDate,
        `${s.vehicleClass}${s.modelLine ? ` ${s.modelLine}` : ''}`,
        s.value ?? '',
        s.threshold ?? '',
        s.status,
        s.sha256.slice(0, 12),
      ]),
    ).trimEnd(),
  );
  lines.push(
    '',
    f.problems.length === 0
      ? 'Ready to file: every element listed is given and every decision meets the requirement.'
      : `Not ready to file (${f.problems.length}):\n${f.problems.map((p) => `  ${p}`).join('\n')}`,
  );
  return `${lines.join('\n')}\n`;
}

function invalid(err: unknown, io: CliIo): number {
  if (!(err instanceof StoreError)) throw err;
  io.stderr(`usmca-roo: ${err.message}\n`);
  return FILING_EXIT.invalid;
}

/** Assembles, keeps and prints the filing of `kind`; the exit code. */
export async function filingCommand(kind: FilingKind, flags: FilingFlags, io: CliIo): Promise<number> {
  let period: { start: string; end: string };
  try {
    period = parsePeriod(flags.period);
  } catch (err) {
    return invalid(err, io);
  }
  const csv = flags.csv ? checkOutput('--csv', flags.csv, io.cwd) : undefined;
  if (csv && flags.certifier)
    refuseInputs(csv, [{ path: resolve(io.cwd, flags.certifier), role: 'the certifier document' }]);
  const problems: InputProblem[] = [];
  const certifier = flags.certifier ? readParty(resolve(io.cwd, flags.certifier), problems) : undefined;
  if (problems.length > 0) throw new InputError(problems);
  const pack = loadRulePack();
  const rule = pack.optional('usmca.general.vehicle_certifications', period.start);
  if (!rule) {
    const first = pack.parameters.get('usmca.general.vehicle_certifications')?.entries[0]?.from ?? '?';
    io.stderr(
      `usmca-roo: no vehicle certification rule is in force on ${period.start}: ${pack.citation('usmca.general.vehicle_certifications')} applies to certifications submitted through CBP's portal from ${first}\n`,
    );
    return FILING_EXIT.invalid;
  }
  const classes: readonly string[] = rule.value.classes;
  return withStore(flags, io, async (store) => {
    const decisions: DecisionOnFile[] = [];
    const altered: string[] = [];
    await forEachRecord(
      store,
      { from: period.start, to: period.end, latest: true, ...(flags.modelLine ? { modelLine: flags.modelLine } : {}) },
      (r) => {
        const name = `${r.claimId}@${r.version}`;
        if (r.problems.length > 0 || !r.record) {
          altered.push(`${name}: ${r.problems.join('; ')}`);
          return;
        }
        const decision = r.record.hashed.decision as Decision;
        const vehicleClass = (decision.classification as { vehicleClass?: string }).vehicleClass;
        if ((decision.claim.good as { kind?: string }).kind !== 'vehicle' || !classes.includes(vehicleClass ?? ''))
          return;
        decisions.push({
          record: name,
          sha256: r.record.sha256,
          decision,
          producer: r.record.hashed.input.claim.producer,
        });
      },
    );
    if (altered.length > 0) {
      io.stderr(`usmca-roo: refused: stored records have been altered:\n${altered.map((a) => `  ${a}`).join('\n')}\n`);
      return FILING_EXIT.altered;
    }
    decisions.sort((a, b) => (a.record < b.record ? -1 : a.record > b.record ? 1 : 0));
    const filing = assembleFiling(pack, { kind, period, decisions, ...(certifier ? { certifier } : {}) });
    const { seq, added } = await putFiling(store, filing);
    if (csv)
      writeOutput(
        csv,
        stringify(
          filing.elements.map((e) =>
            spreadsheetRow([filing.kind, e.id, e.description, e.value ?? '', e.cite, e.source]),
          ),
          { header: true, columns: ['certification', 'element', 'description', 'value', 'citation', 'source'] },
        ),
      );
    if (flags.json) io.stdout(prettyJson({ ...filing, filing: seq }));
    else io.stdout(text(filing, seq, added));
    return filing.problems.length === 0 ? FILING_EXIT.ready : FILING_EXIT.incomplete;
  });
}

/** `filing identifier FILING ID --received-on DATE`: records the identifier CBP assigned to a kept filing. */
export async function filingIdentifier(
  ref: string,
  identifier: string,
  flags: { store?: string; receivedOn: string },
  io: CliIo,
): Promise<number> {
  const m = /^#?(\d+)$/.exec(ref);
  let receivedOn: string;
  try {
    if (!m)
      throw new StoreError(`name the filing by its number (e.g. 3 or #3, as \`filing list\` shows), not "${ref}"`);
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/.test(identifier))
      throw new StoreError(
        `"${identifier}" does not look like an identifier: letters, digits and . _ / - only, at most 64 characters`,
      );
    receivedOn = dateOption('--received-on', flags.receivedOn)!;
  } catch (err) {
    return invalid(err, io);
  }
  return withStore(flags, io, async (store) => {
    await addIdentifier(store, Number(m![1]), identifier, receivedOn);
    io.stdout(`filing #${m![1]}: CBP's identifier ${identifier}, received ${receivedOn}\n`);
    return FILING_EXIT.ready;
  });
}

/** `filing list`: the kept filings, with CBP's identifiers. */
export async function filingList(flags: { store?: string; json?: boolean }, io: CliIo): Promise<number> {
  return withStore(flags, io, async (store) => {
    const rows = await listFilings(store);
    if (flags.json) {
      io.stdout(prettyJson({ format: 'usmca-roo/filings@1', filings: rows }));
      return FILING_EXIT.ready;
    }
    io.stdout(
      table(
        ['filing', 'certification', 'period', 'vehicles', 'CBP identifier', 'received'],
        rows.map((r) => [
          `#${r.seq}${r.intact ? '' : ' (ALTERED)'}`,
          r.kind,
          `${r.period.start}..${r.period.end}`,
          r.vehicles.join(', '),
          r.identifier?.identifier ?? '(none yet)',
          r.identifier?.receivedOn ?? '',
        ]),
      ),
    );
    return FILING_EXIT.ready;
  });
}
