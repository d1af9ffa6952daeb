/**
 * `usmca-roo import`: a bill of materials (and optionally the steel and aluminum purchases) from CSV or
 * XLSX, through column mappings, into a claim document. With a template claim, everything but the
 * imported lists is copied from the template. Nothing is written when any input has a problem (exit 2).
 */
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { createRequire } from 'node:module';
import { InputError, sortProblems, syntaxToInputError, type InputProblem } from '../input/problems.js';
import { FileRefusal, resolveReference } from '../documents/files.js';
import { readDocument } from '../documents/read.js';
import type { SourceDocument } from '../documents/source.js';
import { importTableAsync, loadMapping, type TableKind } from '../input/tabular/index.js';
import { EXIT, type CliIo } from './io.js';
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

const CLAIM_FORMAT = 'usmca-roo/claim@1';
const PRODUCER_FORMAT = 'usmca-roo/producer@1';

export function registerImport(program: Command, io: CliIo, setCode: (n: number) => void): Command {
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
  const problems: InputProblem[] = [];
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

  const materials = await importList(at(flags.materials), at(flags.mapping), 'materials', problems);
  const purchases =
    flags.purchases !== undefined && flags.purchasesMapping !== undefined
      ? await importList(at(flags.purchases), at(flags.purchasesMapping), 'purchases', problems)
      : undefined;

  const outFile = target?.path;
  const outDir = outFile === undefined ? io.cwd : dirname(outFile);
  let claim: Record<string, unknown>;
  if (flags.claim !== undefined) {
    const templateFile = at(flags.claim);
    const template = readObject(templateFile, CLAIM_FORMAT, problems);
    claim = { ...(template?.data ?? {}) };
    claim.materials = materials;
    const producer = claim.producer;
    if (purchases !== undefined) {
      let producerData: Record<string, unknown> | undefined;
      if (typeof producer === 'string') {
        // The template names its producer document: inside the template's folder only, as for a claim.
        let producerFile: string | undefined;
        try {
          producerFile = resolveReference(dirname(templateFile), dirname(templateFile), producer);
        } catch (err) {
          if (!(err instanceof FileRefusal)) throw err;
          problems.push({
            code: err.code,
            path: 'producer',
            file: templateFile,
            line: template?.doc.locate(['producer'])?.line,
            message: `producer document ${producer}: ${err.reason}`,
          });
        }
        if (producerFile !== undefined) producerData = readObject(producerFile, PRODUCER_FORMAT, problems)?.data;
      } else if (isRecord(producer)) producerData = producer;
      else if (template) producerData = { format: PRODUCER_FORMAT };
      if (producerData) claim.producer = withPurchases(producerData, purchases, io);
    } else if (typeof producer === 'string' && !isAbsolute(producer)) {
      claim.producer = portable(relative(outDir, resolve(dirname(templateFile), producer)));
    }
  } else {
    claim = { format: CLAIM_FORMAT, materials };
    if (purchases !== undefined) claim.producer = { format: PRODUCER_FORMAT, steelAluminum: { purchases } };
  }

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

async function importList(
  file: string,
  mappingFile: string,
  kind: TableKind,
  problems: InputProblem[],
): Promise<unknown[]> {
  const loaded = loadMapping(mappingFile);
  problems.push(...loaded.problems);
  if (!loaded.mapping) return [];
  if (loaded.mapping.kind !== kind) {
    problems.push({
      code: 'MAPPING_INVALID',
      path: 'kind',
      file: mappingFile,
      message: `this mapping is for ${loaded.mapping.kind}; the ${kind === 'materials' ? '--mapping' : '--purchases-mapping'} option needs kind: ${kind}`,
    });
    return [];
  }
  const result = await importTableAsync(file, loaded.mapping, mappingFile);
  problems.push(...result.problems);
  return result.document.data as unknown[];
}

function readObject(
  file: string,
  format: string,
  problems: InputProblem[],
): { doc: SourceDocument; data: Record<string, unknown> } | undefined {
  let doc: SourceDocument;
  try {
    doc = readDocument(file);
  } catch (err) {
    const converted = syntaxToInputError(err);
    if (converted instanceof InputError) {
      problems.push(...converted.problems);
      return undefined;
    }
    throw err;
  }
  if (!isRecord(doc.data) || doc.data.format !== format) {
    problems.push({
      code: 'DOCUMENT_FORMAT',
      path: 'format',
      file,
      line: doc.locate(['format'])?.line,
      message: `expected a document with format: ${format}`,
    });
    return undefined;
  }
  return { doc, data: doc.data };
}

function withPurchases(producer: Record<string, unknown>, purchases: unknown[], io: CliIo): Record<string, unknown> {
  const current = producer.steelAluminum;
  const steelAluminum = isRecord(current) ? { ...current, purchases } : { purchases };
  if (!isRecord(current)) {
    io.stderr(
      'usmca-roo import: note: the producer document has no steelAluminum section; add its period and basis to the written claim\n',
    );
  }
  return { ...producer, steelAluminum };
}

function countMaterials(list: unknown[]): number {
  let count = 0;
  const stack = [list];
  while (stack.length > 0) {
    const items = stack.pop() as unknown[];
    count += items.length;
    for (const item of items) {
      const children = isRecord(item) ? item.materials : undefined;
      if (Array.isArray(children)) stack.push(children);
    }
  }
  return count;
}

function portable(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
