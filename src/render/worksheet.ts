/**
 * The human report of a decision, laid out like a broker's worksheet: the verdict, each requirement with
 * its value, threshold, margin and citation, the limbs, the largest non-originating contributors and the
 * evidence gaps. Plain text, no colour, stable line by line.
 */
import { describeRelease } from '../rules/release.js';
import { printable } from './printable.js';
import type { Decision } from '../verdict/decision.js';
import type { Limb } from '../requirements/result.js';

const TOP_CONTRIBUTORS = 10;

/**
 * The worksheet of `d` (what `usmca-roo evaluate` prints without --json): plain text lines ending in a newline,
 * amounts as the decision holds them (decimal strings, the claim's currency), percentages with their
 * thresholds and margins, each requirement's rule id, effective date and article. Throws nothing.
 */
export function renderWorksheet(d: Decision): string {
  const out: string[] = [];
  const cur = d.claim.currency;
  const good = d.claim.good as { description?: string; hs?: string; modelLine?: string; plant?: string };
  out.push(`USMCA rules of origin: ${d.claim.id}`);
  out.push(
    `Good:      ${good.description ?? ''} (HS ${good.hs ?? ''})${good.modelLine ? `, model line ${good.modelLine}` : ''}${good.plant ? `, plant ${good.plant}` : ''}`,
  );
  out.push(`Class:     ${String(d.classification.title)}`);
  out.push(`           ${String(d.classification.citation)}`);
  out.push(
    `Date:      ${d.claim.decisionDate} (period ${d.claim.period.start} to ${d.claim.period.end}${d.claim.period.defaulted ? ', defaulted to the decision date' : ''})`,
  );
  out.push(
    `Rules:     ${d.rules.id} ${d.rules.version} (sha256 ${d.rules.sha256.slice(0, 16)}...)   Engine: ${d.engine.name} ${d.engine.version}`,
  );
  if (d.rules.release !== 'released') out.push(`           WARNING: ${describeRelease(d.rules, d.rules.release)}`);
  out.push(`Input:     sha256 ${d.input.sha256.slice(0, 16)}...`);
  const patch = d.input.patch;
  if (patch) {
    const n = patch.operations.length;
    out.push(
      `           AS CHANGED by a patch of ${n} operation${n === 1 ? '' : 's'} (sha256 ${patch.sha256.slice(0, 16)}...) of the input ${patch.baseSha256.slice(0, 16)}...: a what-if, not the claim as written`,
    );
  }
  out.push('');
  out.push(
    `VERDICT:   ${d.verdict === 'originating' ? `ORIGINATING (origin criterion ${d.originCriterion ?? '-'})` : 'NOT ORIGINATING'}`,
  );
  out.push('');
  out.push('Requirements');
  for (const r of d.requirements) {
    out.push(`  [${mark(r.status)}] ${r.id.padEnd(18)} ${r.title}`);
    if (r.status === 'not-applicable') {
      out.push(`        not applicable: ${r.reason ?? ''}`);
      continue;
    }
    if (r.value !== undefined || r.threshold !== undefined) out.push(`        ${figure(r, cur)}`);
    // A requirement met by another route than its main figure (the s. 18(22) credit, de minimis): say which.
    if (r.status === 'pass' && r.margin?.points?.startsWith('-')) {
      const route = [...(r.limbs ?? [])].reverse().find((l) => l.status === 'pass');
      if (route)
        out.push(`        met through: ${route.title}${route.value !== undefined ? ` (${figure(route, cur)})` : ''}`);
    }
    if (r.reason) out.push(`        ${r.reason}`);
    if (r.rule) out.push(`        rule ${r.rule.id}, value in force from ${r.rule.effectiveFrom}`);
    if (r.citation) out.push(`        ${r.citation}`);
    for (const l of r.limbs ?? []) renderLimb(out, l, cur, 8);
  }
  out.push('');
  const nc = d.netCost;
  out.push(
    `Net cost per unit: ${nc.netCost} ${cur} = total cost ${nc.totalCost} - excluded costs ${nc.excludedCosts}${nc.accumulationAdjustment !== '0.00' ? ` + accumulation ${nc.accumulationAdjustment}` : ''}`,
  );
  out.push(
    `Non-originating materials (VNM): ${d.bom.valueOfNonOriginatingMaterials} ${cur} over ${d.bom.counted.length} counted line(s) of ${d.bom.linesVisited}`,
  );
  out.push(...readingLines(d));
  if (d.exchangeRates.length > 0) {
    out.push(
      `Exchange rates: ${d.exchangeRates.map((r) => `1 ${r.currency} = ${r.rate} ${cur} (${r.date}, ${r.source})`).join('; ')}`,
    );
  }
  const intermediates = d.bom.intermediateMaterials as Array<{
    material: string;
    table?: string;
    rvc?: string;
    threshold?: string;
    origin: string;
    basis: string;
  }>;
  if (intermediates.length > 0) {
    out.push('Intermediate materials (s. 8(6)-(8)):');
    for (const m of intermediates)
      out.push(
        `  ${m.material}: ${m.origin}${m.rvc !== undefined ? `, RVC ${m.rvc}% (Table ${m.table ?? '-'}, threshold ${m.threshold ?? '-'}%)` : ''}; ${m.basis}`,
      );
  }
  out.push('');
  out.push(
    `Largest non-originating contributors (${Math.min(TOP_CONTRIBUTORS, d.bom.counted.length)} of ${d.bom.counted.length})`,
  );
  for (const [i, c] of d.bom.counted.slice(0, TOP_CONTRIBUTORS).entries()) {
    out.push(
      `  ${String(i + 1).padStart(2)}. ${c.value.padStart(12)} ${cur}  ${c.material}  ${c.description}${c.hs ? ` (${c.hs})` : ''}  [${c.reason}]`,
    );
  }
  if (d.bom.counted.length === 0) out.push('  none');
  out.push('');
  out.push(`Evidence gaps (${d.evidenceGaps.length})`);
  for (const g of d.evidenceGaps)
    out.push(`  - ${g.code}: ${g.message}${g.valueAtStake ? ` [at stake: ${g.valueAtStake} ${cur}]` : ''}`);
  if (d.evidenceGaps.length === 0) out.push('  none');
  if (d.warnings.length > 0) {
    out.push('');
    out.push(`Warnings (${d.warnings.length})`);
    for (const w of d.warnings) out.push(`  - ${w.code}: ${w.message}`);
  }
  // Each line escaped on its own: a value from the claim can never start a line of its own.
  return `${out.map(printable).join('\n')}\n`;
}

