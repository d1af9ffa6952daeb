/**
 * `usmca-roo advise <claim>`: what would make the claim pass, as proven plans (src/advise). Exit codes: 0 the claim
 * passes with the margin asked for, or at least one plan is proven; 1 no plan; 2 invalid input; 3 internal error.
 */
import { join, resolve } from 'node:path';
import { prettyJson } from '../canonical/json.js';
import type { Sensitivity } from '../advise/sensitivity.js';
import { claimSource, EXIT, type CliIo, type CommandSetup } from './io.js';
import { limitOptions, readPolicy, type LimitFlags } from './limits.js';
import {
  checkOutput,
  checkWritableFolder,
  CliRefusal,
  makeFolder,
  packInputs,
  refuseInputs,
  writeOutput,
} from './output.js';

export interface AdviseFlags extends LimitFlags {
  json?: boolean;
  objective?: string;
  maxPlans?: string;
  minMargin?: string;
  patchOut?: string;
  solicit?: string;
  sensitivity?: boolean;
  maxEvaluations?: string;
  rules?: string;
}

export function registerAdvise({ program, io, setCode, setJson }: CommandSetup): void {
  const command = program
    .command('advise')
    .description('what would make the claim pass: plans of changes, each proven by evaluating the changed claim')
    .argument('<claim>', 'claim document (format usmca-roo/claim@1), or - for standard input')
    .option('--json', 'print the advice as JSON (format usmca-roo/advice@1)')
    .option(
      '--objective <lines|cost>',
      'fewest changes (lines, default) or least added cost from the quotes in alternatives (cost)',
    )
    .option('--max-plans <n>', 'how many plans to give (default 3)')
    .option(
      '--min-margin <points>',
      'every ratio requirement must pass by at least this many percentage points (default 0)',
    )
    .option(
      '--patch-out <dir>',
      'write each plan as a JSON Patch (RFC 6902) file, plan-1.json, ..., for evaluate --patch',
    )
    .option(
      '--solicit <file.csv|file.xlsx>',
      'write the lines and plants lacking evidence, by supplier, with the value at stake',
    )
    .option(
      '--sensitivity',
      'also give, per requirement, the exchange rates and prices at which the verdict flips (each proven)',
    )
    .option('--max-evaluations <n>', 'most evaluations of changed claims to make (default 60)')
    .option('--rules <dir>', 'use the rule pack in this directory instead of the bundled one')
    .addHelpText(
      'after',
      `
Kinds of change: evidence (a supplier's certification for a line of unknown origin, wage data for a plant, a
certificate for a steel or aluminum purchase), elections (core-parts averaging and methods, the LVC formula, the
transaction value method for a part), re-sourcing (a line bought from originating supply or at a quoted price
from its alternatives, made at a high-wage plant; a regional steel or aluminum purchase). The plans are chosen
jointly by an integer program (HiGHS) and each is proven by evaluating the changed claim, exactly.
Exit codes: 0 the claim passes, or a plan is proven; 1 no plan; 2 invalid input; 3 internal error.

Examples:
  usmca-roo advise examples/borealis-hatchback/claim.yaml
  usmca-roo advise claim.yaml --patch-out plans && usmca-roo evaluate claim.yaml --patch plans/plan-1.json
  usmca-roo advise claim.yaml --objective cost --min-margin 2 --json
  usmca-roo advise claim.yaml --solicit requests.xlsx --sensitivity`,
    )
    .action(async (claim: string, flags: AdviseFlags) => {
      setJson(flags.json === true);
      setCode(await adviseCommand(claim, flags, io));
    });
  limitOptions(command);
}

function positiveInteger(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9]\d{0,5}$/.test(text)) throw new CliRefusal(`${flag} takes a whole number from 1, not "${text}"`);
  return Number(text);
}

