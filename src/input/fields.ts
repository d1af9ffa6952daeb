/**
 * Field-level schemas shared by the documents. Each reports a problem code (see problems.ts) in its
 * issue params, so a broken value is reported with a precise code rather than a generic type error.
 */
import { z } from 'zod';
import { DECIMAL_PATTERN, MAX_DIGITS, withinDigits } from '../num/decimal.js';
import { hsProblem, hsSubheading } from './hs.js';
import type { ProblemCode } from './problems.js';

function issue(
  ctx: { addIssue: (i: z.core.$ZodRawIssue) => void; value: unknown },
  code: ProblemCode,
  message: string,
) {
  ctx.addIssue({ code: 'custom', message, input: ctx.value, params: { code } });
}

type Sign = 'any' | 'non-negative' | 'positive';
const ZERO_TEXT = /^-?0+(?:\.0+)?$/;

/** The text of a decimal field, or an issue; a YAML number arrives as its written text, a whole JSON number is accepted. */
function decimalText(value: unknown, sign: Sign, addIssue: (i: z.core.$ZodRawIssue) => void): string | typeof z.NEVER {
  let text: string;
  if (typeof value === 'string') {
    if (!DECIMAL_PATTERN.test(value)) {
      issue(
        { addIssue, value },
        'DECIMAL_INVALID',
        `expected a plain decimal such as "3150.00", got "${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`,
      );
      return z.NEVER;
    }
    if (!withinDigits(value)) {
      issue(
        { addIssue, value },
        'DECIMAL_INVALID',
        `a decimal may have at most ${MAX_DIGITS} digits, this one has ${value.replace(/[-.]/g, '').length}`,
      );
      return z.NEVER;
    }
    text = value;
  } else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      issue(
        { addIssue, value },
        'BARE_JSON_NUMBER',
        `the JSON number ${String(value)} cannot be read exactly: write it as a quoted string, e.g. "${String(value)}"`,
      );
      return z.NEVER;
    }
    text = String(value);
  } else {
    if (value === undefined) issue({ addIssue, value }, 'FIELD_REQUIRED', 'required: a decimal such as "3150.00"');
    else issue({ addIssue, value }, 'FIELD_TYPE', `expected a decimal such as "3150.00", got ${describe(value)}`);
    return z.NEVER;
  }
  if (sign !== 'any' && text.charCodeAt(0) === 45 /* - */ && !ZERO_TEXT.test(text)) {
    issue({ addIssue, value: text }, 'AMOUNT_NEGATIVE', `must not be negative, got ${text}`);
    return z.NEVER;
  }
  if (sign === 'positive' && ZERO_TEXT.test(text)) {
    issue({ addIssue, value: text }, 'AMOUNT_NEGATIVE', `must be greater than zero, got ${text}`);
    return z.NEVER;
  }
  return text;
}

const decimalOf = (sign: Sign) => z.unknown().transform((value, ctx): string => decimalText(value, sign, ctx.addIssue));

/** A decimal string; a YAML number arrives here as its written text. Whole JSON numbers are accepted. */
export const decimal = decimalOf('any');
export const nonNegativeDecimal = decimalOf('non-negative');
export const positiveDecimal = decimalOf('positive');

export const currency = z.string().superRefine((v, ctx) => {
  if (!/^[A-Z]{3}$/.test(v))
    issue(
      { addIssue: ctx.addIssue, value: v },
      'CURRENCY_INVALID',
      `expected an ISO 4217 code such as "USD", got "${v}"`,
    );
});

export const country = z.string().superRefine((v, ctx) => {
  if (!/^[A-Z]{2}$/.test(v))
    issue(
      { addIssue: ctx.addIssue, value: v },
      'COUNTRY_INVALID',
      `expected an ISO 3166 alpha-2 code such as "MX", got "${v}"`,
    );
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
  if (!isRealDate(v))
    issue({ addIssue: ctx.addIssue, value: v }, 'DATE_INVALID', `expected a date YYYY-MM-DD, got "${v}"`);
});

/**
 * An HS code: a 6-digit subheading ("8703.23"), or a national tariff number of 8 or 10 digits, or a subheading
 * without its dot; the text is kept as written and read to its subheading when the claim is normalised.
 */
export const hs = z.string().superRefine((v, ctx) => {
  if (hsSubheading(v) === undefined) issue({ addIssue: ctx.addIssue, value: v }, 'HS_INVALID', hsProblem(v));
});

