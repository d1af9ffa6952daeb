/**
 * `--scenario FILE|NAME`: a scenario named in the tariff pack (its proposed or scenario values), or a scenario
 * file (format usmca-roo/tariff-scenario@1) that changes the rate or the minimum deduction of measures from a
 * date. A scenario's figures are labelled in every output and never go into a filing. A bad file is bad input
 * (exit 2), every problem with its path and line; an unknown name lists the names the pack offers.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { date, nonNegativeDecimal } from '../input/fields.js';
import { InputError, syntaxToInputError, type InputProblem } from '../input/problems.js';
import { readDocument } from '../documents/read.js';
import { validateDocument } from '../input/validate.js';
import type { RulePack } from '../rules/pack.js';
import { TARIFF_MEASURE_IDS, type MeasureChange } from './catalog.js';
import { packScenarios, scenarioFromPack, type Scenario } from './in-force.js';

const scenarioFileSchema = z
  .object({
    format: z.literal('usmca-roo/tariff-scenario@1'),
    name: z.string().regex(/^[a-z0-9-]+$/, 'a name in lower case, digits and hyphens'),
    title: z.string().min(1),
    status: z.enum(['proposed', 'scenario']),
    changes: z
      .array(
        z
          .object({
            measure: z.enum(TARIFF_MEASURE_IDS),
            from: date,
            rate: nonNegativeDecimal.optional(),
            minimumDeduction: nonNegativeDecimal.optional(),
            note: z.string().optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/**
 * The scenario `arg` names: a file if one exists at that path (or it ends in .yaml/.yml/.json; `resolvePath` makes
 * the path absolute), else a scenario the tariff pack names. Throws InputError: VALUE_NOT_ALLOWED (path
 * "--scenario") when it is neither, naming the pack's scenarios; a scenario file's own problems, as readScenarioFile.
 */
export function resolveScenario(arg: string, pack: RulePack, resolvePath: (p: string) => string): Scenario {
  const path = resolvePath(arg);
  if (/\.(ya?ml|json)$/i.test(arg) || existsSync(path)) return readScenarioFile(path);
  const named = scenarioFromPack(pack, arg);
  if (named) return named;
  const names = [...packScenarios(pack).keys()].sort();
  throw new InputError([
    {
      code: 'VALUE_NOT_ALLOWED',
      path: '--scenario',
      file: '(command line)',
      message: `no scenario file "${arg}" and no scenario of that name in the tariff pack; the pack names: ${names.join(', ') || 'none'}`,
    },
  ]);
}

/**
 * The scenario in `file` (YAML or JSON): its name, title, status and changes to the tariff measures, each from a date.
 * Throws InputError with every problem, each naming the file, line and field (unreadable text, a shape not the
 * scenario format, a change giving neither a rate nor a minimum deduction...).
 */
export function readScenarioFile(file: string): Scenario {
  let doc;
  try {
    doc = readDocument(file);
  } catch (err) {
    throw syntaxToInputError(err);
  }
  const checked = validateDocument(doc, scenarioFileSchema);
  if (!checked.ok) throw new InputError(checked.problems);
  const s = checked.value;
  const problems: InputProblem[] = [];
  const changes = new Map<string, Array<{ from: string; change: MeasureChange }>>();
  s.changes.forEach((c, i) => {
    if (c.rate === undefined && c.minimumDeduction === undefined) {
      problems.push({
        code: 'FIELD_REQUIRED',
        path: `changes[${i}]`,
        file,
        line: doc.locate(['changes', i])?.line,
        message: 'a change gives a new rate or a new minimumDeduction (percent)',
      });
      return;
    }
    const source = { instrument: 'SCENARIO', provision: `${file}, changes[${i}]`, confidence: 'unconfirmed' as const };
    const change: MeasureChange = {
      status: s.status,
      scenario: s.name,
      title: s.title,
      ...(c.rate !== undefined ? { rate: { percent: c.rate, source } } : {}),
      ...(c.minimumDeduction !== undefined ? { minimumDeduction: { percent: c.minimumDeduction, source } } : {}),
    };
    const list = changes.get(c.measure) ?? [];
    list.push({ from: c.from, change });
    list.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    changes.set(c.measure, list);
  });
  if (problems.length > 0) throw new InputError(problems);
  return { name: s.name, title: s.title, status: s.status, origin: file, changes };
}
