/**
 * Integer programs in CPLEX LP text, for HiGHS: linear expressions with exact decimal coefficients, written as
 * floating point row by row, each row scaled to its largest coefficient; rows switched off by binaries (big-M just
 * large enough for the row's lowest value).
 */
import { Dec, ONE, ZERO } from '../num/decimal.js';

/** A linear expression: constant + sum of coefficient x variable. */
export class Expr {
  constant: Dec = ZERO;
  readonly terms = new Map<string, Dec>();

  add(variable: string, coefficient: Dec): this {
    if (coefficient.isZero()) return this;
    this.terms.set(variable, (this.terms.get(variable) ?? ZERO).plus(coefficient));
    return this;
  }

  plus(c: Dec): this {
    this.constant = this.constant.plus(c);
    return this;
  }

  addExpr(e: Expr, factor: Dec = ONE): this {
    this.constant = this.constant.plus(e.constant.times(factor));
    for (const [v, c] of e.terms) this.add(v, c.times(factor));
    return this;
  }
}

export function num(d: Dec): string {
  return fmt(d.toNumber());
}

function fmt(n: number): string {
  const s = Number.isInteger(n) && Math.abs(n) < 1e15 ? String(n) : n.toPrecision(15);
  return s.includes('e') ? n.toExponential(14) : s;
}

export class Lp {
  private readonly rows: string[] = [];
  readonly binaries = new Set<string>();
  private count = 0;

  /** expr >= 0, active unless relaxed: `relaxWhenZero` vars at 0 or `relaxWhenOne` vars at 1 switch it off. */
  atLeastZero(expr: Expr, relaxWhenZero: string[] = [], relaxWhenOne: string[] = []): void {
    // Scaled in floating point: the solver only chooses; the plan is proven by evaluation.
    const raw = [...expr.terms].map(([v, c]) => [v, c.toNumber()] as const).filter(([, c]) => c !== 0);
    let scale = Math.abs(expr.constant.toNumber());
    for (const [, c] of raw) scale = Math.max(scale, Math.abs(c));
    if (scale === 0) return;
    const terms = raw.map(([v, c]) => [v, c / scale] as const);
    const constant = expr.constant.toNumber() / scale;
    if (relaxWhenZero.length + relaxWhenOne.length === 0) {
      this.numericRow(terms, '>=', -constant);
      return;
    }
    // Lowest the expression can be: big-M just enough to switch the row off.
    let lowest = constant;
    for (const [, c] of terms) if (c < 0) lowest += c;
    const M = (lowest < 0 ? -lowest : 0) + 0.001;
    // expr + M (1 - z) + M y >= 0  ->  expr - M z + M y >= -M   (for each z in relaxWhenZero, y in relaxWhenOne)
    const all: Array<readonly [string, number]> = [...terms];
    for (const z of relaxWhenZero) all.push([z, -M]);
    for (const y of relaxWhenOne) all.push([y, M]);
    this.numericRow(all, '>=', -constant - M * relaxWhenZero.length);
  }

  numericRow(terms: ReadonlyArray<readonly [string, number]>, sense: '>=' | '<=' | '=', rhs: number): void {
    const body = terms
      .filter(([, c]) => c !== 0)
      .map(([v, c], i) => `${c < 0 ? '-' : i === 0 ? '' : '+'} ${fmt(Math.abs(c))} ${v}`)
      .join(' ');
    this.rows.push(` r${this.count++}: ${body === '' ? '0 one' : body} ${sense} ${fmt(rhs)}`);
  }

  row(terms: ReadonlyArray<readonly [string, Dec]>, sense: '>=' | '<=' | '=', rhs: Dec): void {
    const body = terms
      .filter(([, c]) => !c.isZero())
      .map(([v, c], i) => `${c.isNegative() ? '-' : i === 0 ? '' : '+'} ${num(c.abs())} ${v}`)
      .join(' ');
    if (body === '') {
      // A constant row: true or false whatever the plan.
      const ok =
        sense === '>=' ? rhs.lessThanOrEqualTo(0) : sense === '<=' ? rhs.greaterThanOrEqualTo(0) : rhs.isZero();
      this.rows.push(` r${this.count++}: 0 one ${sense} ${ok ? 0 : 1}`);
      return;
    }
    this.rows.push(` r${this.count++}: ${body} ${sense} ${num(rhs)}`);
  }

  text(objective: ReadonlyArray<readonly [string, number]>): string {
    const obj = objective
      .filter(([, c]) => c !== 0)
      .map(([v, c], i) => `${c < 0 ? '-' : i === 0 ? '' : '+'} ${Math.abs(c).toPrecision(15)} ${v}`)
      .join(' ');
    return [
      'Minimize',
      ` obj: ${obj === '' ? '0 one' : obj}`,
      'Subject To',
      ' fix_one: one = 1',
      ...this.rows,
      'Bounds',
      ' one = 1',
      'Binaries',
      ...[...this.binaries].map((b) => ` ${b}`),
      'End',
      '',
    ].join('\n');
  }
}