/** The HS code of a steel or aluminum purchase: a subheading, or one marked "ex" as Table S marks some entries. */
export const purchaseHs = z.string().superRefine((v, ctx) => {
  if (purchaseSubheading(v) === undefined)
    issue(
      { addIssue: ctx.addIssue, value: v },
      'HS_INVALID',
      `${hsProblem(v.replace(EX_PREFIX, ''), '7225.99')} (a Table S "ex" entry may be written "ex 8708.99")`,
    );
});

const EX_PREFIX = /^ex\s+/i;

/** The subheading of a purchase's HS code ("ex 8708.99" -> "8708.99"), or undefined. */
export function purchaseSubheading(text: string): string | undefined {
  return hsSubheading(text.replace(EX_PREFIX, ''));
}

/** A money value: a decimal in the document's currency, or `{ amount, currency }` (currency may be left out). */
export const money = z.unknown().transform((v, ctx): MoneyInput => {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const problems: z.core.$ZodRawIssue[] = [];
    const at = (path: string) => (i: z.core.$ZodRawIssue) => problems.push({ ...i, path: [path] });
    for (const k of Object.keys(o)) {
      if (k !== 'amount' && k !== 'currency')
        problems.push({
          code: 'unrecognized_keys',
          keys: [k],
          input: o,
          message: `Unrecognized key: "${k}"`,
        } as z.core.$ZodRawIssue);
    }
    const amount = decimalText(o.amount, 'non-negative', at('amount'));
    let cur: string | undefined;
    if (o.currency !== undefined) {
      if (typeof o.currency === 'string' && /^[A-Z]{3}$/.test(o.currency)) cur = o.currency;
      else
        at('currency')({
          code: 'custom',
          message: `expected an ISO 4217 code such as "USD", got ${describe(o.currency)}`,
          input: o.currency,
          params: { code: 'CURRENCY_INVALID' },
        });
    }
    if (problems.length > 0) {
      for (const p of problems) ctx.addIssue(p);
      return z.NEVER;
    }
    return cur === undefined ? { amount: amount as string } : { amount: amount as string, currency: cur };
  }
  const amount = decimalText(v, 'non-negative', ctx.addIssue);
  return amount === z.NEVER ? z.NEVER : { amount: amount as string };
});
export type MoneyInput = { amount: string; currency?: string | undefined };

/**
 * A money field whose bare form is a decimal: either form is accepted, and the value is kept as written where
 * that says no more than the bare form (a bare decimal, or `{ amount }` without a currency, come out as the
 * decimal string; `{ amount, currency }` as that object), so claims written before the object form was allowed
 * keep their canonical form.
 */
export const amount = z.unknown().transform((v, ctx): AmountInput => {
  const m = money.safeParse(v);
  if (!m.success) {
    for (const i of m.error.issues) ctx.addIssue({ ...(i as unknown as z.core.$ZodRawIssue), path: [...i.path] });
    return z.NEVER;
  }
  return m.data.currency === undefined ? m.data.amount : { amount: m.data.amount, currency: m.data.currency };
});
/** A money field as validated: the decimal in the default currency, or an amount with its currency. */
export type AmountInput = string | { amount: string; currency: string };

/** An amount as `{ amount, currency? }`, whichever form was written. */
export function amountOf(v: AmountInput): MoneyInput {
  return typeof v === 'string' ? { amount: v } : v;
}

/** An id: not empty, not blank (`" "` would print as nothing and could never be told from another blank id). */
export const identifier = z
  .string()
  .min(1, 'must not be empty')
  .superRefine((v, ctx) => {
    if (v.length > 0 && v.trim() === '')
      issue({ addIssue: ctx.addIssue, value: v }, 'FIELD_REQUIRED', 'must not be blank: give the id some visible text');
  });

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * z.object with its keys in sorted (UTF-16) order: zod writes its output in shape order, so every validated
 * document comes out with sorted keys, and its canonical JSON is a plain JSON.stringify (see canonical/json.ts).
 */
export function obj<T extends z.ZodRawShape>(shape: T): z.ZodObject<T, z.core.$strip> {
  const sorted = Object.fromEntries(Object.entries(shape).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return z.object(sorted as T);
}

/** A true/false field. */
export const flag = z.boolean();
/** A period `{ start, end }` of dates (the order of the two is checked when the claim is normalised). */
export const period = obj({ start: date, end: date }).strict();
