/** One claim of a batch: evaluate it and write its decision; report a one-line summary (no throw). */
import { statSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { prettyJson } from '../canonical/json.js';
import { evaluate } from '../evaluate.js';
import type { ReadPolicy } from '../documents/files.js';
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
  /** The decision was not written (its output would have replaced one of the claim's inputs, or failed). */
  refused?: string;
  error?: string;
}

function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

export async function runJob(
  file: string,
  output: string,
  rulesDir?: string,
  policy: ReadPolicy = {},
): Promise<JobResult> {
  try {
    const pack = loadRulePack(rulesDir);
    const loaded = loadClaimFile(file, { ...policy, rules: ruleFacts(pack) });
    const input = loaded.files.find((f) => sameFile(f.path, output));
    if (input) return { file, refused: `its decision file ${output} is ${input.role}; nothing was written over it` };
    const decision = evaluate(loaded, { pack });
    try {
      writeFileAtomic.sync(output, prettyJson(decision));
    } catch (err) {
      return { file, refused: `${output} cannot be written (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
    }
    const rvc = decision.requirements.find((r) => r.id === 'rvc')?.value;
    return {
      file,
      output,
      claimId: decision.claim.id,
      verdict: decision.verdict,
      failing: decision.requirements.filter((r) => r.status === 'fail').map((r) => r.id),
      ...(rvc !== undefined ? { rvc } : {}),
    };
  } catch (err) {
    if (err instanceof InputError) return { file, problems: err.problems };
    return { file, error: (err as Error).stack ?? String(err) };
  }
}
