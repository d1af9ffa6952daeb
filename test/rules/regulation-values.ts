/**
 * Reads test/rules/regulation-values.yaml, the values of the Uniform Regulations transcribed from the primary
 * text, and answers "what does the regulation say on this date", without the rule pack's own lookup.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const period = z.object({ from: date, to: date.optional(), value: z.unknown() }).strict();
const entry = z
  .object({
    rule: z.string(),
    path: z.array(z.union([z.string(), z.record(z.string(), z.string())])).optional(),
    read: z.string().min(10),
    unsettled: z.array(date).optional(),
    periods: z.array(period).min(1),
  })
  .strict();
const fixture = z.object({ 'not-transcribed': z.record(z.string(), z.string()), values: z.array(entry) }).strict();

export type Transcribed = z.infer<typeof entry>;
export type PathStep = NonNullable<Transcribed['path']>[number];

export const REGULATION = fixture.parse(
  parse(readFileSync(join(import.meta.dirname, 'regulation-values.yaml'), 'utf8')),
);

/** The transcribed value on `date` (periods include both ends), or undefined where no period covers it. */
export function valueOn(t: Transcribed, date: string): unknown {
  const hits = t.periods.filter((p) => p.from <= date && (p.to === undefined || date <= p.to));
  if (hits.length > 1) throw new Error(`${t.rule}: two transcribed periods cover ${date}`);
  return hits[0]?.value;
}

/** The transcribed value of a rule on `date`, for a rule transcribed whole (no path). */
export function regulationValue(rule: string, date: string): unknown {
  const t = REGULATION.values.find((v) => v.rule === rule && v.path === undefined);
  if (!t) throw new Error(`${rule} is not transcribed whole in regulation-values.yaml`);
  return valueOn(t, date);
}

/** Follows a path into a rule value: keys, or { key: value } to pick the element of a list that has it. */
export function at(value: unknown, path: readonly PathStep[] | undefined): unknown {
  let v = value;
  for (const step of path ?? []) {
    if (v === undefined || v === null) return undefined;
    if (typeof step === 'string') v = (v as Record<string, unknown>)[step];
    else {
      const [k, want] = Object.entries(step)[0] as [string, string];
      v = (v as Array<Record<string, unknown>>).find((x) => x[k] === want);
    }
  }
  return v;
}
