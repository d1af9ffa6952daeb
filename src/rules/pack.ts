/**
 * A loaded rule pack: every legal value the engine uses, dated, with its citation. `at(id, date)` returns
 * the value in force on a date: the latest effective date on or before it. A date before the first value,
 * a date from which the parameter is repealed (null), or two values for one date are errors.
 */
import type { ParameterId, ParameterValue } from './catalog.js';
import type { Manifest, RuleNote } from './pack-schema.js';

/** One dated value of a parameter. */
export interface DatedEntry {
  /** Effective date (YYYY-MM-DD): the value applies from this date until the next entry's. */
  from: string;
  /** The value (decimal strings, tables, conditions); null: not in force from this date. */
  value: unknown;
  /** The provision of this value, where it differs from the parameter's. */
  provision?: string | undefined;
  /** A note on this value (its source, a doubt). */
  note?: string | undefined;
}

/** One legal parameter or table of the pack, as read from its YAML file. */
export interface Parameter {
  /** Dotted, stable id: `usmca.auto.rvc.passenger_vehicle`. */
  id: string;
  /** What the parameter is, in words. */
  title: string;
  /** Unit of its values (`percent`, `USD per hour`, `table`, ...). */
  unit: string;
  /** The YAML file it was read from, relative to the pack's folder. */
  file: string;
  /** Key of the instrument in pack.yaml (`UR`, `USMCA`, ...). */
  instrument: string;
  /** The article, section or paragraph, e.g. `s. 13`. */
  provision: string;
  /** The treaty article it implements, where cited. */
  treaty?: string | undefined;
  /** Whether its values were read in the primary text (`confirmed`), an excerpt, or are unconfirmed. */
  confidence: 'confirmed' | 'excerpt' | 'unconfirmed';
  /** Notes on readings, sources and doubts. */
  notes: RuleNote[];
  /** Sorted by `from`, ascending. A null value means "not in force from this date". */
  entries: DatedEntry[];
}

/** A parameter's value in force on a date, with what a decision cites for it. */
export interface InForce<T> {
  /** The parameter's dotted id. */
  ruleId: string;
  /** The date the value took effect (YYYY-MM-DD). */
  effectiveFrom: string;
  /** The value (decimal strings, never JS numbers). */
  value: T;
  /** Its provision. */
  provision: string;
  /** Its citation text: instrument, provision and treaty article. */
  citation: string;
  /** The parameter's notes. */
  notes: RuleNote[];
}

/**
 * Thrown by RulePack.at when no single value of a parameter is in force on a date: `RULE_NOT_IN_FORCE` (a date
 * before its first value, or after its repeal), `RULE_VALUE_CONFLICT` (two values for one date), `RULE_UNKNOWN`
 * (no such parameter). `evaluate` turns RULE_NOT_IN_FORCE into the input problem of that name at `decisionDate`.
 */
export class RuleLookupError extends Error {
  constructor(
    /** Why no value was found. */
    readonly code: 'RULE_NOT_IN_FORCE' | 'RULE_VALUE_CONFLICT' | 'RULE_UNKNOWN',
    /** The parameter looked up (dotted id, e.g. `usmca.auto.rvc.passenger_vehicle`). */
    readonly ruleId: string,
    /** The date it was looked up on (YYYY-MM-DD; empty for RULE_UNKNOWN from `citation`). */
    readonly date: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A loaded rule pack (from loadRulePack): every legal parameter with its dated values and citation. `at` gives
 * the value in force on a date; `citation` and `cite` give the text a decision cites. Immutable once loaded.
 */
export class RulePack {
  constructor(
    /** pack.yaml: the pack's id, version, instruments (how each is cited) and release data. */
    readonly manifest: Manifest,
    /** Every parameter by its dotted id (`usmca.auto.rvc.passenger_vehicle`), values sorted by date. */
    readonly parameters: ReadonlyMap<string, Parameter>,
    /** SHA-256 (hex) of the pack's canonical content: what a decision record names the rules by. */
    readonly sha256: string,
    /** The folder the pack was read from (absolute path). */
    readonly directory: string,
    /** The canonical content the sha256 covers (manifest and parameters as parsed). */
    readonly content: { manifest: unknown; parameters: unknown[] },
  ) {}

  /** The pack's id (`usmca-auto`). */
  get id(): string {
    return this.manifest.id;
  }

  /** The pack's version (from pack.yaml). */
  get version(): string {
    return this.manifest.version;
  }

  /**
   * The value of `id` in force on `date` (YYYY-MM-DD): the latest effective date on or before it, with its
   * provision and citation. Throws RuleLookupError (RULE_NOT_IN_FORCE, RULE_VALUE_CONFLICT, RULE_UNKNOWN).
   */
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
