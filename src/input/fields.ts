/**
 * Field-level schemas shared by the documents. Each reports a problem code (see problems.ts) in its
 * issue params, so a broken value is reported with a precise code rather than a generic type error.
 */
import { z } from 'zod';
import { DECIMAL_PATTERN } from '../num/decimal.js';
import type { ProblemCode } from './problems.js';

function issue(ctx: { addIssue: (i: z.core.$ZodRawIssue) => void; value: unknown }, code: ProblemCode, message: string) {
  ctx.addIssue({ code: 'custom', message, input: ctx.value, params: { code } });
}

/** A decimal string; a YAML number arrives here as its written text. Whole JSON numbers are accepted. */
export const decimal = z.unknown().transform((value, ctx): string => {
  if (typeof value === 'string') {
    if (DECIMAL_PATTERN.test(value)) return value;
    issue({ addIssue: ctx.addIssue, value }, 'DECIMAL_INVALID', `expected a plain decimal such as "3150.00", got "${value}"`);
    return z.NEVER;
  }
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return String(value);
    issue(
      { addIssue: ctx.addIssue, value },
      'BARE_JSON_NUMBER',
      `the JSON number ${String(value)} cannot be read exactly: write it as a quoted string, e.g. "${String(value)}"`,
    );
    return z.NEVER;
  }
  if (value === undefined) {
    issue({ addIssue: ctx.addIssue, value }, 'FIELD_REQUIRED', 'required: a decimal such as "3150.00"');
    return z.NEVER;
  }
  issue({ addIssue: ctx.addIssue, value }, 'FIELD_TYPE', `expected a decimal such as "3150.00", got ${describe(value)}`);
  return z.NEVER;
});

export const nonNegativeDecimal = decimal.superRefine((v, ctx) => {
  if (v.startsWith('-')) issue({ addIssue: ctx.addIssue, value: v }, 'AMOUNT_NEGATIVE', `must not be negative, got ${v}`);
});

export const positiveDecimal = decimal.superRefine((v, ctx) => {
  if (v.startsWith('-') || /^0+(?:\.0+)?$/.test(v)) {
    issue({ addIssue: ctx.addIssue, value: v }, 'AMOUNT_NEGATIVE', `must be greater than zero, got ${v}`);
  }
});

export const currency = z.string().superRefine((v, ctx) => {
  if (!/^[A-Z]{3}$/.test(v)) issue({ addIssue: ctx.addIssue, value: v }, 'CURRENCY_INVALID', `expected an ISO 4217 code such as "USD", got "${v}"`);
});

export const country = z.string().superRefine((v, ctx) => {
  if (!/^[A-Z]{2}$/.test(v)) issue({ addIssue: ctx.addIssue, value: v }, 'COUNTRY_INVALID', `expected an ISO 3166 alpha-2 code such as "MX", got "${v}"`);
});

export function isRealDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return d <= days;
}

export const date = z.string().superRefine((v, ctx) => {
  if (!isRealDate(v)) issue({ addIssue: ctx.addIssue, value: v }, 'DATE_INVALID', `expected a date YYYY-MM-DD, got "${v}"`);
});

export const hs = z.string().superRefine((v, ctx) => {
  if (!/^\d{4}\.\d{2}$/.test(v)) issue({ addIssue: ctx.addIssue, value: v }, 'HS_INVALID', `expected a 6-digit subheading written like "8703.23", got "${v}"`);
});

/** A money value: a decimal in the document's currency, or `{ amount, currency }` (currency may be left out). */
const moneyObject = z.object({ amount: nonNegativeDecimal, currency: currency.optional() }).strict();
export const money = z.unknown().transform((v, ctx): MoneyInput => {
  const isObject = typeof v === 'object' && v !== null && !Array.isArray(v);
  const parsed = isObject ? moneyObject.safeParse(v) : nonNegativeDecimal.safeParse(v);
  if (parsed.success) return typeof parsed.data === 'string' ? { amount: parsed.data } : parsed.data;
  for (const i of parsed.error.issues) ctx.addIssue({ ...(i as unknown as z.core.$ZodRawIssue), path: [...i.path] });
  return z.NEVER;
});
export type MoneyInput = { amount: string; currency?: string | undefined };

export const identifier = z.string().min(1, 'must not be empty');

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}
