/**
 * The field names a schema accepts at a path, for "did you mean" on an unknown field (messages only). A schema
 * that checks through a transform (the fast BOM-line check) is walked as the reference schema it stands for,
 * registered with `walkableAs`.
 */
import type { z } from 'zod';

type Def = { type: string; [k: string]: unknown };
const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

const REFERENCE = new WeakMap<z.ZodType, () => z.ZodType>();

/** Declares that `opaque` accepts what `reference` accepts, so that its fields can be named. */
export function walkableAs(opaque: z.ZodType, reference: () => z.ZodType): void {
  REFERENCE.set(opaque, reference);
}

/** The schema under wrappers (optional, default, lazy, a registered transform); at most a few steps. */
function resolve(schema: z.ZodType): z.ZodType {
  let cur = schema;
  for (let guard = 0; guard < 16; guard++) {
    const ref = REFERENCE.get(cur);
    if (ref) {
      cur = ref();
      continue;
    }
    const d = def(cur);
    if (d.type === 'optional' || d.type === 'nullable' || d.type === 'default' || d.type === 'readonly')
      cur = d.innerType as z.ZodType;
    else if (d.type === 'lazy') cur = (d.getter as () => z.ZodType)();
    else return cur;
  }
  return cur;
}

/** The field names of the object the schema expects at `path` (list indexes as numbers), or [] if unknown. */
export function fieldsAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  let cur = resolve(schema);
  for (const seg of path) {
    const d = def(cur);
    if (typeof seg === 'number' && d.type === 'array') cur = resolve(d.element as z.ZodType);
    else if (typeof seg === 'string' && d.type === 'object') {
      const next = (d.shape as Record<string, z.ZodType>)[seg];
      if (!next) return [];
      cur = resolve(next);
    } else return [];
  }
  const d = def(cur);
  return d.type === 'object' ? Object.keys(d.shape as Record<string, z.ZodType>) : [];
}
