/** One claim of a batch: evaluate it and write its decision; report a one-line summary (no throw). */
import { writeFileSync } from 'node:fs';
import { prettyJson } from '../canonical/json.js';
import { evaluate } from '../evaluate.js';
import { loadClaimFile } from '../input/load-claim.js';
import { InputError, type InputProblem } from '../input/problems.js';
import { loadRulePack } from '../rules/load.js';
import { ruleFacts } from '../rules/facts.js';

export interface JobResult {
  file: string;
  output?: string;
  claimId?: string;
  verdict?: 'originating' | 'not-originating';
  failing?: string[];
  rvc?: string;
  problems?: InputProblem[];
  error?: string;
}

export async function runJob(file: string, output: string, rulesDir?: string): Promise<JobResult> {
  try {
    const pack = loadRulePack(rulesDir);
    const decision = await evaluate(loadClaimFile(file, { rules: ruleFacts(pack) }), { pack });
    writeFileSync(output, prettyJson(decision));
    return {
      file,
      output,
      claimId: decision.claim.id,
      verdict: decision.verdict,
      failing: decision.requirements.filter((r) => r.status === 'fail').map((r) => r.id),
      ...(decision.requirements.find((r) => r.id === 'rvc')?.value !== undefined
        ? { rvc: decision.requirements.find((r) => r.id === 'rvc')?.value }
        : {}),
    };
  } catch (err) {
    if (err instanceof InputError) return { file, problems: err.problems };
    return { file, error: (err as Error).stack ?? String(err) };
  }
}
