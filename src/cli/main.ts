/**
 * The command line: parses arguments, calls the library, renders, and picks the exit code.
 *   0 originating (or the command succeeded), 1 not originating, 2 invalid input, 3 internal error.
 */
import { Command, CommanderError, Option } from 'commander';
import { InputError } from '../input/problems.js';
import { RulePackError } from '../rules/load.js';
import { ENGINE } from '../version.js';
import { evaluateCommand } from './evaluate.js';
import { EXIT, type CliIo } from './io.js';
import { problemsJson, renderProblems } from './problems.js';

export async function run(argv: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.originating;
  let jsonErrors = false;
  const program = new Command()
    .name('usmca-roo')
    .description('Decides whether a motor vehicle or automotive part is originating under the USMCA automotive rules of origin, and shows why.')
    .version(ENGINE.version, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', `
Exit codes:
  0  originating (or the command succeeded)
  1  not originating
  2  invalid input (every problem is listed, with file, line and field)
  3  internal error`);

  program
    .command('evaluate')
    .description('evaluate a claim document (YAML or JSON) and print the decision')
    .argument('<claim>', 'claim document (format usmca-roo/claim@1); its producer document is read relative to it')
    .option('--json', 'print the decision as canonical JSON (format usmca-roo/decision@1) instead of the worksheet')
    .option('--out <file>', 'also write the decision JSON to this file')
    .addOption(new Option('--rules <dir>', 'use the rule pack in this directory instead of the bundled one'))
    .addHelpText('after', `
Examples:
  usmca-roo evaluate examples/aurora-sedan/claim.yaml
  usmca-roo evaluate claim.json --json --out decision.json`)
    .action(async (claim: string, flags: { json?: boolean; out?: string; rules?: string }) => {
      jsonErrors = flags.json === true;
      code = await evaluateCommand(claim, flags, io);
    });

  if (argv.length === 0) {
    io.stderr(program.helpInformation());
    return EXIT.invalidInput;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.originating;
      return EXIT.invalidInput;
    }
    if (err instanceof InputError) {
      if (jsonErrors) io.stdout(problemsJson(err.problems, io.cwd));
      else io.stderr(renderProblems(err.problems, io.cwd));
      return EXIT.invalidInput;
    }
    if (err instanceof RulePackError) {
      io.stderr(`usmca-roo: ${err.message}\n`);
      return EXIT.invalidInput;
    }
    io.stderr(`usmca-roo: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.internal;
  }
}
