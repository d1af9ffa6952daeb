/** The advice as text for people: the verdict, what falls short, each proven plan with its proof, or why none. */
import type { Advice } from './advice-format.js';
import type { RequirementFigure } from './prove.js';

function figure(r: RequirementFigure): string {
  const value =
    r.value !== undefined ? ` ${r.value}${r.threshold !== undefined ? ` (threshold ${r.threshold})` : ''}` : '';
  const margin =
    r.marginPoints !== undefined
      ? `, margin ${r.marginPoints} points${r.marginAmount !== undefined ? ` = ${r.marginAmount}` : ''}`
      : r.marginAmount !== undefined
        ? `, margin ${r.marginAmount}`
        : '';
  return `${r.id} ${r.status.toUpperCase()}${value}${margin}`;
}

/**
 * The advice as `usmca-roo advise` prints it: the claim and its verdict, each requirement's figures, what falls
 * short, then each proven plan (its changes and what each asserts, what it settles, the changed claim's proven figures, any disputed point
 * its verdict turns on, its patch's hash), or why no plan exists; lines end in \n. Amounts in the claim's currency.
 */
export function renderAdvice(a: Advice): string {
  const out: string[] = [];
  out.push(`usmca-roo advise: ${a.claim.id} on ${a.claim.decisionDate} (amounts in ${a.claim.currency}, per good)`);
  out.push(`Input:     sha256 ${a.input.sha256.slice(0, 16)}...   Rules: ${a.rules.id} ${a.rules.version}`);
  out.push(`Verdict:   ${a.verdict === 'originating' ? 'ORIGINATING' : 'NOT ORIGINATING'}`);
  for (const r of a.requirements.filter((x) => x.status !== 'not-applicable')) out.push(`  ${figure(r)}`);
  out.push('');
  if (a.status === 'passes') {
    out.push(
      `Nothing to advise: every requirement passes${a.minMargin !== '0' ? ` with at least ${a.minMargin} points of margin` : ''}.`,
    );
    return `${out.join('\n')}\n`;
  }
  out.push(`Short: ${a.short.join('; ')}`);
  out.push(
    `Objective: ${a.objective === 'lines' ? 'fewest changes' : 'least added cost'}${a.minMargin !== '0' ? `, every requirement with ${a.minMargin} points of margin` : ''}`,
  );
  out.push('');
  for (const p of a.plans) {
    out.push(
      `PLAN ${p.rank}: ${p.changes.length} change${p.changes.length === 1 ? '' : 's'}${p.objective.addedCost !== '0.00' ? `, added cost ${p.objective.addedCost} ${a.claim.currency}` : ''}${p.variant !== 'as claimed' ? ` [${p.variant}]` : ''}  -- ${p.optimality === 'proved-optimal' ? 'PROVED OPTIMAL' : 'best found'}, ${p.minimal === 'proven' ? '1-minimal (each change needed)' : 'minimality not checked'}`,
    );
    p.changes.forEach((c, i) => {
      const stake = c.valueAtStake !== undefined ? ` [at stake ${c.valueAtStake}]` : '';
      out.push(`  ${i + 1}. (${c.kind}) ${c.description}${stake}`);
      out.push(`     asserts: ${c.asserts}`);
    });
    for (const x of p.settles)
      out.push(
        `  Settles ${x.requirement}: margin ${x.before.marginAmount ?? x.before.status} -> ${x.after.marginAmount ?? x.after.status}${x.after.marginPoints !== undefined ? ` (${x.after.marginPoints} points)` : ''}`,
      );
    out.push(
      `  PROVEN by evaluating the changed claim: ${p.proof.verdict.toUpperCase()} (input sha256 ${p.proof.inputSha256.slice(0, 16)}...)`,
    );
    for (const r of p.proof.requirements.filter((x) => x.status !== 'not-applicable')) out.push(`     ${figure(r)}`);
    for (const m of p.proof.readings ?? []) out.push(`  NOTE: ${m}`);
    out.push(`  Patch: ${p.patch.length} operations (sha256 ${p.proof.patchSha256.slice(0, 16)}...)`);
    out.push('');
  }
  if (a.noPlan) {
    out.push('NO PLAN: no change advice may propose makes the claim pass.');
    for (const r of a.noPlan.reasons) out.push(`  - ${r}`);
    out.push('');
  }
  for (const n of a.notes) out.push(`Note: ${n}`);
  out.push(
    `Search: ${a.search.considered} of ${a.search.candidates} candidate changes, ${a.search.variants.join(' / ')}; ${a.search.solves} solves, ${a.search.evaluations} evaluations, ${a.search.failedProofs} plans refused by their proof`,
  );
  return `${out.join('\n')}\n`;
}