/**
 * The readings of disputed points: each switch with its reading and where it came from, and, for a switch in
 * play, the verdict under its other reading (with the RVC for the core-part roll-up).
 */
function readingLines(d: Decision): string[] {
  const interp = d.interpretation as {
    importingCountry?: string | null;
    alternative?: { rvc: string | null };
    switches?: Record<
      string,
      {
        value: string;
        source: string;
        inPlay: boolean;
        otherReading?: { value: string; verdict: string; verdictDiffers: boolean };
      }
    >;
  };
  const out = [
    `Readings of disputed points (interpretation${interp.importingCountry ? `; importing country ${interp.importingCountry}` : ''}):`,
  ];
  for (const [id, s] of Object.entries(interp.switches ?? {})) {
    const o = s.otherReading;
    const rvc = id === 'coreRollUp' && interp.alternative ? `RVC ${interp.alternative.rvc ?? '-'}%, ` : '';
    const other = o
      ? `; under "${o.value}": ${rvc}verdict ${o.verdict}${o.verdictDiffers ? ' (DIFFERENT)' : ' (same)'}`
      : s.inPlay
        ? ''
        : '; not in play for this good';
    out.push(`  ${id.padEnd(18)} ${s.value} (${s.source})${other}`);
  }
  return out;
}

function mark(status: string): string {
  return status === 'pass' ? 'PASS' : status === 'fail' ? 'FAIL' : ' n/a';
}

function figure(l: Limb, cur: string): string {
  const unit = l.unit === 'percent' ? '%' : l.unit === 'points' ? ' points' : l.unit === 'count' ? '' : '';
  const parts: string[] = [];
  if (l.value !== undefined) parts.push(`value ${l.value}${unit}`);
  if (l.threshold !== undefined) parts.push(`threshold ${l.comparator ?? ''} ${l.threshold}${unit}`);
  const m = l.margin;
  if (m?.points !== undefined) parts.push(`margin ${signed(m.points)} points`);
  if (m?.amount !== undefined)
    parts.push(`${m.points !== undefined ? '= ' : 'margin '}${signed(m.amount)} ${m.currency ?? cur}`);
  return parts.join(', ');
}

function renderLimb(out: string[], l: Limb, cur: string, indent: number): void {
  const pad = ' '.repeat(indent);
  out.push(`${pad}- [${mark(l.status)}] ${l.title}`);
  if (l.value !== undefined || l.threshold !== undefined) out.push(`${pad}    ${figure(l, cur)}`);
  if (l.reason) out.push(`${pad}    ${l.reason}`);
  for (const sub of l.limbs ?? []) renderLimb(out, sub, cur, indent + 4);
}

function signed(v: string): string {
  return v.startsWith('-') ? v : `+${v}`;
}
