/**
 * The command line: the program, its commands (each registered by the module that owns it: options, help and an
 * action that loads its work only when it runs), and the exit code. What each command does lives in its own
 * module; the exit codes, and which one an error gives, in exit-codes.ts.
 *   0 originating (or the command succeeded), 1 not originating, 2 invalid input, 3 internal error.
 */
import { Command } from 'commander';
import { ENGINE } from '../version.js';
import { registerAdvise } from './advise.js';
import { registerCertificate, registerKeygen, registerReplay, registerValidate } from './audit-commands.js';
import { registerContent } from './content.js';
import { registerBatch, registerEvaluate } from './evaluate-commands.js';
import { EXIT_CODES_HELP, exitCodeForFailure } from './exit-codes.js';
import { registerImport } from './import.js';
import { EXIT, type CliIo, type CommandSetup } from './io.js';
import { registerServe } from './serve.js';
import { registerStore } from './store.js';

/**
 * Runs the command line `argv` (the arguments after the program's name) with `io` for input and output, and
 * returns the exit code: the command's own, or the one exit-codes.ts gives for what it threw (never throws itself).
 * With no arguments: the help, listing every command, on stderr, and 2.
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.originating;
  let jsonErrors = false;
  const program = new Command()
    .name('usmca-roo')
    .description(
      'Decides whether a motor vehicle or automotive part is originating under the USMCA automotive rules of origin, and shows why.',
    )
    .version(ENGINE.version, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP);

  const setup: CommandSetup = {
    program,
    io,
    setCode: (n) => {
      code = n;
    },
    setJson: (j) => {
      jsonErrors = j;
    },
  };
  // In this order, the order of the help's list of commands.
  for (const register of [
    registerEvaluate,
    registerImport,
    registerStore,
    registerAdvise,
    registerContent,
    registerServe,
    registerBatch,
    registerReplay,
    registerKeygen,
    registerCertificate,
    registerValidate,
  ])
    register(setup);

  // With no arguments: the help, listing every command, as an error (exit 2).
  if (argv.length === 0) {
    io.stderr(program.helpInformation());
    return EXIT.invalidInput;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    return exitCodeForFailure(err, io, jsonErrors);
  }
}
