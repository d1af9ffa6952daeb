/**
 * The tariff measure in force on a date, with the proposed or scenario changes a user asked for laid over it.
 * In-force values are always the base: the latest in-force measure on or before the date. A change (a later
 * dated value of status proposed or scenario, or a change from a scenario file) applies from its date only when
 * its scenario is active, and the result says so (`status`, `changes`), so that every output using it can label
 * it and keep it out of any filing.
 */
import type { RulePack } from '../rules/pack.js';
import {
  measureChangeSchema,
  TARIFF_MEASURE_IDS,
  type Measure,
  type MeasureChange,
  type MeasureStatus,
  type TariffMeasureId,
} from './catalog.js';

/** A scenario the user activated: one named in the pack, or read from a scenario file. */
export interface Scenario {
  /** Its name, lower case with hyphens, as a user activates it. */
  name: string;
  /** What it changes, in words. */
  title: string;
  /** proposed (announced by a government) or scenario (a user's assumption). */
  status: 'proposed' | 'scenario';
  /** Where it comes from: the pack, or a file (its path). */
  origin: string;
  /** Changes by measure, each from a date. */
  changes: ReadonlyMap<string, ReadonlyArray<{ from: string; change: MeasureChange }>>;
}

/** A change laid over a measure in force: the scenario it comes from, its status and title, its date and the fields it changes. */
export interface AppliedChange {
  /** The scenario's name. */
  scenario: string;
  /** proposed or scenario: every output using the measure labels it so. */
  status: 'proposed' | 'scenario';
  /** The change's title. */
  title: string;
  /** The date it applies from (YYYY-MM-DD). */
  from: string;
  /** The fields of the measure it changes (rate, minimumDeduction). */
  fields: string[];
}

/** A tariff measure on a date: the in-force measure, with the changes of the active scenarios applied and named. */
export interface MeasureInForce {
  /** The measure's rule id. */
  id: TariffMeasureId;
  /** Effective date of the in-force measure used as the base. */
  effectiveFrom: string;
  /** Its citation (instrument and provision). */
  citation: string;
  /** The measure with the active changes applied. */
  measure: Measure;
  /** in-force when no change applies; otherwise the status of the changes applied (scenario wins over proposed). */
  status: MeasureStatus;
  /** The changes applied, in date order; empty when the measure is used as in force. */
  changes: AppliedChange[];
}

/** The measure `id` on `date`, or undefined if no in-force value is dated on or before it. */
export function measureAt(
  pack: RulePack,
  id: TariffMeasureId,
  date: string,
  scenario?: Scenario,
): MeasureInForce | undefined {
  const p = pack.parameters.get(id);
  if (!p) throw new Error(`internal: the tariff pack has no measure ${id}`);
  let base: { from: string; value: Measure; provision?: string | undefined } | undefined;
  for (const e of p.entries) {
    if (e.from > date) break;
    const v = e.value as Measure | MeasureChange | null;
    if (v !== null && v.status === 'in-force') base = { from: e.from, value: v, provision: e.provision };
  }
  if (!base) return undefined;
  let measure: Measure = base.value;
  const changes: AppliedChange[] = [];
  for (const { from, change } of scenario?.changes.get(id) ?? []) {
    if (from > date) continue;
    const fields: string[] = [];
    if (change.rate) {
      measure = { ...measure, rate: change.rate };
      fields.push('rate');
    }
    if (change.minimumDeduction) {
      measure = { ...measure, preference: { ...measure.preference, minimumDeduction: change.minimumDeduction } };
      fields.push('minimumDeduction');
    }
    changes.push({ scenario: change.scenario, status: change.status, title: change.title, from, fields });
  }
  const status: MeasureStatus =
    changes.length === 0 ? 'in-force' : changes.some((c) => c.status === 'scenario') ? 'scenario' : 'proposed';
  return {
    id,
    effectiveFrom: base.from,
    citation: pack.citation(id, base.provision),
    measure,
    status,
    changes,
  };
}

/** The scenarios named in the pack's proposed and scenario values: name -> its status and title. */
export function packScenarios(pack: RulePack): Map<string, { status: 'proposed' | 'scenario'; title: string }> {
  const out = new Map<string, { status: 'proposed' | 'scenario'; title: string }>();
  for (const id of TARIFF_MEASURE_IDS) {
    for (const e of pack.parameters.get(id)?.entries ?? []) {
      const c = measureChangeSchema.safeParse(e.value);
      if (c.success && !out.has(c.data.scenario))
        out.set(c.data.scenario, { status: c.data.status, title: c.data.title });
    }
  }
  return out;
}

/** The scenario `name` as the pack defines it, or undefined if no value of the pack carries that name. */
export function scenarioFromPack(pack: RulePack, name: string): Scenario | undefined {
  const changes = new Map<string, Array<{ from: string; change: MeasureChange }>>();
  let first: MeasureChange | undefined;
  for (const id of TARIFF_MEASURE_IDS) {
    for (const e of pack.parameters.get(id)?.entries ?? []) {
      const c = measureChangeSchema.safeParse(e.value);
      if (!c.success || c.data.scenario !== name) continue;
      first ??= c.data;
      const list = changes.get(id) ?? [];
      list.push({ from: e.from, change: c.data });
      changes.set(id, list);
    }
  }
  if (!first) return undefined;
  return { name, title: first.title, status: first.status, origin: `rule pack ${pack.id} ${pack.version}`, changes };
}
