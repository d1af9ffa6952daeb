/**
 * Trace nodes: every number in a decision can be expanded into the numbers and the article that
 * produced it. Values are exact decimal strings; a rounded display value says how it was rounded.
 */
/** The rule a number was read from or compared with: its dotted id and the date its value took effect. */
export interface RuleRef {
  /** The rule's dotted id in the pack, e.g. `usmca.auto.rvc.passenger_vehicle`. */
  id: string;
  /** The date (YYYY-MM-DD) the value used took effect. */
  effectiveFrom: string;
}

/**
 * One computed number of a decision, with what produced it: its formula and inputs (other nodes' ids or figures),
 * the rule and article it applies, and how a displayed value was rounded. Listed in a requirement's `trace`, sorted
 * by id.
 */
export interface TraceNode {
  /** Stable, dotted: e.g. `rvc.netCost`. */
  id: string;
  /** What the number is, in the Agreement's terms ("net cost of the good", "VNM"). */
  description: string;
  /** The exact value as a decimal string (toFixed, never exponent notation); text for unit `text`. */
  value: string;
  /** Its unit: an amount of money (with `currency`), a percentage, percentage points, a count, hours... */
  unit: 'money' | 'percent' | 'points' | 'count' | 'text' | 'ratio' | 'hours' | 'money-per-hour';
  /** ISO 4217 code, for money and money-per-hour. */
  currency?: string;
  /** How it was computed, in words and symbols ("(NC - VNM) / NC x 100"). */
  formula?: string;
  /** The formula's inputs: name -> value (decimal strings) or the id of the node holding it. */
  inputs?: Record<string, string>;
  /** The rule whose value it uses, where it uses one. */
  rule?: RuleRef;
  /** The article it implements (instrument, section, treaty article). */
  citation?: string;
  /** How a displayed value was rounded: the places and the mode named (e.g. toward the failing side). */
  rounding?: string;
}

export class Trace {
  private readonly nodes: TraceNode[] = [];

  add(node: TraceNode): TraceNode {
    this.nodes.push(node);
    return node;
  }

  list(): TraceNode[] {
    return [...this.nodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

/** A short list for messages: the first few items, then "...". */
export function listSome(items: readonly string[], max = 5): string {
  return `${items.slice(0, max).join(', ')}${items.length > max ? ', ...' : ''}`;
}
