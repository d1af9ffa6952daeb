/**
 * A loaded rule pack: every legal value the engine uses, dated, with its citation. `at(id, date)` returns
 * the value in force on a date: the latest effective date on or before it. A date before the first value,
 * a date from which the parameter is repealed (null), or two values for one date are errors.
 */
import type { ParameterId, ParameterValue } from './catalog.js';
import type { Manifest, RuleNote } from './pack-schema.js';

export interface DatedEntry {
  from: string;
  value: unknown;
  provision?: string | undefined;
  note?: string | undefined;
}

export interface Parameter {
  id: string;
  title: string;
  unit: string;
  file: string;
  instrument: string;
  provision: string;
  treaty?: string | undefined;
  confidence: 'confirmed' | 'excerpt' | 'unconfirmed';
  notes: RuleNote[];
  /** Sorted by `from`, ascending. A null value means "not in force from this date". */
  entries: DatedEntry[];
}

export interface InForce<T> {
  ruleId: string;
  effectiveFrom: string;
  value: T;
  provision: string;
  citation: string;
  notes: RuleNote[];
}

export class RuleLookupError extends Error {
  constructor(
    readonly code: 'RULE_NOT_IN_FORCE' | 'RULE_VALUE_CONFLICT' | 'RULE_UNKNOWN',
    readonly ruleId: string,
    readonly date: string,
    message: string,
  ) {
    super(message);
  }
}

export class RulePack {
  constructor(
    readonly manifest: Manifest,
    readonly parameters: ReadonlyMap<string, Parameter>,
    readonly sha256: string,
    readonly directory: string,
    /** The canonical content the sha256 covers (manifest and parameters as parsed). */
    readonly content: { manifest: unknown; parameters: unknown[] },
  ) {}

  get id(): string {
    return this.manifest.id;
  }

  get version(): string {
    return this.manifest.version;
  }

  /** The value of `id` in force on `date` (YYYY-MM-DD). */
  at<K extends ParameterId>(id: K, date: string): InForce<ParameterValue<K>> {
    const found = this.lookup(id, date);
    if (found === undefined) {
      const p = this.parameters.get(id);
      const first = p?.entries[0]?.from;
      throw new RuleLookupError(
        'RULE_NOT_IN_FORCE',
        id,
        date,
        first !== undefined && date < first
          ? `rule ${id} has no value before ${first}; the date ${date} is earlier`
          : `rule ${id} is not in force on ${date}`,
      );
    }
    return found as InForce<ParameterValue<K>>;
  }

  /** Like `at`, but undefined where the parameter is not in force (before its first date, or repealed). */
  optional<K extends ParameterId>(id: K, date: string): InForce<ParameterValue<K>> | undefined {
    return this.lookup(id, date) as InForce<ParameterValue<K>> | undefined;
  }

  /** The citation text of a parameter (its provision in its instrument, and the treaty article). */
  citation(id: string, provision?: string): string {
    const p = this.parameters.get(id);
    if (!p) throw new RuleLookupError('RULE_UNKNOWN', id, '', `unknown rule ${id}`);
    return this.citeParameter(p, provision ?? p.provision);
  }

  /** A citation to a provision that has no parameter of its own (e.g. a formula), in a declared instrument. */
  cite(instrument: string, provision: string, treaty?: string): string {
    const base = `${this.manifest.instruments[instrument]?.citeAs ?? instrument} ${provision}`;
    return treaty ? `${base}; ${treaty}` : base;
  }

  private citeParameter(p: Parameter, provision: string): string {
    return this.cite(p.instrument, provision, p.treaty);
  }

  private lookup(id: string, date: string): InForce<unknown> | undefined {
    const p = this.parameters.get(id);
    if (!p) throw new RuleLookupError('RULE_UNKNOWN', id, date, `unknown rule ${id}`);
    let chosen: DatedEntry | undefined;
    for (const entry of p.entries) {
      if (entry.from > date) break;
      if (chosen !== undefined && chosen.from === entry.from) {
        throw new RuleLookupError('RULE_VALUE_CONFLICT', id, date, `rule ${id} has two values for ${entry.from}`);
      }
      chosen = entry;
    }
    if (chosen === undefined || chosen.value === null) return undefined;
    const provision = chosen.provision ?? p.provision;
    return {
      ruleId: id,
      effectiveFrom: chosen.from,
      value: chosen.value,
      provision,
      citation: this.citeParameter(p, provision),
      notes: p.notes,
    };
  }
}
