/** The content report for people (a worksheet) and the Commerce submission fields as CSV. */
import { stringify } from 'csv-stringify/sync';
import { spreadsheetRow } from '../render/spreadsheet.js';
import type { ClaimContent } from './claim.js';
import type { ContentReport } from './report.js';
import { SUBMISSION_COLUMNS, type Submission } from './submission.js';

/** The content report as plain text for people: per claim, per model line, then the submissions; ends in a newline. */
export function renderContent(report: ContentReport): string {
  const out: string[] = [];
  if (report.scenario)
    out.push(`*** ${report.scenario.notice} ***`, `    ${report.scenario.title} (${report.scenario.origin})`, '');
  for (const c of report.claims) out.push(...claimLines(c, report.strict), '');
  for (const m of report.modelLines) {
    out.push(`MODEL LINE ${m.modelLine}: ${m.claims.join(', ')} (${m.units} units, ${m.currency})`);
    out.push(`  customs value ${m.customsValue}, U.S. content ${m.usContent}, non-U.S. content ${m.nonUsContent}`);
    for (const t of m.tariffs)
      out.push(
        `  ${t.id}: duty ${t.duty} at ${t.rate} %${t.status !== 'in-force' ? ` [${t.status.toUpperCase()}]` : ''} (with USMCA ${t.withUsmca.duty}, without ${t.withoutUsmca.duty})`,
      );
    out.push(`  averages: ${m.rounding}`, '');
  }
  out.push(
    report.submissions.length > 0
      ? `Commerce submission: ${report.submissions.length} row(s) (--csv FILE writes them)`
      : `Commerce submission: none (${report.submissionsWithheld ?? ''})`,
  );
  out.push(
    'Figures for planning and for the importer\'s own submission: not a ruling. Whether a part is "substantially transformed" in the United States, and the origin of the vehicle for these measures, are not decided here.',
  );
  return `${out.join('\n')}\n`;
}

function claimLines(c: ClaimContent, strict: boolean): string[] {
  const out = [
    `CLAIM ${c.claim.id}  (${c.claim.modelLine ?? 'no model line'}; entry ${c.claim.entryDate}; ${c.claim.currency})`,
    `  USMCA verdict: ${c.usmca.verdict.toUpperCase()}${c.usmca.failed.length ? ` (failed: ${c.usmca.failed.join(', ')})` : ''}; assembled at ${c.assembly.name ?? c.assembly.plant}, ${c.assembly.country}`,
    `  customs value ${c.customsValue}: U.S. content ${c.usContent}${strict ? ' (evidenced lines only)' : ''}, non-U.S. content ${c.nonUsContent}`,
    `  materials by country: US ${c.byCountry.US}, CA ${c.byCountry.CA}, MX ${c.byCountry.MX}, other ${c.byCountry.other}, unknown ${c.byCountry.unknown} (total ${c.materialsValue})`,
  ];
  for (const t of c.tariffs) {
    out.push(
      `  [${t.status.toUpperCase()}] ${t.title}: ${t.rate} %, ${t.status === 'in-force' ? 'in force' : `a ${t.status} value, not in force (the measure is in force`} from ${t.effectiveFrom}${t.status === 'in-force' ? '' : ')'}`,
      `    ${t.preference.reason}`,
      `    duty ${t.duty} on ${t.dutiableValue}; with USMCA ${t.withUsmca.duty}, without ${t.withoutUsmca.duty}: the verdict is worth ${t.usmcaWorth}`,
    );
    for (const l of t.entryLines) {
      const exact =
        l.unrounded.value !== l.value || l.unrounded.duty !== l.duty
          ? ` [unrounded: value ${l.unrounded.value}, duty ${l.unrounded.duty}]`
          : '';
      out.push(
        `    entry line ${l.heading ?? '(no chapter 99 heading)'}: value ${l.value}, duty ${l.duty}${exact} (${l.label})`,
      );
    }
    if (t.rounding) out.push(`    rounding: ${t.rounding}`);
    for (const ch of t.changes) out.push(`    ${ch.status.toUpperCase()} ${ch.scenario} from ${ch.from}: ${ch.title}`);
    out.push(`    ${t.citation}`);
  }
  for (const n of c.notApplicable) out.push(`  not applicable: ${n.id}: ${n.reason}`);
  if (c.largestNonUsContributors.length) {
    out.push('  largest non-U.S. contributors:');
    for (const l of c.largestNonUsContributors.slice(0, 5))
      out.push(`    ${l.value.padStart(12)}  ${l.country ?? '??'}  ${l.key}  ${l.description}`);
  }
  if (c.evidenceGaps.length) {
    out.push('  evidence gaps:');
    for (const g of c.evidenceGaps)
      out.push(`    ${g.code} ${g.subject}: value ${g.valueAtStake}, duty at stake ${g.dutyAtStake}`);
  }
  for (const w of c.warnings) out.push(`  warning ${w.code}: ${w.message}`);
  return out;
}

/**
 * The Commerce submission rows as CSV (RFC 4180, header row, `\n` line ends), amounts as decimal strings; a text
 * that a spreadsheet would run as a formula is written with a leading apostrophe (spreadsheetText).
 */
export function submissionsCsv(rows: readonly Submission[]): string {
  return stringify(
    rows.map((r) => spreadsheetRow(SUBMISSION_COLUMNS.map((k) => r[k]))),
    { header: true, columns: [...SUBMISSION_COLUMNS], record_delimiter: '\n' },
  );
}
