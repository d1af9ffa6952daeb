/**
 * The command line: parses arguments, calls the library, renders, and picks the exit code.
 *   0 originating (or the command succeeded), 1 not originating, 2 invalid input, 3 internal error.
 */
import { Command, CommanderError, Option } from 'commander';
import { InputError } from '../input/problems.js';
import { RulePackError } from '../rules/load.js';
import { ENGINE } from '../version.js';
import { KeyFileError } from '../audit/signature.js';
import type { BatchFlags } from './batch.js';
import type { CertificateFlags } from './certificate.js';
import type { EvaluateFlags } from './evaluate.js';
import { limitOptions } from './limits.js';
import { CliRefusal } from './output.js';
import type { ReplayFlags } from './replay.js';
import { registerAdvise } from './advise.js';
import { registerContent } from './content.js';
import type { ValidateFlags } from './validate.js';
import { printable } from '../render/printable.js';
import { registerImport } from './import.js';
import { registerStore } from './store.js';
import { registerServe } from './serve.js';
import { EXIT, type CliIo } from './io.js';
import { problemsJson, renderProblems } from './problems.js';

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
    .addHelpText(
      'after',
      `
Exit codes:
  0  originating (or the command succeeded)
  1  not originating
  2  invalid input (every problem is listed, with file, line and field)
  3  internal error
  4  altered, modified or unsigned (replay, certificate, validate: one line says what failed)
  6  a record made under a rule pack this engine cannot run (replay, certificate, validate: replay it with the
     engine version named)`,
    );

  const evaluateCommandLine = program
    .command('evaluate')
    .description('evaluate a claim document (YAML or JSON) and print the decision')
    .argument(
      '<claim>',
      'claim document (format usmca-roo/claim@1), or - for standard input; its producer document is read relative to it (to the working folder for -)',
    )
    .option('--json', 'print the decision as canonical JSON (format usmca-roo/decision@1) instead of the worksheet')
    .option('--out <file>', 'also write the decision JSON to this file')
    .option(
      '--record <file>',
      'also write a decision record (input, rule pack, engine, decision, hashed) for replay and certificates',
    )
    .option('--sign-key <file>', 'sign the record with this Ed25519 private key (PEM, from `usmca-roo keygen`)')
    .addOption(new Option('--rules <dir>', 'use the rule pack in this directory instead of the bundled one'))
    .option(
      '--patch <file>',
      'evaluate the claim as changed by this JSON Patch (RFC 6902, JSON or YAML), e.g. a plan written by `advise --patch-out`',
    )
    .option(
      '--set <path=value>',
      'change one field first (repeatable): PATH a field path such as materials[3].origin or a JSON Pointer, VALUE one YAML value (null removes the field)',
      (v: string, all: string[] = []) => [...all, v],
    )
    .option(
      '--store <db>',
      "keep the decision record in this store (a folder, or a postgres:// URL), applying the store's supplier evidence",
    )
    .option('--estimated <what>', 'with --store: the figures are estimates to reconcile at year end: costs, purchases');
  limitOptions(evaluateCommandLine)
    .addHelpText(
      'after',
      `
A patch applies to the claim as read: the claim with its producer document under "producer" and the rows of its
tables in place of { file, mapping }, every list in file order. The decision's input hash is that of the changed
claim, and the decision names the patch (input.patch).

Examples:
  usmca-roo evaluate examples/aurora-sedan/claim.yaml
  usmca-roo evaluate claim.json --json --out decision.json
  usmca-roo evaluate claim.yaml --record record.json --sign-key keys/private.pem
  usmca-roo evaluate claim.yaml --patch plans/plan-1.json
  usmca-roo evaluate claim.yaml --set materials[3].origin=originating --set costs.totalCost=25100.00
  usmca-roo evaluate claim.yaml --store decisions/ --estimated costs`,
    )
    .action(async (claim: string, flags: EvaluateFlags & { store?: string; estimated?: string }) => {
      jsonErrors = flags.json === true;
      if (flags.store !== undefined || flags.estimated !== undefined) {
        const { storeEvaluateCommand } = await import('./store-evaluate.js');
        code = await storeEvaluateCommand(claim, flags, io);
        return;
      }
      const { evaluateCommand } = await import('./evaluate.js');
      code = await evaluateCommand(claim, flags, io);
    });

  registerImport(program, io, (n) => {
    code = n;
  });
  registerStore(program, io, (n) => {
    code = n;
  });

  registerAdvise(
    program,
    io,
    (n) => {
      code = n;
    },
    (j) => {
      jsonErrors = j;
    },
  );

  registerContent(
    program,
    io,
    (n) => {
      code = n;
    },
    (j) => {
      jsonErrors = j;
    },
  );

  registerServe(program, io, (n) => {
    code = n;
  });

  const batchCommandLine = program
    .command('evaluate-batch')
    .description('evaluate many claims in parallel, one decision file per claim, and print a summary')
    .argument('<claims...>', 'claim documents')
    .option('--out <dir>', 'directory for the decisions and summary.json (required unless --store)')
    .option('--store <db>', 'keep every decision in this store instead (a folder, or a postgres:// URL)')
    .option('--estimated <what>', 'with --store: the figures are estimates: costs, purchases')
    .option('--queue', 'with a postgres:// store: send the claims to `usmca-roo worker` processes on any machine')
    .option('--job-timeout <seconds>', 'with --queue: seconds before a job of a dead worker is retried', '300')
    .option('--no-wait', 'with --queue: print the run id and return without waiting for the workers')
    .option('--jobs <n>', 'worker threads (default: the number of CPUs)')
    .option('--rules <dir>', 'use the rule pack in this directory instead of the bundled one')
    // Both forms, so that neither is the default: without either, the bar shows only on a terminal.
    .option('--progress', 'show the progress bar even when standard error is not a terminal')
    .option('--no-progress', 'no progress bar, even on a terminal');
  limitOptions(batchCommandLine)
    .addHelpText(
      'after',
      `
Keeps going past invalid claims and lists them at the end. The decision files are identical whatever --jobs is.
Exit codes: 0 all originating, 1 some not originating, 2 some claims invalid, 3 internal error.

Example:
  usmca-roo evaluate-batch examples/*/claim*.yaml --out decisions --jobs 2`,
    )
    .action(
      async (
        claims: string[],
        flags: Omit<BatchFlags, 'out'> & { out?: string; store?: string; estimated?: string; queue?: boolean },
      ) => {
        if (flags.queue) {
          const { queueBatchCommand } = await import('./queue.js');
          code = await queueBatchCommand(claims, flags, io);
          return;
        }
        if (flags.store !== undefined) {
          const { storeBatchCommand } = await import('./store-batch.js');
          code = await storeBatchCommand(claims, flags, io);
          return;
        }
        if (flags.out === undefined) {
          io.stderr('usmca-roo: evaluate-batch needs --out DIR (or --store DB)\n');
          code = EXIT.invalidInput;
          return;
        }
        const { batchCommand } = await import('./batch.js');
        code = await batchCommand(claims, { ...flags, out: flags.out }, io);
      },
    );

  program
    .command('replay')
    .description('recompute a decision record and report whether the result is identical')
    .argument('<record>', 'decision record written by `evaluate --record`')
    .option(
      '--rules <which>',
      '"recorded" (default): the rule pack embedded in the record; "current": the bundled pack, to see what a rule change would do',
    )
    .option('--json', 'print the outcome as JSON')
    .option(
      '--trust-key <file|dir>',
      'require a valid signature by this public key (PEM), or by one of the keys in this folder',
    )
    .option(
      '--unreleased-rules',
      'accept a record whose rule pack claims a released version but differs from it (modified)',
    )
    .addHelpText(
      'after',
      `
Exit codes: 0 identical; 1 different (under --rules current, or a record made by an older engine); 2 invalid
record (or made by a newer engine); 3 internal error; 4 altered (its content does not match its hash, its rule pack
is not the one it names, or it does not replay identically under its own rules and this engine), unsigned or badly
signed under --trust-key, or made under a modified rule pack; 6 intact, but made under a rule pack this engine
cannot run (it lacks rules this engine requires): replay it with the engine version named (npx usmca-roo@X).

Examples:
  usmca-roo replay records/AURORA-2026-03.json
  usmca-roo replay records/AURORA-2026-03.json --trust-key keys/public.pem
  usmca-roo replay records/AURORA-2026-03.json --rules current`,
    )
    .action(async (record: string, flags: ReplayFlags) => {
      jsonErrors = flags.json === true;
      const { replayCommand } = await import('./replay.js');
      code = await replayCommand(record, flags, io);
    });

  program
    .command('keygen')
    .description('write a new Ed25519 key pair for signing records and certificates')
    .requiredOption('--out <dir>', 'folder for private.pem and public.pem (never overwritten)')
    .addHelpText(
      'after',
      `
Keep private.pem secret; give public.pem to brokers and auditors, who verify with --trust-key.

Example:
  usmca-roo keygen --out keys`,
    )
    .action(async (flags: { out: string }) => {
      const { keygenCommand } = await import('./keygen.js');
      code = await keygenCommand(flags, io);
    });

  const collect = (value: string, previous: string[] = []) => [...previous, value];
  program
    .command('certificate')
    .description(
      'issue the certification of origin (the nine USMCA minimum data elements) for one or more recorded decisions, one good each',
    )
    .argument(
      '<records...>',
      'decision records written by `evaluate --record` (several: one certificate for several goods)',
    )
    .requiredOption('--certifier <file>', 'party document (format usmca-roo/party@1) of the certifier, with its role')
    .requiredOption('--signed-on <date>', 'date of the signature, YYYY-MM-DD, not before any decision date')
    .option(
      '--exporter <file|same|unknown>',
      'the exporter: a party document; "same" if the certifier is also the exporter; "unknown" (a producer certifying who does not know the exporter). Required unless the exporter certifies',
    )
    .option('--importer <file>', 'party document of the importer, if known (otherwise "Unknown")')
    .option('--blanket <start..end>', 'blanket period for multiple shipments of identical goods, at most 12 months')
    .option('--lang <lang>', 'en, es or fr', 'en')
    .option('--disclose-figures', 'show the RVC, LVC, steel and aluminum figures (confidential: not shown otherwise)')
    .option(
      '--annex',
      'add an annex: each requirement with its rule id and citation (exact figures with --disclose-figures)',
    )
    .option('--format <format>', 'json, md, html or pdf', 'md')
    .option('--out <file>', 'write to this file (required for pdf); written only if every check passes')
    .option('--sign-key <file>', 'sign the certificate with this Ed25519 private key (PEM, from `usmca-roo keygen`)')
    .option('--trust-key <file|dir>', 'require the records to be signed by this public key, or one in this folder')
    .option(
      '--unreleased-rules',
      'accept records made under a rule pack that is not a released version (the certificate says so)',
    )
    .option(
      '--store <db>',
      'read the records from this store (each <record> is then CLAIM, CLAIM@VERSION or #SEQ) and keep the certificate there',
    )
    .addHelpText(
      'after',
      `
Issues only from records that replay identically under their own rule pack, and only a certificate that
validate would accept; nothing is written otherwise. The PDF embeds the JSON certificate (validate reads it).
Exit codes: 0 written; 1 refused (not originating, or the record does not replay under this engine); 2 invalid
input (every problem listed, element by element); 3 internal error; 4 record altered, unsigned under
--trust-key, or made under a rule pack that is not released (without --unreleased-rules); 6 a record made
under a rule pack this engine cannot run.

Examples:
  usmca-roo certificate record.json --certifier certifier.yaml --exporter same --signed-on 2026-03-20 --format md
  usmca-roo certificate record.json --certifier certifier.yaml --exporter same --importer importer.yaml \\
      --blanket 2026-04-01..2027-03-31 --signed-on 2026-03-20 --sign-key keys/private.pem \\
      --format pdf --out certificate.pdf`,
    )
    .action(async (records: string[], flags: CertificateFlags) => {
      const { certificateCommand } = await import('./certificate.js');
      code = await certificateCommand(records, flags, io);
    });

  program
    .command('validate')
    .description(
      'check a certification of origin (its JSON, or the PDF that embeds it): every data element; with --record, every element and figure against the decision records, which must replay identically',
    )
    .argument('<certificate>', 'certificate written by `certificate --format json` or `--format pdf`')
    .option('--record <file>', 'a decision record the certificate names (repeat for each)', collect)
    .option(
      '--trust-key <file|dir>',
      'require valid signatures (certificate and records) by this public key, or one in this folder',
    )
    .option('--json', 'print the result as JSON')
    .option(
      '--unreleased-rules',
      'accept records whose rule pack claims a released version but differs from it (modified)',
    )
    .addHelpText(
      'after',
      `
Reads JSON or PDF only: a Markdown or HTML rendering holds no machine-readable certificate. Without --record,
nothing is cross-checked (the output says so).
Exit codes: 0 valid; 1 the certificate has problems (all listed); 2 unreadable input; 3 internal error;
4 altered (the certificate or a record was edited), unsigned or badly signed under --trust-key, or a rule pack
is modified; 5 a record does not replay identically under this engine; 6 a record was made under a rule pack
this engine cannot run (nothing cross-checked).

Examples:
  usmca-roo validate certificate.pdf --record record.json --trust-key keys/public.pem
  usmca-roo validate certificate.json`,
    )
    .action(async (certificate: string, flags: ValidateFlags) => {
      const { validateCommand } = await import('./validate.js');
      code = await validateCommand(certificate, flags, io);
    });

  // With no arguments: the help, listing every command, as an error (exit 2).
  if (argv.length === 0) {
    io.stderr(program.helpInformation());
    return EXIT.invalidInput;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
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
}
