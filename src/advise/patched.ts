/**
 * A claim changed by a patch, read again through the engine's own validation: the claim as read (view.ts) with
 * the operations applied is validated and normalised like any claim, so its input hash is that of the patched
 * document, and every problem the patch causes is reported (exit 2), each saying which operation set the value.
 * The decision names the patch (`input.patch`: the operations, their sha256 and the unpatched input's sha256).
 */
import { dirname } from 'node:path';
import { canonicalHash } from '../canonical/json.js';
import type { SourceDocument } from '../documents/source.js';
import { evaluate } from '../evaluate.js';
import { loadClaimDocument, type LoadedClaim } from '../input/load-claim.js';
import { InputError, sortProblems, type InputProblem } from '../input/problems.js';
import type { RulePack } from '../rules/pack.js';
import type { Decision, InputPatch } from '../verdict/decision.js';
import { applyPatch, type Operation, type PatchSource } from './patch.js';
import { claimView, pointerTokens, toPointer } from './view.js';

/** A claim as changed by a patch, with the patch as the decision will name it. */
export interface PatchedClaim {
  /** The changed claim, validated and normalised as if read from files. */
  loaded: LoadedClaim;
  /** The operations with their sha256 and the input's sha256 before them. */
  patch: InputPatch;
}

/**
 * `loaded` changed by `operations`. Throws InputError for a patch that cannot be applied or leaves an invalid
 * claim. `copy: 'path'` is for patches of add, replace, remove and test only (see applyPatch).
 */
export function patchClaim(
  loaded: LoadedClaim,
  operations: readonly Operation[],
  sources: readonly PatchSource[],
  copy: 'deep' | 'path' = 'deep',
): PatchedClaim {
  const { document, problems } = applyPatch(claimView(loaded), operations, sources, copy);
  if (problems.length > 0) throw new InputError(sortProblems(problems));
  const file = loaded.sources.claim.file;
  const doc: SourceDocument = { file: `${file} (as patched)`, format: 'json', data: document, locate: () => undefined };
  let patched: LoadedClaim;
  try {
    patched = loadClaimDocument(
      doc,
      () => {
        throw new Error('internal: a patched claim holds its producer document');
      },
      dirname(file),
    );
  } catch (err) {
    if (err instanceof InputError) throw new InputError(err.problems.map((p) => withOperation(p, operations)));
    throw err;
  }
  return {
    loaded: patched,
    patch: {
      baseSha256: loaded.inputSha256,
      sha256: canonicalHash(operations),
      operations: operations.map((o) => ({ ...o })),
    },
  };
}

/** Evaluates a patched claim: the decision names the patch. */
export function evaluatePatched(patched: PatchedClaim, pack: RulePack): Decision {
  return evaluate(patched.loaded, { pack, patch: patched.patch });
}

/** A problem of the patched claim, saying which operation wrote the value it is about (the last one). */
function withOperation(p: InputProblem, operations: readonly Operation[]): InputProblem {
  const at = toPointer(p.path);
  if (at === undefined) return p;
  const tokens = pointerTokens(at) ?? [];
  let found = -1;
  operations.forEach((o, i) => {
    const op = pointerTokens(o.path) ?? [];
    const n = Math.min(op.length, tokens.length);
    if (op.slice(0, n).every((t, k) => t === tokens[k])) found = i;
  });
  if (found < 0) return p;
  const o = operations[found] as Operation;
  return { ...p, message: `${p.message} (value written by patch operation ${found}: ${o.op} ${o.path})` };
}
