/** `usmca-roo evaluate <claim>`: evaluate one claim, print the worksheet or the decision JSON. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { prettyJson } from '../canonical/json.js';
import { makeRecord } from '../audit/record.js';
import { evaluate } from '../evaluate.js';
import { loadClaimFile } from '../input/load-claim.js';
import { loadRulePack } from '../rules/load.js';
import { renderWorksheet } from '../render/worksheet.js';
import { EXIT, type CliIo } from './io.js';

export interface EvaluateFlags {
  json?: boolean;
  out?: string;
  rules?: string;
  record?: string;
}

export async function evaluateCommand(claimPath: string, flags: EvaluateFlags, io: CliIo): Promise<number> {
  const pack = loadRulePack(flags.rules ? resolve(io.cwd, flags.rules) : undefined);
  const loaded = loadClaimFile(resolve(io.cwd, claimPath));
  const decision = await evaluate(loaded, { pack });
  const json = prettyJson(decision);
  if (flags.out) writeFileSync(resolve(io.cwd, flags.out), json);
  if (flags.record)
    writeFileSync(
      resolve(io.cwd, flags.record),
      prettyJson(makeRecord(loaded, pack, decision, { command: `evaluate ${claimPath}` })),
    );
  if (flags.json) io.stdout(json);
  else io.stdout(renderWorksheet(decision));
  return decision.verdict === 'originating' ? EXIT.originating : EXIT.notOriginating;
}
