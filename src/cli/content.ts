/**
 * `usmca-roo content <claim>...`: what the USMCA verdict is worth under the tariff measures since 2025 (US
 * Section 232, Canada's surtax), per claim and per model line. Exit codes as `evaluate`: 0 every claim
 * originating, 1 some not originating (their full-value figures are still given), 2 invalid input, 3 internal.
 */
import { resolve } from 'node:path';
import { InputError } from '../input/problems.js';
import { EXIT, type CliIo, type CommandSetup } from './io.js';
import { checkOutput, packInputs, refuseInputs, writeOutput } from './output.js';

export interface ContentFlags {
  json?: boolean;
  scenario?: string;
  strict?: boolean;
  csv?: string;
  rules?: string;
  tariffRules?: string;
}

export function registerContent({ program, io, setCode, setJson }: CommandSetup): void {
  program
    .command('content')
    .description(
      "what the USMCA verdict is worth: U.S. content, non-U.S. content and the duties since 2025 (Section 232, Canada's surtax)",
    )
    .argument('<claims...>', 'claim documents with a customsValue; claims of one good.modelLine are averaged')
    .option('--json', 'print the report as JSON (format usmca-roo/content@1)')
    .option(
      '--scenario <file|name>',
      'use a proposed or scenario change (a scenario file, or a name from the tariff pack); labelled, never filed',
    )
    .option('--strict', 'count as U.S. (or Canadian and Mexican) content only lines with an evidence reference')
    .option(
      '--csv <file>',
      'write the Commerce submission fields, one row per model line and measure (not with --scenario)',
    )
    .option('--rules <dir>', 'use the USMCA rule pack in this directory')
    .option('--tariff-rules <dir>', 'use the tariff-measures pack in this directory')
    .addHelpText(
      'after',
      `
Exit codes: 0 every claim originating, 1 some not originating (full-value figures given), 2 invalid input, 3 internal error.
Figures for planning and for the importer's own submission, not a ruling: the engine does not decide substantial
transformation, nor the vehicle's origin for these measures.

Examples:
  usmca-roo content examples/sonora-suv/claim.yaml
  usmca-roo content examples/sonora-suv/claim*.yaml --json --csv submission.csv
  usmca-roo content examples/sonora-suv/claim.yaml --scenario s232-autos-15`,
    )
    .action(async (claims: string[], flags: ContentFlags) => {
      setJson(flags.json === true);
      setCode(await contentCommand(claims, flags, io));
    });
}

export async function contentCommand(claims: string[], flags: ContentFlags, io: CliIo): Promise<number> {
  // Loaded when the command runs, not when the command line starts.
  const [
    { prettyJson },
    { renderContent, submissionsCsv },
    { contentReport },
    { loadRulePack },
    { resolveScenario },
    { loadTariffPack },
  ] = await Promise.all([
    import('../canonical/json.js'),
    import('../content/render.js'),
    import('../content/report.js'),
    import('../rules/load.js'),
    import('../tariffs/scenario.js'),
    import('../tariffs/pack.js'),
  ]);
  const pack = loadRulePack(flags.rules ? resolve(io.cwd, flags.rules) : undefined);
  const tariffPack = loadTariffPack(flags.tariffRules ? resolve(io.cwd, flags.tariffRules) : undefined);
  const scenario = flags.scenario ? resolveScenario(flags.scenario, tariffPack, (p) => resolve(io.cwd, p)) : undefined;
  if (scenario && flags.csv)
    throw new InputError([
      {
        code: 'VALUE_NOT_ALLOWED',
        path: '--csv',
        file: '(command line)',
        message: "a scenario's figures never go into a filing: run without --scenario to write the submission CSV",
      },
    ]);
  // The CSV's folder is checked before any work; it is never written over an input, and written whole.
  const csv = flags.csv ? checkOutput('--csv', flags.csv, io.cwd) : undefined;
  const inputs: { path: string; role: string }[] = claims.map((c) => ({ path: resolve(io.cwd, c), role: 'a claim' }));
  if (flags.scenario) inputs.push({ path: resolve(io.cwd, flags.scenario), role: 'the scenario file' });
  inputs.push(...packInputs(pack.directory), ...packInputs(tariffPack.directory, 'a file of the tariff-measures pack'));
  if (csv) refuseInputs(csv, inputs);
  const report = await contentReport(
    claims.map((c) => resolve(io.cwd, c)),
    {
      strict: flags.strict === true,
      scenario,
      pack,
      tariffPack,
      onLoaded: (loaded) => inputs.push(...loaded.files),
    },
  );
  if (csv) {
    refuseInputs(csv, inputs);
    writeOutput(csv, submissionsCsv(report.submissions));
  }
  io.stdout(flags.json ? prettyJson(report) : renderContent(report));
  return report.verdict === 'all-originating' ? EXIT.originating : EXIT.notOriginating;
}
