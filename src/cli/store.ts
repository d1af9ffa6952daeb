/**
 * The decision-store commands: records, evidence, impact, reconcile, filing and worker. Each names its store
 * with --store (a folder for the embedded database, or a postgres:// URL), or the USMCA_ROO_STORE variable.
 * Registration only: each command's work is in its own module, loaded when it runs.
 */
import { Option, type Command } from 'commander';
import type { CommandSetup } from './io.js';

const STORE_HELP =
  'the decision store: a folder (embedded PostgreSQL, created if missing) or a postgres:// URL (default: $USMCA_ROO_STORE)';

/** Options shared by commands that select stored records. */
function selection(c: Command): Command {
  return c
    .option('--claim <id>', 'only this claim id')
    .option('--model-line <name>', 'only this model line')
    .option('--hs <code>', 'only HS codes starting with this (e.g. 8703 or 8703.23)')
    .addOption(new Option('--verdict <verdict>', 'only this verdict').choices(['originating', 'not-originating']))
    .option('--from <date>', 'only decisions dated on or after this day (YYYY-MM-DD)')
    .option('--to <date>', 'only decisions dated on or before this day (YYYY-MM-DD)')
    .option('--rules-version <version>', 'only decisions made under this rule-pack version')
    .option('--estimated', 'only decisions whose figures were estimated');
}

