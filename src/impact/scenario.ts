/**
 * A proposed change to the law, as data (format `usmca-roo/scenario@1`): dated values added to rules of a pack,
 * e.g. the passenger-vehicle RVC at 82 % from 2027-07-01. Applied to a pack's content, the result is checked
 * by the rule-pack loader like any pack (a value of the wrong shape is refused), so a scenario can only say
 * what a real rule file could say. Documented in docs/store.md.
 */
import { z } from 'zod';
import { readDocument } from '../documents/read.js';
import { date, identifier } from '../input/fields.js';
import { InputError, syntaxToInputError } from '../input/problems.js';
import { validateDocument } from '../input/validate.js';
import { rulePackFromContent, type PackContent } from '../rules/load.js';
import type { RulePack } from '../rules/pack.js';

export const scenarioSchema = z
  .object({
    format: z.literal('usmca-roo/scenario@1'),
    title: z.string().min(1),
    changes: z
      .array(
        z
          .object({
            rule: identifier,
            from: date,
            value: z.unknown().refine((v) => v !== undefined, 'a value is required'),
            provision: z.string().optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type Scenario = z.output<typeof scenarioSchema>;

/** Reads and checks a scenario file; throws InputError with every problem. */
export function readScenario(file: string): Scenario {
  let doc;
  try {
    doc = readDocument(file);
  } catch (err) {
    throw syntaxToInputError(err);
  }
  const checked = validateDocument(doc, scenarioSchema);
  if (!checked.ok) throw new InputError(checked.problems);
  return checked.value;
}

/** Thrown when a scenario names a rule the pack does not hold, or gives a value the rule cannot take. */
export class ScenarioError extends Error {}

/** The pack with the scenario's dated values added (a value already dated `from` is replaced). */
export function applyScenario(pack: RulePack, scenario: Scenario): RulePack {
  const content = pack.content as PackContent;
  const parameters = content.parameters.map((p) => p as { id: string; values: Record<string, unknown> });
  const changed = parameters.map((p) => ({ ...p, values: { ...p.values } }));
  for (const c of scenario.changes) {
    const target = changed.find((p) => p.id === c.rule);
    if (!target)
      throw new ScenarioError(`the scenario changes ${c.rule}, which the rule pack ${pack.id} does not hold`);
    target.values[c.from] = {
      value: c.value,
      provision: c.provision ?? `scenario: ${scenario.title}`,
    };
  }
  try {
    return rulePackFromContent({ manifest: content.manifest, parameters: changed }, `scenario "${scenario.title}"`);
  } catch (err) {
    throw new ScenarioError(`the scenario cannot be applied: ${(err as Error).message}`);
  }
}
