/** One claim of a batch: evaluate it and write its decision; report a one-line summary (no throw). */
import { statSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { prettyJson } from '../canonical/json.js';
import { evaluate } from '../evaluate.js';
import { DEFAULT_LIMITS, readBytes, type ReadPolicy } from '../documents/files.js';
import { loadClaimFile } from '../input/load-claim.js';
import { InputError, type InputProblem } from '../input/problems.js';
import { loadRulePack } from '../rules/load.js';
import { ruleFacts } from '../rules/facts.js';
import type { Verdict } from '../verdict/origin.js';

/** What became of one claim of a batch. */
export type JobResult =
  /** Decided: the decision was written to `output`. */
  | {
      kind: 'decided';
      file: string;
      output: string;
      claimId: string;
      verdict: Verdict;
      /** Ids of the requirements that fail. */
      failing: string[];
      /** The RVC as the decision shows it (percent), when there is one. */
      rvc?: string;
    }
  /** The claim has input problems (every one, as `evaluate` reports them): nothing was decided. */
  | { kind: 'invalid'; file: string; problems: InputProblem[] }
  /** Decided, but the decision was not written (it would have replaced one of the claim's inputs, or failed). */
  | { kind: 'refused'; file: string; reason: string }
  /** An internal error (a bug), with its stack. */
  | { kind: 'crashed'; file: string; error: string };

function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/**
 * Whether a batch may write `output`: a new file, or a decision a batch wrote there before. Any other file is
 * left alone, since it may be an input of another claim of the batch (a producer document kept in the output
 * folder), which this claim's own inputs cannot tell.
 */
function replaceable(output: string): boolean {
  try {
    statSync(output);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
  try {
    return /^\s*"format": "usmca-roo\/decision@\d+",?$/m.test(
      readBytes(output, DEFAULT_LIMITS.maxFileBytes).toString('utf8'),
    );
  } catch {
    return false;
  }
}

/** Evaluates one claim and writes its decision to `output`; never throws. */
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
    if (input)
      return {
        kind: 'refused',
        file,
        reason: `its decision file ${output} is ${input.role}; nothing was written over it`,
      };
    const decision = evaluate(loaded, { pack });
    if (!replaceable(output))
      return {
        kind: 'refused',
        file,
        reason: `${output} exists and is not a decision; nothing was written over it (it may be another claim's input)`,
      };
    try {
      writeFileAtomic.sync(output, prettyJson(decision));
    } catch (err) {
      return {
        kind: 'refused',
        file,
        reason: `${output} cannot be written (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      };
    }
    const rvc = decision.requirements.find((r) => r.id === 'rvc')?.value;
    return {
      kind: 'decided',
      file,
      output,
      claimId: decision.claim.id,
      verdict: decision.verdict,
      failing: decision.requirements.filter((r) => r.status === 'fail').map((r) => r.id),
      ...(rvc !== undefined ? { rvc } : {}),
    };
  } catch (err) {
    if (err instanceof InputError) return { kind: 'invalid', file, problems: err.problems };
    return { kind: 'crashed', file, error: (err as Error).stack ?? String(err) };
  }
}