export function registerStore({ program, io, setCode }: CommandSetup): void {
  const records = program.command('records').description('query the decisions kept in a store');
  selection(
    records
      .command('list')
      .description('list stored decisions (every version, or --latest only)')
      .option('--store <db>', STORE_HELP)
      .option('--latest', 'only the latest version of each claim')
      .option('--json', 'print JSON (format usmca-roo/records@1)'),
  ).action(async (flags) => {
    const { recordsList } = await import('./records.js');
    setCode(await recordsList(flags, io));
  });
  records
    .command('show')
    .description('show one stored decision, checked against its hash')
    .argument('<ref>', 'CLAIM (latest version), CLAIM@VERSION, #SEQ or a sha256 prefix')
    .option('--store <db>', STORE_HELP)
    .option(
      '--json',
      'print the whole record (the file `evaluate --record` writes), e.g. to hand to replay or certificate',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 shown, 2 not found or unreadable store, 3 internal error, 4 the record has been altered.',
    )
    .action(async (ref: string, flags) => {
      const { recordsShow } = await import('./records.js');
      setCode(await recordsShow(ref, flags, io));
    });
  selection(
    records
      .command('replay')
      .description('replay stored decisions (one, or a selection) and report whether each is identical')
      .argument('[ref]', 'one record: CLAIM, CLAIM@VERSION, #SEQ or a sha256 prefix (default: the selection)')
      .option('--store <db>', STORE_HELP)
      .option('--latest', 'only the latest version of each claim')
      .option('--rules <which>', '"recorded" (default) or "current"')
      .option('--unreleased-rules', 'accept records made under a rule pack that is not the released version it names')
      .option('--json', 'print JSON'),
  )
    .addHelpText(
      'after',
      '\nExit codes: 0 all identical, 1 some different, 2 invalid, 3 internal error, 4 some altered, or made under a\nmodified rule pack (refused unless --unreleased-rules).',
    )
    .action(async (ref: string | undefined, flags) => {
      const { recordsReplay } = await import('./records.js');
      setCode(await recordsReplay(ref, flags, io));
    });

  const evidence = program.command('evidence').description('supplier certifications and statements kept in a store');
  evidence
    .command('add')
    .description('store supplier evidence (format usmca-roo/evidence@1); a changed item adds a version')
    .argument('<files...>', 'evidence documents (YAML or JSON)')
    .option('--store <db>', STORE_HELP)
    .addHelpText(
      'after',
      '\nEvery problem in every file is listed, and nothing is stored, if any file has one (exit 2).',
    )
    .action(async (files: string[], flags) => {
      const { evidenceAdd } = await import('./evidence.js');
      setCode(await evidenceAdd(files, flags, io));
    });
  evidence
    .command('list')
    .description('list the stored evidence (the latest version of each id)')
    .option('--store <db>', STORE_HELP)
    .option('--json', 'print JSON')
    .action(async (flags) => {
      const { evidenceList } = await import('./evidence.js');
      setCode(await evidenceList(flags, io));
    });
  evidence
    .command('expiring')
    .description('list evidence whose period ends before a day, and every decision and certificate that relied on it')
    .requiredOption('--before <date>', 'YYYY-MM-DD')
    .option('--store <db>', STORE_HELP)
    .option('--json', 'print JSON')
    .action(async (flags) => {
      const { evidenceExpiring } = await import('./evidence.js');
      setCode(await evidenceExpiring(flags, io));
    });

  selection(
    program
      .command('impact')
      .description(
        're-run stored decisions under another rule pack, a proposed change, or without a piece of evidence, and list what flips',
      )
      .option('--store <db>', STORE_HELP)
      .option('--rules <dir>', 'the rule pack to re-run under')
      .option(
        '--scenario <file>',
        "a proposed change (format usmca-roo/scenario@1), on each record's recorded pack or on --rules",
      )
      .option('--without-evidence <id>', 'the decisions that relied on this evidence, re-run without it')
      .option('--all-versions', 'every stored version, not only the latest of each claim')
      .option('--json', 'print JSON (format usmca-roo/impact@1: flips[] with claim, from, to, requirements)')
      .option('--csv <file>', 'also write the flips as CSV, one row per changed requirement')
      .option('--jobs <n>', 'worker threads re-running the records (default 1: in this process)')
      .option('--queue', 'with a postgres:// store: share the re-runs among `usmca-roo worker` processes')
      .option('--job-timeout <seconds>', 'with --queue: seconds before a job of a dead worker is retried', '300'),
  )
    .addHelpText(
      'after',
      '\nNever writes over a stored decision. Exit codes: 0 done, 2 invalid input (or some records cannot be re-run under the change), 3 internal error, 4 some records altered.',
    )
    .action(async (flags) => {
      const { impactCommand } = await import('./impact.js');
      setCode(await impactCommand(flags, io));
    });

  program
    .command('reconcile')
    .description(
      'year-end reconciliation: re-evaluate the stored decisions made on estimated costs or purchases on the actual figures, and list the certificates that no longer hold and whom to notify by when (19 CFR 182.102)',
    )
    .requiredOption('--actuals <file>', 'the actual figures of a fiscal year (format usmca-roo/actuals@1)')
    .option('--store <db>', STORE_HELP)
    .option('--dry-run', 'report only: store no reconciled decision')
    .option('--json', 'print JSON (format usmca-roo/reconciliation@1)')
    .option('--csv <file>', 'also write the notices due as CSV, one row per person to notify')
    .addHelpText(
      'after',
      `
The reconciled decision of each claim is stored as its next version (once per actuals file). The file format is
in docs/actuals-format.md. Exit codes: 0 every decision holds (or was not originating), 1 some no longer
originate (notices due), 2 invalid input, 3 internal error, 4 a stored decision altered.

Example:
  usmca-roo reconcile --actuals actuals-2026.yaml --store decisions/ --csv notices.csv`,
    )
    .action(async (flags) => {
      const { reconcileCommand } = await import('./reconcile.js');
      setCode(await reconcileCommand(flags, io));
    });

  const filing = program
    .command('filing')
    .description(
      "the producer's LVC, steel and aluminum purchasing certifications for CBP's portal (19 CFR 182.95-182.97), and CBP's identifiers",
    );
  for (const [kind, what] of [
    ['lvc', 'labor value content certification (19 CFR 182.95; 29 CFR 810.405)'],
    ['steel', 'steel purchasing certification (19 CFR 182.96)'],
    ['aluminum', 'aluminum purchasing certification (19 CFR 182.97)'],
  ] as const)
    filing
      .command(kind)
      .description(`assemble the ${what} of a period from the stored decisions, and keep it in the store`)
      .requiredOption(
        '--period <period>',
        'the certification period: START..END (YYYY-MM-DD..YYYY-MM-DD) or a year YYYY',
      )
      .option('--store <db>', STORE_HELP)
      .option('--certifier <file>', 'the person completing the certification (format usmca-roo/party@1)')
      .option('--model-line <name>', 'only the vehicles of this model line')
      .option('--json', 'print JSON (format usmca-roo/filing@1)')
      .option('--csv <file>', 'also write the data elements as CSV, one row each, with their citations')
      .addHelpText(
        'after',
        `
Exit codes: 0 ready to file, 1 something to complete or fix first (listed), 2 invalid input, 3 internal error,
4 a stored decision altered. Then record CBP's identifier with \`usmca-roo filing identifier\`.`,
      )
      .action(async (flags) => {
        const { filingCommand } = await import('./filing.js');
        setCode(await filingCommand(kind, flags, io));
      });
  filing
    .command('identifier')
    .description('record the unique identifier CBP returned for a kept filing (19 CFR 182.92(b)); never changed after')
    .argument('<filing>', 'the filing number, as `filing list` shows it')
    .argument('<identifier>', "CBP's identifier")
    .requiredOption('--received-on <date>', 'the day CBP returned it (YYYY-MM-DD)')
    .option('--store <db>', STORE_HELP)
    .action(async (ref: string, identifier: string, flags) => {
      const { filingIdentifier } = await import('./filing.js');
      setCode(await filingIdentifier(ref, identifier, flags, io));
    });
  filing
    .command('list')
    .description("list the kept filings and CBP's identifiers")
    .option('--store <db>', STORE_HELP)
    .option('--json', 'print JSON')
    .action(async (flags) => {
      const { filingList } = await import('./filing.js');
      setCode(await filingList(flags, io));
    });

  program
    .command('worker')
    .description('take evaluation and impact jobs from the queue of a PostgreSQL store (run one on each machine)')
    .option('--store <db>', 'the postgres:// URL of the shared store (default: $USMCA_ROO_STORE)')
    .option('--rules <dir>', 'evaluate under the rule pack in this directory instead of the bundled one')
    .option('--until-idle', 'stop once the queues have been empty for --idle-seconds')
    .option('--idle-seconds <n>', 'with --until-idle', '10')
    .option('--check-seconds <n>', 'how often to look for jobs whose worker died, to retry them', '30')
    .action(async (flags) => {
      const { workerCommand } = await import('./queue.js');
      setCode(await workerCommand(flags, io));
    });
}
