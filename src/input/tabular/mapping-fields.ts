/**
 * The checks of a column mapping that look across its parts: every field it names (in `columns`, `values`,
 * `defaults`) is a field of its kind of table, the id and the hierarchy are mapped, every required field has a
 * column or a default, values and defaults have the field's type, and the two number separators differ.
 *
 * They run even when the mapping's shape has other problems (a bad decimal separator, an empty header), so that a
 * file's problems all come at once; each check reads only the parts that are well formed and leaves the others to
 * the shape's own messages.
 */
import { DECIMAL_PATTERN } from '../../num/decimal.js';
import { fieldNames, fieldSpec, REQUIRED_FIELDS, type FieldSpec, type TableKind } from './fields.js';

/** Reports one problem of the mapping at `path` (relative to the mapping), with its message. */
export type AddMappingProblem = (path: (string | number)[], message: string) => void;

const KINDS: readonly string[] = ['materials', 'purchases'] satisfies TableKind[];
/** The decimal separators a mapping's `numbers.decimalSeparator` may name. */
export const DECIMAL_SEPARATORS = ['.', ','] as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Every cross-part problem of `mapping` (the mapping as parsed so far: any value, checked defensively), passed to
 * `add`. Nothing is reported when the mapping is not an object or its `kind` is not materials or purchases: the
 * fields depend on the kind, and the shape's own problems say what is wrong.
 */
export function checkMappingFields(mapping: unknown, add: AddMappingProblem): void {
  if (!isRecord(mapping)) return;
  const numbers = isRecord(mapping.numbers) ? mapping.numbers : {};
  const decimal = numbers.decimalSeparator;
  if ((DECIMAL_SEPARATORS as readonly unknown[]).includes(decimal) && numbers.thousandsSeparator === decimal)
    add(
      ['numbers', 'thousandsSeparator'],
      `the thousands separator cannot also be the decimal separator ("${String(decimal)}")`,
    );
  const kind = mapping.kind;
  if (typeof kind !== 'string' || !KINDS.includes(kind)) return;
  const k = kind as TableKind;
  const known = fieldNames(k);
  const unknown = (field: string) => `"${field}" is not a ${k} field; the fields are: ${known}`;
  const columns = isRecord(mapping.columns) ? mapping.columns : undefined;
  const defaults = isRecord(mapping.defaults) ? mapping.defaults : undefined;

  if (columns) {
    for (const field of Object.keys(columns)) if (!fieldSpec(k, field)) add(['columns', field], unknown(field));
    if (columns.id === undefined) add(['columns'], 'map the id column (columns.id)');
    if (k === 'materials') {
      const hasParent = columns.parentId !== undefined;
      const hasLevel = columns.level !== undefined;
      if (hasParent === hasLevel)
        add(
          ['columns'],
          hasParent
            ? 'map either a parentId column or a level column, not both'
            : 'map the hierarchy: a parentId column (empty = top level) or a level column (1 = top level)',
        );
    }
    // Without a readable defaults block, a field missing a column may still have a default: say nothing.
    if (defaults || mapping.defaults === undefined)
      for (const field of REQUIRED_FIELDS[k])
        if (columns[field] === undefined && defaults?.[field] === undefined)
          add(['columns'], `map a column for ${field}, or give defaults.${field}`);
  }
  if (isRecord(mapping.values)) {
    for (const [field, map] of Object.entries(mapping.values)) {
      const spec = fieldSpec(k, field);
      if (!spec) {
        add(['values', field], unknown(field));
        continue;
      }
      if (!isRecord(map)) continue;
      for (const [text, value] of Object.entries(map)) {
        const why = checkValue(spec, field, value);
        if (why) add(['values', field, text], why);
      }
    }
  }
  if (defaults) {
    for (const [field, value] of Object.entries(defaults)) {
      const spec = fieldSpec(k, field);
      if (!spec) add(['defaults', field], unknown(field));
      else if (spec.structural || field === 'id') add(['defaults', field], `${field} cannot have a default`);
      else {
        const why = checkValue(spec, field, value);
        if (why) add(['defaults', field], why);
      }
    }
  }
}

/** Why `value` does not fit the field `spec` describes, or undefined; a value of no scalar type is the shape's problem. */
function checkValue(spec: FieldSpec, field: string, value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'boolean') return undefined;
  if (spec.type === 'boolean')
    return typeof value === 'boolean' ? undefined : `${field} is true or false, got ${JSON.stringify(value)}`;
  if (typeof value !== 'string') return `${field} is text, got ${String(value)}`;
  if (spec.type === 'decimal' && !DECIMAL_PATTERN.test(value))
    return `${field} is a plain decimal such as "1" or "3150.00", got "${value}"`;
  if (spec.type === 'level' && !/^[1-9][0-9]*$/.test(value))
    return `a level is a whole number, 1 for the top level, got "${value}"`;
  if (spec.allowed && !spec.allowed.includes(value)) {
    return `${field} is one of ${spec.allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(value)}`;
  }
  return undefined;
}
