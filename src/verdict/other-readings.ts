/**
 * The verdict under the other reading of each disputed point in play (the switches of the claim's
 * `interpretation`, usmca.interpretation.*): where a requirement reports that the other reading of a switch could
 * change its result for this claim, the claim is evaluated again with that one switch turned, and the decision
 * says which requirements come out otherwise and whether the verdict changes (READING_DECIDES_VERDICT).
 */
import type { SwitchId } from '../input/terms.js';
import { otherReading, type Interpretation } from '../requirements/interpretation.js';
import type { RequirementResult, Warning } from '../requirements/result.js';
import type { Verdict } from './origin.js';

/** What an evaluation under one set of readings decided. */
export interface ReadingRun {
  verdict: Verdict;
  results: readonly RequirementResult[];
}

/** The outcome under a switch's other reading (decision.interpretation.switches.<id>.otherReading). */
export interface OtherReading {
  value: string;
  verdict: Verdict;
  verdictDiffers: boolean;
  /** The requirements whose status or value differ, as they come out under the other reading. */
  requirements: Array<{ id: string; status: string; value: string | null }>;
}

/**
 * Each switch of `inPlay` evaluated under its other reading by `rerun` (in the order of `inPlay`, which is
 * sorted and free of duplicates), with a warning for each whose verdict differs.
 */
export function otherReadings(
  interpretation: Interpretation,
  inPlay: readonly SwitchId[],
  main: ReadingRun,
  rerun: (id: SwitchId, reading: string) => ReadingRun,
): { others: Partial<Record<SwitchId, OtherReading>>; warnings: Warning[] } {
  const others: Partial<Record<SwitchId, OtherReading>> = {};
  const warnings: Warning[] = [];
  for (const id of inPlay) {
    const value = otherReading(id, interpretation[id].value);
    const run = rerun(id, value);
    const other = compare(value, main, run);
    others[id] = other;
    if (other.verdictDiffers) warnings.push(readingWarning(id, value, other.verdict));
  }
  return { others, warnings };
}

/** The other run against the main one: its verdict, and the requirements that differ. */
export function compare(value: string, main: ReadingRun, run: ReadingRun): OtherReading {
  const requirements = run.results
    .filter((r) => {
      const m = main.results.find((x) => x.id === r.id);
      return !m || m.status !== r.status || m.value !== r.value;
    })
    .map((r) => ({ id: r.id, status: r.status, value: r.value ?? null }));
  return { value, verdict: run.verdict, verdictDiffers: run.verdict !== main.verdict, requirements };
}

/** READING_DECIDES_VERDICT: the verdict turns on the reading of a disputed point. */
export function readingWarning(id: SwitchId, value: string, verdict: Verdict): Warning {
  return {
    code: 'READING_DECIDES_VERDICT',
    subject: `interpretation.${id}`,
    message: `the verdict turns on a disputed point: under the other reading of ${id} (${value}) the good would be ${verdict}; see interpretation.switches.${id}`,
  };
}
