/**
 * The command line's exit codes: their list for the help, and what the command line says and returns when a
 * command throws (the mapping of errors to exit codes):
 *   2 invalid input: the input's problems (InputError: every one, as text on stderr or, with --json, as JSON on
 *     stdout), a file or option refused (CliRefusal), an unreadable key (KeyFileError), a rule pack that does not
 *     load (RulePackError), or arguments commander rejects;
 *   0 for --help and --version;
 *   3 anything else: an internal error, with its stack trace.
 */
import { CommanderError } from 'commander';
import { KeyFileError } from '../audit/signature.js';
import { InputError } from '../input/problems.js';
import { printable } from '../render/printable.js';
import { RulePackError } from '../rules/load.js';
import { EXIT, type CliIo } from './io.js';
import { CliRefusal } from './output.js';
import { problemsJson, renderProblems } from './problems.js';

/** The program's list of exit codes, shown after its help (each command's help adds its own). */
export const EXIT_CODES_HELP = `
Exit codes:
  0  originating (or the command succeeded)
  1  not originating
  2  invalid input (every problem is listed, with file, line and field)
  3  internal error
  4  altered, modified or unsigned (replay, certificate, validate: one line says what failed)
  6  a record made under a rule pack this engine cannot run (replay, certificate, validate: replay it with the
     engine version named)`;

/**
 * Reports `err`, thrown by a command, on `io` and returns the exit code for it (see the module's comment).
 * `jsonErrors`: the command was asked for JSON, so input problems go to stdout as format usmca-roo/problems@1.
 */
export function exitCodeForFailure(err: unknown, io: CliIo, jsonErrors: boolean): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help')
      return EXIT.originating;
    return EXIT.invalidInput;
  }
  if (err instanceof InputError) {
    if (jsonErrors) io.stdout(problemsJson(err.problems, io.cwd));
    else io.stderr(renderProblems(err.problems, io.cwd));
    return EXIT.invalidInput;
  }
  if (err instanceof CliRefusal) {
    io.stderr(`usmca-roo: ${printable(err.message)}\n`);
    return EXIT.invalidInput;
  }
  if (err instanceof KeyFileError) {
    io.stderr(`usmca-roo: ${err.message}\n`);
    return EXIT.invalidInput;
  }
  if (err instanceof RulePackError) {
    io.stderr(`usmca-roo: ${err.message}\n`);
    return EXIT.invalidInput;
  }
  io.stderr(`usmca-roo: internal error: ${(err as Error).stack ?? String(err)}\n`);
  return EXIT.internal;
}
