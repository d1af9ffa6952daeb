/**
 * `content`: what a USMCA verdict is worth under the tariff measures since 2025. Each claim is loaded and
 * evaluated through the engine (its verdict decides whether the preference applies), its content by country is
 * rolled up, and every measure of the tariff pack in force on its entry date is applied; claims are then averaged
 * by model line, and the Commerce submission fields are drawn from the model line's figures. All input problems
 * of all claims are reported at once. A scenario's figures are labelled, and no submission is produced under one.
 */
import { resolve } from 'node:path';
import { evaluate } from '../evaluate.js';
import { loadClaimFile, type LoadedClaim } from '../input/load-claim.js';
import { InputError, sortProblems, type InputProblem } from '../input/problems.js';
import { loadRulePack } from '../rules/load.js';
import type { RulePack } from '../rules/pack.js';
import type { Scenario } from '../tariffs/in-force.js';
import { loadTariffPack } from '../tariffs/pack.js';
import { ENGINE } from '../version.js';
import { claimContent, type ClaimContent } from './claim.js';
import { contentInputs } from './inputs.js';
import { modelLines, type ClaimItem, type ModelLineContent } from './model-line.js';
import { submissions, type Submission } from './submission.js';

/** Options of contentReport. */
export interface ContentOptions {
  /** Count unknown origins and missing evidence against the U.S. content (no benefit of the doubt). */
  strict?: boolean;
  /** A proposed or hypothetical tariff change to lay over the measures in force (resolveScenario); labelled. */
  scenario?: Scenario | undefined;
  /** The rules-of-origin pack (default: the bundled USMCA pack). */
  pack?: RulePack;
  /** The tariff-measures pack (default: the bundled one, loadTariffPack). */
  tariffPack?: RulePack;
  /** Told each claim as it is read (its files: claim, producer document, tables), so no output overwrites one. */
  onLoaded?: (loaded: LoadedClaim) => void;
}

/**
 * What the USMCA verdict is worth under the U.S. vehicle tariffs since 2025 (`usmca-roo/content@1`): per claim
 * its content by country and the duty each measure in force on its entry date charges (amounts as decimal
 * strings in the claim's currency), per model line the averaged figures, and the Commerce submission fields.
 */
export interface ContentReport {
  /** `usmca-roo/content@1`. */
  format: 'usmca-roo/content@1';
  /** The engine that made it (ENGINE). */
  engine: { name: string; version: string };
  /** The two packs applied: id, version, sha256. */
  rules: { usmca: PackRef; tariffs: PackRef };
  /** Whether the report was made with `strict`. */
  strict: boolean;
  /** The scenario laid over the measures in force, with the notice every output prints; null for none. */
  scenario: null | { name: string; title: string; status: string; origin: string; notice: string };
  /** Each claim's content and duties, in the order given. */
  claims: ClaimContent[];
  /** Claims of one model line averaged together. */
  modelLines: ModelLineContent[];
  /** The Commerce submission rows (none under a scenario). */
  submissions: Submission[];
  /** Why there are no submissions, when there are none. */
  submissionsWithheld: string | null;
  /** Whether every claim is originating (exit 0) or some are not (exit 1). */
  verdict: 'all-originating' | 'some-not-originating';
}

interface PackRef {
  id: string;
  version: string;
  sha256: string;
}

/**
 * The content report of the claim files `files`: each loaded, evaluated and valued under the tariff measures in
 * force on its entry date. Throws InputError with every problem of every claim at once (e.g.
 * CUSTOMS_VALUE_REQUIRED, MODEL_LINE_MEASURES_DIFFER).
 */
export function contentReport(files: readonly string[], options: ContentOptions = {}): ContentReport {
  const pack = options.pack ?? loadRulePack();
  const tariffPack = options.tariffPack ?? loadTariffPack();
  const strict = options.strict === true;
  const problems: InputProblem[] = [];
  const items: ClaimItem[] = [];
  for (const file of files) {
    let loaded: LoadedClaim;
    try {
      loaded = loadClaimFile(resolve(file));
    } catch (err) {
      if (err instanceof InputError) {
        problems.push(...err.problems);
        continue;
      }
      throw err;
    }
    options.onLoaded?.(loaded);
    const inputs = contentInputs(loaded);
    if (!inputs.ok) problems.push(...inputs.problems);
    let decision;
    try {
      decision = evaluate(loaded, { pack });
    } catch (err) {
      if (err instanceof InputError) {
        problems.push(...err.problems);
        continue;
      }
      throw err;
    }
    if (!inputs.ok) continue;
    const { content, figures } = claimContent(loaded, decision, inputs.inputs, tariffPack, {
      strict,
      scenario: options.scenario,
    });
    items.push({ loaded, content, figures });
  }
  if (problems.length > 0) throw new InputError(sortProblems(problems));
  const grouped = modelLines(items, tariffPack, options.scenario);
  if (grouped.problems.length > 0) throw new InputError(sortProblems(grouped.problems));
  const scenario = options.scenario;
  const usesScenario = items.some((it) => it.content.tariffs.some((t) => t.status !== 'in-force'));
  const subs = scenario ? [] : submissions(grouped.lines, items, tariffPack);
  return {
    format: 'usmca-roo/content@1',
    engine: { name: ENGINE.name, version: ENGINE.version },
    rules: {
      usmca: { id: pack.id, version: pack.version, sha256: pack.sha256 },
      tariffs: { id: tariffPack.id, version: tariffPack.version, sha256: tariffPack.sha256 },
    },
    strict,
    scenario: scenario
      ? {
          name: scenario.name,
          title: scenario.title,
          status: scenario.status,
          origin: scenario.origin,
          notice: `${scenario.status.toUpperCase()} "${scenario.name}": ${usesScenario ? 'figures marked with this status use values that are not in force' : 'no value of it applies on these entry dates'}; not for any filing or certificate`,
        }
      : null,
    claims: items.map((it) => it.content),
    modelLines: grouped.lines,
    submissions: subs,
    submissionsWithheld: scenario
      ? 'a scenario is in use: its figures never go into a filing'
      : subs.length === 0
        ? 'no model line qualifies for a U.S.-content submission (USMCA-qualifying, a measure with a Commerce procedure)'
        : null,
    verdict: items.every((it) => it.content.usmca.verdict === 'originating')
      ? 'all-originating'
      : 'some-not-originating',
  };
}
