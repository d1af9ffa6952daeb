/**
 * Trace nodes: every number in a decision can be expanded into the numbers and the article that
 * produced it. Values are exact decimal strings; a rounded display value says how it was rounded.
 */
export interface RuleRef {
  id: string;
  effectiveFrom: string;
}

export interface TraceNode {
  /** Stable, dotted: e.g. `rvc.netCost`. */
  id: string;
  description: string;
  value: string;
  unit: 'money' | 'percent' | 'points' | 'count' | 'text' | 'ratio' | 'hours' | 'money-per-hour';
  currency?: string;
  formula?: string;
  inputs?: Record<string, string>;
  rule?: RuleRef;
  citation?: string;
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
