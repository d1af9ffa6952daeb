/**
 * Numbers in tables. Text cells (every CSV cell, XLSX text cells) are read with exactly the separators the
 * mapping declares and nothing else: with the default (decimal ".", no thousands separator) "1,234.50" is
 * an error, never 1234.50. Numeric XLSX cells are not text: see `spreadsheetNumberText`.
 */
import { DECIMAL_PATTERN } from '../../num/decimal.js';

export interface NumberFormat {
  decimalSeparator: '.' | ',';
  thousandsSeparator: '' | ',' | '.' | ' ';
}

/** A reader for one number format: the decimal string ("1234.50"), or undefined when the text is not one. */
export type DecimalReader = (text: string) => string | undefined;

function escape(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Build the reader once per mapping (one regular expression, compiled here, never per row). */
export function decimalReader(format: NumberFormat): DecimalReader {
  const { decimalSeparator: d, thousandsSeparator: t } = format;
  if (d === '.' && t === '') return (text) => (DECIMAL_PATTERN.test(text) ? text : undefined);
  // A declared space also accepts the no-break spaces spreadsheets write between digit groups.
  const group = t === '' ? undefined : t === ' ' ? '[ \\u00a0\\u202f]' : escape(t);
  const integer = group === undefined ? '[0-9]+' : `[0-9]{1,3}(?:${group}[0-9]{3})+|[0-9]+`;
  const pattern = new RegExp(`^(-?)(${integer})(?:${escape(d)}([0-9]+))?$`);
  const strip = group === undefined ? undefined : new RegExp(group, 'g');
  return (text) => {
    const m = pattern.exec(text);
    if (!m) return undefined;
    const whole = strip ? (m[2] ?? '').replace(strip, '') : (m[2] ?? '');
    return `${m[1] ?? ''}${whole}${m[3] === undefined ? '' : `.${m[3]}`}`;
  };
}

/** Why a text is not a number in the declared format, with the likely fix. */
export function decimalProblem(text: string, format: NumberFormat): string {
  const { decimalSeparator: d, thousandsSeparator: t } = format;
  const declared = `decimal separator "${d}", ${t === '' ? 'no thousands separator' : `thousands separator "${t === ' ' ? 'space' : t}"`}`;
  const example = d === '.' ? (t === '' ? '1234.50' : `1${t}234.50`) : t === '' ? '1234,50' : `1${t}234,50`;
  let hint = '';
  const other = d === '.' ? ',' : '.';
  if (/[0-9]/.test(text)) {
    if (t === '' && /[0-9][,. '\u00a0\u202f][0-9]{3}(?:[^0-9]|$)/.test(text) && !/[a-zA-Z]/.test(text)) {
      hint = '; if the file separates thousands, declare it in the mapping (numbers.thousandsSeparator)';
    } else if (text.includes(other) && !text.includes(d)) {
      hint = `; if "${other}" is the file's decimal separator, declare it in the mapping (numbers.decimalSeparator)`;
    }
  }
  return `expected a number written like "${example}" (${declared}, as the mapping declares), got "${text}"${hint}`;
}

/**
 * The text of a numeric spreadsheet cell. XLSX stores numbers as binary doubles, and exceljs hands them
 * over as JavaScript numbers; the digits written in the file are not kept. We take the number as Excel
 * itself shows it at full precision (formula bar, "General" format): rounded to 15 significant digits,
 * trailing zeros dropped, never in exponent notation. For every number typed into a spreadsheet (15
 * significant digits or fewer) that is exactly what was typed, since 15 digits always survive the trip
 * through a double; for a formula's binary artefact (0.1+0.2 = 0.30000000000000004) it is what Excel
 * shows (0.3). Whole numbers up to 2^53 are exact and are written in full. The cell's display format is
 * deliberately not applied: it rounds (12.3456 shown as "12.35"), and an amount must not change because
 * of how a column is formatted.
 */
export function spreadsheetNumberText(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  if (Object.is(n, -0)) return '0';
  if (Number.isSafeInteger(n)) return String(n);
  return plainDecimal(n.toPrecision(15));
}

/** "1.50000000000000e-7" -> "0.00000015"; "3465.00000000000" -> "3465" (string work only). */
export function plainDecimal(written: string): string {
  const m = /^(-?)([0-9]+)(?:\.([0-9]*))?(?:e([+-]?[0-9]+))?$/i.exec(written);
  if (!m) throw new TypeError(`internal: not a number text: ${written}`);
  const sign = m[1] ?? '';
  const intDigits = m[2] ?? '';
  const frac = m[3] ?? '';
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  let digits = intDigits + frac;
  let point = intDigits.length + exp; // position of the decimal point within `digits`
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits += '0'.repeat(point - digits.length);
  }
  let whole = digits.slice(0, point).replace(/^0+(?=[0-9])/, '');
  const fraction = digits.slice(point).replace(/0+$/, '');
  if (whole === '') whole = '0';
  const out = fraction === '' ? whole : `${whole}.${fraction}`;
  return /^0(?:\.0*)?$/.test(out) ? '0' : `${sign}${out}`;
}
