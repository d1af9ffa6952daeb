/**
 * The rules in force for a calculation period rather than on the decision date. The Regulations state each step
 * "beginning on ... ending on ..." without saying which date governs (domain reference §9 item 10); a figure
 * computed over a period (steel and aluminum purchases, s. 17(7); the RVC and LVC over an averaging or
 * calculation period, s. 16, s. 18(19)) is judged here under the value in force on the period's last day, and a
 * period in which a parameter steps is reported, since purchases or costs before the step could be judged under
 * the earlier value.
 */
import { RulesInForce } from '../rules/in-force.js';
import type { Warning } from './result.js';

/** A calculation period, YYYY-MM-DD, both days included. */
export interface CalculationPeriod {
  start: string;
  end: string;
}

/** The rules in force on the period's last day (the decision date's rules when it is that day). */
export function rulesForPeriod(rules: RulesInForce, period: CalculationPeriod): RulesInForce {
  return period.end === rules.date ? rules : new RulesInForce(rules.pack, period.end);
}

/** The dates after the period's first day and on or before its last on which parameter `id` takes a new value. */
export function stepsWithin(rules: RulesInForce, id: string, period: CalculationPeriod): string[] {
  const p = rules.pack.parameters.get(id);
  if (!p) return [];
  return p.entries.filter((e) => e.from > period.start && e.from <= period.end).map((e) => e.from);
}

/**
 * RULE_STEP_IN_PERIOD for each parameter of `ids` that steps within `period`: `what` names the figure, `applied`
 * says which value was used.
 */
export function stepWarnings(
  rules: RulesInForce,
  ids: readonly string[],
  period: CalculationPeriod,
  subject: string,
  what: string,
  applied: string,
): Warning[] {
  const out: Warning[] = [];
  for (const id of [...new Set(ids)].sort()) {
    const steps = stepsWithin(rules, id, period);
    if (steps.length === 0) continue;
    out.push({
      code: 'RULE_STEP_IN_PERIOD',
      subject,
      message: `${what}: rule ${id} takes a new value on ${steps.join(', ')}, within the period ${period.start} to ${period.end}; ${applied}`,
    });
  }
  return out;
}
