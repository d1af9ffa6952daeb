/**
 * A proposed change to the law, as data (format `usmca-roo/scenario@1`): dated values added to rules of a pack,
 * e.g. the passenger-vehicle RVC at 82 % from 2027-07-01. Applied to a pack's content, the result is checked
 * by the rule-pack loader like any pack (a value of the wrong shape is refused), so a scenario can only say
 * what a real rule file could say. Documented in docs/store.md.
 */
import { z } from 'zod';
import { readDocument } from '../documents/read.js';
import type { SourceDocument } from '../documents/source.js';
import { date, identifier, isRealDate } from '../input/fields.js';
import { InputError, sortProblems, syntaxToInputError, type InputProblem } from '../input/problems.js';
import { problemAt, validateDocument } from '../input/validate.js';
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

/**
 * Where `readScenario` also checks each change against a rule pack: `pack`, and `always` (the pack every record is
 * re-run under, e.g. `--rules`) or only when the file has other problems (the engine's own pack as a reference,
 * where each record is re-run under its recorded pack: its problems are then reported together, not one after the
 * other as each is fixed).
 */
export interface ScenarioPackCheck {
  pack: RulePack;
  always: boolean;
}

/**
 * Reads and checks a scenario file; throws InputError with every problem (file, line, path, code). With `check`,
 * a change naming a rule the pack does not hold (VALUE_NOT_ALLOWED at `changes[i].rule`) or giving a value the rule
 * cannot take (FIELD_TYPE at `changes[i].value`) is reported with the file's other problems.
 */
export function readScenario(file: string, check?: ScenarioPackCheck): Scenario {
  let doc;
  try {
    doc = readDocument(file);
  } catch (err) {
    throw syntaxToInputError(err);
  }
  const checked = validateDocument(doc, scenarioSchema);
  const problems: InputProblem[] = checked.ok ? [] : [...checked.problems];
  if (check && (check.always || problems.length > 0)) problems.push(...packProblems(doc, check.pack));
  if (problems.length > 0 || !checked.ok) throw new InputError(sortProblems(problems));
  return checked.value;
}

/** The problems of each change of the document (as written) against `pack`: rules it does not hold, values they cannot take. */
function packProblems(doc: SourceDocument, pack: RulePack): InputProblem[] {
  const changes = (doc.data as { changes?: unknown } | null)?.changes;
  if (!Array.isArray(changes)) return [];
  const content = pack.content as PackContent;
  const problems: InputProblem[] = [];
  changes.forEach((c: unknown, i) => {
    const { rule, from, value } = (c ?? {}) as { rule?: unknown; from?: unknown; value?: unknown };
    if (typeof rule !== 'string' || rule.trim() === '') return;
    const target = content.parameters.find((p) => (p as { id: string }).id === rule) as
      { id: string; values: Record<string, unknown> } | undefined;
    if (!target) {
      problems.push(
        problemAt(
          doc,
          ['changes', i, 'rule'],
          'VALUE_NOT_ALLOWED',
          `the scenario changes ${rule}, which the rule pack ${pack.id} does not hold`,
        ),
      );
      return;
    }
    if (value === undefined) return;
    // The value alone, at the change's date (or any date, where its date is itself a problem), as the loader reads it.
    const at = typeof from === 'string' && isRealDate(from) ? from : '2000-01-01';
    const parameters = content.parameters.map((p) =>
      p === target ? { ...target, values: { ...target.values, [at]: { value, provision: 'scenario' } } } : p,
    );
    try {
      rulePackFromContent({ manifest: content.manifest, parameters }, `scenario change ${i + 1}`);
    } catch (err) {
      // The loader names the pack's parameter and the date tried; the value's own problem is what the file can fix.
      const message = (err as Error).message;
      const own = /\.value: (.+)$/m.exec(message)?.[1] ?? message;
      problems.push(
        problemAt(doc, ['changes', i, 'value'], 'FIELD_TYPE', `the rule ${rule} cannot take this value: ${own}`),
      );
    }
  });
  return problems;
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
