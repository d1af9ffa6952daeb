/**
 * The evaluation commands' command lines: `evaluate` (one claim: the worksheet or the decision JSON, a record, a
 * patch, a store) and `evaluate-batch` (many claims on worker threads, through a store, or through its queue). Each
 * action loads the module doing the work only when its command runs, and reports its exit code by `setCode`:
 * 0 originating, 1 not originating, 2 invalid input, 3 internal error.
 */
import { Option } from 'commander';
import type { BatchFlags } from './batch.js';
import type { EvaluateFlags } from './evaluate.js';
import { EXIT, type CommandSetup } from './io.js';
import { limitOptions } from './limits.js';

/**
 * Registers `evaluate <claim>` on `program`: its options, help and action. The action reports its exit code by
 * `setCode`, and by `setJson` whether input problems are to be printed as JSON (--json).
 */
export function registerEvaluate({ program, io, setCode, setJson }: CommandSetup): void {
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
      setJson(flags.json === true);
      if (flags.store !== undefined || flags.estimated !== undefined) {
        const { storeEvaluateCommand } = await import('./store-evaluate.js');
        setCode(await storeEvaluateCommand(claim, flags, io));
        return;
      }
      const { evaluateCommand } = await import('./evaluate.js');
      setCode(await evaluateCommand(claim, flags, io));
    });
}

/**
 * Registers `evaluate-batch <claims...>` on `program`: its options, help and action (worker threads with --out, a
 * store with --store, the store's queue with --queue). The action reports its exit code by `setCode`; without
 * --out or --store it is 2.
 */
export function registerBatch({ program, io, setCode }: CommandSetup): void {
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
          setCode(await queueBatchCommand(claims, flags, io));
          return;
        }
        if (flags.store !== undefined) {
          const { storeBatchCommand } = await import('./store-batch.js');
          setCode(await storeBatchCommand(claims, flags, io));
          return;
        }
        if (flags.out === undefined) {
          io.stderr('usmca-roo: evaluate-batch needs --out DIR (or --store DB)\n');
          setCode(EXIT.invalidInput);
          return;
        }
        const { batchCommand } = await import('./batch.js');
        setCode(await batchCommand(claims, { ...flags, out: flags.out }, io));
      },
    );
}
