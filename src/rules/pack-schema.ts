/** Shapes of the rule-pack files: the manifest (pack.yaml) and one file per legal parameter or table. */
import { z } from 'zod';
import { DATE_PATTERN } from './values.js';

export const manifestSchema = z
  .object({
    format: z.literal('usmca-roo/rule-pack@1'),
    id: z.string().regex(/^[a-z0-9-]+$/),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a version MAJOR.MINOR.PATCH'),
    title: z.string().min(1),
    hsEdition: z.string().min(1),
    description: z.string().optional(),
    instruments: z.record(
      z.string(),
      z.object({ citeAs: z.string().min(1), title: z.string().min(1), url: z.string().optional() }).strict(),
    ),
  })
  .strict();
/**
 * pack.yaml: the pack's format, id, version (MAJOR.MINOR.PATCH), title, HS edition, and the instruments its rules
 * cite, each with how it is cited (`citeAs`), its title and URL.
 */
export type Manifest = z.infer<typeof manifestSchema>;

export const noteSchema = z
  .object({ status: z.enum(['disputed', 'unconfirmed', 'policy', 'drafting', 'info']), text: z.string().min(1) })
  .strict();
/**
 * A note on a rule: its status (`disputed` reading, `unconfirmed` source, engine `policy`, `drafting` point of the
 * text, or `info`) and its text.
 */
export type RuleNote = z.infer<typeof noteSchema>;

const datedValue = z.union([
  z.null(),
  z.object({ value: z.unknown(), provision: z.string().optional(), note: z.string().optional() }).strict(),
]);

export const parameterFileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_]+(?:\.[a-z0-9_]+)+$/, 'a dotted rule id such as usmca.auto.rvc.passenger_vehicle'),
    title: z.string().min(1),
    description: z.string().optional(),
    unit: z.enum(['percent', 'points', 'amount', 'count', 'date', 'boolean', 'table', 'conditions', 'record']),
    reference: z
      .object({
        instrument: z.string().min(1),
        provision: z.string().min(1),
        treaty: z.string().optional(),
        url: z.string().optional(),
        confidence: z.enum(['confirmed', 'excerpt', 'unconfirmed']),
      })
      .strict(),
    notes: z.array(noteSchema).default([]),
    values: z
      .record(z.string().regex(DATE_PATTERN, 'an effective date YYYY-MM-DD'), datedValue)
      .refine((v) => Object.keys(v).length > 0, 'at least one dated value'),
  })
  .strict();
export type ParameterFile = z.infer<typeof parameterFileSchema>;
