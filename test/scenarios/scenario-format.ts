/**
 * The shape of a scenario file (test/scenarios/*.yaml), checked strictly so that a misspelt expectation fails
 * instead of asserting nothing. A file holds a `base` claim (with its producer inline) and a list of
 * scenarios; each scenario changes the base (mappings merge key by key, lists replace, `null` removes a key)
 * and states the figures the engine must produce, as exact decimal strings, with the article it exercises.
 */
import { z } from 'zod';

const text = z.string();
const margin = z.object({ points: text.optional(), amount: text.optional() }).strict();

/** Fields of a requirement or limb that a scenario may name; every named field must match exactly. */
const limbExpectation = z
  .object({
    status: z.enum(['pass', 'fail', 'not-applicable']).optional(),
    value: text.optional(),
    threshold: text.optional(),
    comparator: text.optional(),
    margin: margin.optional(),
    rule: z.object({ id: text.optional(), effectiveFrom: text.optional(), value: text.optional() }).strict().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
    reason: text.optional(),
  })
  .strict();

/** An evidence gap; `says`: words its message must contain (where the reason is what the scenario tests). */
const gap = z
  .object({ code: text, subject: text.optional(), valueAtStake: text.optional(), says: text.optional() })
  .strict();
const countedLine = z.object({ material: text, value: text, reason: text.optional() }).strict();

export const expectationSchema = z
  .object({
    /** `originating` or `not-originating`. */
    verdict: z.enum(['originating', 'not-originating']).optional(),
    originCriterion: z.enum(['B', 'C']).nullable().optional(),
    vehicleClass: text.optional(),
    /** Requirement results by id (tariff-shift, rvc, core-parts, heavy-truck-parts, steel, aluminum, lvc). */
    requirements: z.record(z.string(), limbExpectation).optional(),
    /** Limbs by id, found at any depth of any requirement (e.g. lvc.total, core-parts.engines.full). */
    limbs: z.record(z.string(), limbExpectation).optional(),
    /** Limb ids that must not appear (e.g. a credit that must not be granted). */
    absentLimbs: z.array(text).optional(),
    /** Net cost per unit, and the value of non-originating materials after roll-up. */
    netCost: text.optional(),
    vnm: text.optional(),
    /** Every BOM line that counts in VNM (the whole list: a line missing or added fails). */
    counted: z.array(countedLine).optional(),
    /** Every evidence gap (the whole list). */
    evidenceGaps: z.array(gap).optional(),
    /** Warning codes that must be among the warnings, and codes that must not be. */
    warnings: z.array(text).optional(),
    absentWarnings: z.array(text).optional(),
    /** Designated intermediate materials, by material key: the fields named must match. */
    intermediateMaterials: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    /** Plants' high-wage status in the LVC details, by plant id. */
    plants: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    /** Materials counted as high-wage (the whole list), as material key -> value. */
    highWageMaterials: z.record(z.string(), text).optional(),
    /** Steel and aluminum purchases as counted (the whole list per metal), by purchase id. */
    purchases: z
      .partialRecord(
        z.enum(['steel', 'aluminum']),
        z.record(z.string(), z.object({ value: text, originating: z.boolean() }).strict()),
      )
      .optional(),
    /** The verdict under the other core-part roll-up reading. */
    alternative: z.record(z.string(), z.unknown()).optional(),
    /**
     * The readings of disputed points (decision.interpretation): e.g. `importingCountry`, and by switch under
     * `switches` its value, source (claim, importing-country, default), inPlay and otherReading.
     */
    interpretation: z.record(z.string(), z.unknown()).optional(),
    /** The claim is refused as input: these problems (code and field path), all of them. */
    inputProblems: z.array(z.object({ code: text, path: text }).strict()).optional(),
  })
  .strict()
  .refine((e) => Object.keys(e).some((k) => k !== 'verdict'), {
    message: 'a scenario must name at least one figure besides the verdict',
  });
export type Expectation = z.infer<typeof expectationSchema>;

export const scenarioSchema = z
  .object({
    name: z.string().min(1),
    /** The provision exercised, e.g. 'UR s. 12 "qualifying wage-rate production plant" (a)'. */
    article: z.string().min(1),
    /** Optional explanation of the figures, for a reader checking them by hand. */
    why: z.string().optional(),
    /** Changes to the base claim. */
    claim: z.record(z.string(), z.unknown()).default({}),
    expect: expectationSchema,
    /**
     * The engine is known to give another result: where it is reported and to whom. The scenario then runs as an
     * expected failure (it fails the suite once the engine gives the figures expected, so the mark must go).
     */
    knownFailure: z.string().min(1).optional(),
  })
  .strict();
export type Scenario = z.infer<typeof scenarioSchema>;

export const scenarioFileSchema = z
  .object({
    title: z.string().min(1),
    article: z.string().min(1),
    base: z.record(z.string(), z.unknown()),
    scenarios: z.array(scenarioSchema).min(1),
  })
  .strict();
export type ScenarioFile = z.infer<typeof scenarioFileSchema>;

type Json = unknown;

/** Mappings merge key by key; lists and scalars replace; `null` removes the key. */
export function mergeClaim(base: Json, change: Json): Json {
  if (!isMapping(base) || !isMapping(change)) return structuredClone(change);
  const out: Record<string, Json> = structuredClone(base);
  for (const [k, v] of Object.entries(change)) {
    if (v === null) delete out[k];
    else out[k] = k in out ? mergeClaim(out[k], v) : structuredClone(v);
  }
  return out;
}

function isMapping(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
