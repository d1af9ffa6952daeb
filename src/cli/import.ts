/**
 * `usmca-roo import`: a bill of materials (and optionally the steel and aluminum purchases) from CSV or
 * XLSX, through column mappings, into a claim document (built by input/import-claim.ts). This command checks
 * its output path, writes the document as YAML or JSON, and picks the exit code: nothing is written when any
 * input has a problem (exit 2).
 */
import { dirname, extname, resolve } from 'node:path';
import type { Command } from 'commander';
import { createRequire } from 'node:module';
import { countMaterials, importClaim } from '../input/import-claim.js';
import { sortProblems } from '../input/problems.js';
import { EXIT, type CliIo, type CommandSetup } from './io.js';
import { checkOutput, refuseInputs, writeOutput, type OutputTarget } from './output.js';
import { renderProblems } from './problems.js';

// The YAML writer is loaded when a YAML claim is written, not when the command line starts.
const lazy = createRequire(import.meta.url);
const stringify = (value: unknown, options: import('yaml').ToStringOptions): string =>
  (lazy('yaml') as typeof import('yaml')).stringify(value, options);

export interface ImportFlags {
  materials: string;
  mapping: string;
  claim?: string;
  purchases?: string;
  purchasesMapping?: string;
  out?: string;
}

export function registerImport({ program, io, setCode }: CommandSetup): Command {
  const command = program
    .command('import')
    .description(
      'build a claim document from a bill of materials (and steel and aluminum purchases) in CSV or XLSX files',
    )
    .requiredOption('--materials <file>', 'the bill of materials: a .csv or .xlsx file, one row per BOM line')
    .requiredOption(
      '--mapping <file>',
      'column mapping for --materials (YAML or JSON, format usmca-roo/mapping@1, kind materials)',
    )
    .option(
      '--claim <file>',
      'template claim: everything but materials is copied from it (its producer path is rewritten relative to --out)',
    )
    .option(
      '--purchases <file>',
      "steel and aluminum purchases: a .csv or .xlsx file; they replace the producer document's steelAluminum.purchases, and the producer is written inline",
    )
    .option('--purchases-mapping <file>', 'column mapping for --purchases (kind purchases)')
    .option(
      '--out <file>',
      'write the claim to this file: YAML for .yaml/.yml, JSON for .json (default: YAML on standard output)',
    )
    .addHelpText(
      'after',
      `
Column mappings are described in docs/import.md. Every problem in the files is listed with its file,
sheet, row and column; nothing is written unless there are none (exit code 2).

Examples:
  usmca-roo import --materials bom.csv --mapping bom.mapping.yaml > materials.yaml
  usmca-roo import --materials bom.xlsx --mapping bom.mapping.yaml --claim template.yaml --out claim.yaml
  usmca-roo import --materials bom.csv --mapping bom.mapping.yaml --claim template.yaml \\
      --purchases steel.csv --purchases-mapping steel.mapping.yaml --out claim.json`,
    )
    .action(async (flags: ImportFlags) => {
      if ((flags.purchases === undefined) !== (flags.purchasesMapping === undefined)) {
        command.error(
          `error: ${flags.purchases === undefined ? '--purchases-mapping needs --purchases' : '--purchases needs --purchases-mapping'}`,
          { exitCode: EXIT.invalidInput },
        );
      }
      if (flags.out !== undefined && !['.yaml', '.yml', '.json'].includes(extname(flags.out).toLowerCase())) {
        command.error(`error: --out ${flags.out}: expected a .yaml, .yml or .json file`, {
          exitCode: EXIT.invalidInput,
        });
      }
      setCode(await importCommand(flags, io));
    });
  return command;
}

export async function importCommand(flags: ImportFlags, io: CliIo): Promise<number> {
  const at = (f: string) => resolve(io.cwd, f);
  const target = flags.out === undefined ? undefined : checkOutput('--out', flags.out, io.cwd);
  if (target)
    refuseInputs(
      target,
      [
        [flags.materials, 'the bill of materials'],
        [flags.mapping, 'a column mapping'],
        [flags.claim, 'the template claim'],
        [flags.purchases, 'the purchases table'],
        [flags.purchasesMapping, 'a column mapping'],
      ]
        .filter((x): x is [string, string] => x[0] !== undefined)
        .map(([f, role]) => ({ path: at(f), role })),
    );

  const outFile = target?.path;
  const imported = await importClaim({
    materials: { file: at(flags.materials), mapping: at(flags.mapping) },
    purchases:
      flags.purchases !== undefined && flags.purchasesMapping !== undefined
        ? { file: at(flags.purchases), mapping: at(flags.purchasesMapping) }
        : undefined,
    template: flags.claim === undefined ? undefined : at(flags.claim),
    outDir: outFile === undefined ? io.cwd : dirname(outFile),
  });
  const { claim, problems, materials, purchases } = imported;
  for (const note of imported.notes) io.stderr(`usmca-roo import: note: ${note}\n`);

  if (problems.length > 0) {
    io.stderr(renderProblems(sortProblems(problems), io.cwd).replace('nothing was evaluated', 'nothing was written'));
    return EXIT.invalidInput;
  }

  const sources = [flags.materials, flags.purchases].filter((f) => f !== undefined).join(' and ');
  const text =
    outFile !== undefined && extname(outFile).toLowerCase() === '.json'
      ? `${JSON.stringify(claim, null, 2)}\n`
      : `# ${flags.claim === undefined ? 'Imported' : `Claim ${flags.claim} with materials imported`} from ${sources} by usmca-roo import.\n${stringify(claim, { lineWidth: 0 })}`;
  if (outFile === undefined) io.stdout(text);
  else {
    writeOutput(target as OutputTarget, text);
    const count = countMaterials(materials);
    io.stdout(
      `wrote ${flags.out}: ${count} material${count === 1 ? '' : 's'} (${materials.length} top-level)${purchases ? `, ${purchases.length} purchase${purchases.length === 1 ? '' : 's'}` : ''}\n`,
    );
  }
  return EXIT.originating;
}