/** The folder --patch-out names, created if need be, checked to take files. */
function patchFolder(given: string, cwd: string): string {
  const dir = resolve(cwd, given);
  try {
    makeFolder(dir);
  } catch (err) {
    throw new CliRefusal(
      `--patch-out ${given}: the folder cannot be created (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  checkWritableFolder(dir, `--patch-out ${given}`);
  return dir;
}

export async function adviseCommand(claimPath: string, flags: AdviseFlags, io: CliIo): Promise<number> {
  const maxPlans = positiveInteger(flags.maxPlans, '--max-plans');
  const maxEvaluations = positiveInteger(flags.maxEvaluations, '--max-evaluations');
  if (flags.objective !== undefined && flags.objective !== 'lines' && flags.objective !== 'cost')
    throw new CliRefusal(`--objective takes lines or cost, not "${flags.objective}"`);
  if (flags.minMargin !== undefined && !/^\d{1,3}(\.\d{1,6})?$/.test(flags.minMargin))
    throw new CliRefusal(`--min-margin takes points such as 2 or 0.5, not "${flags.minMargin}"`);
  if (flags.solicit !== undefined && !/\.(csv|xlsx)$/i.test(flags.solicit))
    throw new CliRefusal(`--solicit takes a .csv or .xlsx file, not "${flags.solicit}"`);
  // Outputs are checked before any work, and are never an input.
  const policy = readPolicy(flags, io.cwd);
  const solicitOut = flags.solicit ? checkOutput('--solicit', flags.solicit, io.cwd) : undefined;
  const patchDir = flags.patchOut ? patchFolder(flags.patchOut, io.cwd) : undefined;
  const { loadRulePack } = await import('../rules/load.js');
  const { ruleFacts } = await import('../rules/facts.js');
  const { loadClaimFile } = await import('../input/load-claim.js');
  const { advise } = await import('../advise/advise.js');
  const { renderAdvice } = await import('../advise/render.js');
  const pack = loadRulePack(flags.rules ? resolve(io.cwd, flags.rules) : undefined);
  const source = claimSource(claimPath, io);
  const loaded = loadClaimFile(source.file, { ...policy, rules: ruleFacts(pack) }, source.given);
  const inputs = [...loaded.files, ...packInputs(pack.directory)];
  if (solicitOut) refuseInputs(solicitOut, inputs);
  const advice = await advise(loaded, {
    pack,
    objective: flags.objective === 'cost' ? 'cost' : 'lines',
    ...(maxPlans !== undefined ? { maxPlans } : {}),
    ...(maxEvaluations !== undefined ? { maxEvaluations } : {}),
    ...(flags.minMargin !== undefined ? { minMargin: flags.minMargin } : {}),
  });
  let sensitivity: Sensitivity | undefined;
  if (flags.sensitivity) {
    const { sensitivityOf } = await import('../advise/sensitivity.js');
    sensitivity = await sensitivityOf(loaded, { pack });
  }
  if (patchDir) {
    // Every plan's file is checked against the inputs before the first is written.
    const plans = advice.plans.map((plan) => {
      const name = `plan-${plan.rank}.json`;
      const target = { option: '--patch-out', given: join(flags.patchOut ?? '', name), path: join(patchDir, name) };
      refuseInputs(target, inputs);
      return { target, plan };
    });
    for (const { target, plan } of plans) writeOutput(target, prettyJson(plan.patch));
  }
  if (solicitOut) {
    const { solicitation, writeSolicitation } = await import('../advise/solicit.js');
    const list = await solicitation(loaded, { pack });
    await writeSolicitation(list, solicitOut.path, writeOutput);
  }
  if (flags.json) io.stdout(prettyJson(sensitivity !== undefined ? { ...advice, sensitivity } : advice));
  else {
    io.stdout(renderAdvice(advice));
    if (sensitivity !== undefined) {
      const { renderSensitivity } = await import('../advise/sensitivity.js');
      io.stdout(renderSensitivity(sensitivity));
    }
  }
  return advice.status === 'no-plan' ? EXIT.notOriginating : EXIT.originating;
}
