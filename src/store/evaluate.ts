/**
 * Evaluating a claim into the store: the stored supplier evidence is applied to its bill of materials, the
 * claim is evaluated, and the decision record is stored with the evidence it relied on, in one transaction.
 * The record's input is the claim as evaluated (evidence applied), so the record replays on its own, years
 * later, without the store.
 */
import type { KeyObject } from 'node:crypto';
import { makeRecord, type DecisionRecord } from '../audit/record.js';
import { signContent } from '../audit/signature.js';
import { evaluate } from '../evaluate.js';
import { applyEvidence, type AppliedEvidence, type StoredEvidence } from '../evidence/apply.js';
import { evidenceProblems } from '../evidence/problems.js';
import { loadClaimDocument, type LoadedClaim } from '../input/load-claim.js';
import { InputError, sortProblems } from '../input/problems.js';
import type { RulePack } from '../rules/pack.js';
import type { Decision } from '../verdict/decision.js';
import type { Store } from './open.js';
import { putRecord, type StoredRef } from './records.js';

export interface StoredEvaluation {
  decision: Decision;
  record: DecisionRecord;
  ref: StoredRef;
  evidence: AppliedEvidence[];
}

/**
 * The claim with the evidence applied, as a loaded claim ready to evaluate (the same object when no evidence
 * applies). Problems the evidence brings (an amount in a currency the claim has no rate for) are input
 * problems located in `file`; a statement lacking the net cost the claim's method needs is reported at the
 * evidence item's `statement.netCost` (evidenceProblems).
 */
export function withEvidence(
  loaded: LoadedClaim,
  evidence: readonly StoredEvidence[],
  file: string,
): { loaded: LoadedClaim; uses: AppliedEvidence[] } {
  const applied = applyEvidence(loaded.canonicalInput.claim as unknown as Record<string, unknown>, evidence);
  if (applied.uses.length === 0) return { loaded, uses: [] };
  const doc = { file, format: 'json' as const, data: applied.claim, locate: () => undefined };
  try {
    const reloaded = loadClaimDocument(doc, () => {
      throw new Error('internal: the canonical input inlines its producer');
    });
    return { loaded: reloaded, uses: applied.uses };
  } catch (err) {
    // A problem the evidence caused (a statement without the net cost the method needs) is the evidence's.
    if (!(err instanceof InputError)) throw err;
    throw new InputError(sortProblems(evidenceProblems(err.problems, applied.claim, applied.uses, evidence)));
  }
}

/** A claim already in canonical input form (a record's input, a queued job) as a loaded claim. */
export function loadCanonical(claim: unknown, file: string): LoadedClaim {
  return loadClaimDocument({ file, format: 'json', data: claim, locate: () => undefined }, () => {
    throw new Error('internal: the canonical input inlines its producer');
  });
}

/** How a claim is evaluated into the store, beyond the claim and the rule pack. */
export interface EvaluateIntoStoreOptions {
  /** The store's current supplier evidence (intact items only). */
  evidence: readonly StoredEvidence[];
  /** The claim's file, named in problems the evidence brings. */
  file: string;
  /** The command named in the record's envelope. */
  command?: string;
  /** The patch the claim was changed by (evaluate --patch/--set), named in the decision. */
  patch?: Decision['input']['patch'];
  /** An Ed25519 private key signing the record's hashed part. */
  signKey?: KeyObject;
}

/**
 * Evaluates `loaded` with the evidence given and makes its record (the evidence it relied on is also listed in
 * the record's envelope), signed if a key is given; nothing is stored. Throws InputError for a claim the
 * evidence makes invalid.
 */
export async function evaluateWithEvidence(
  loaded: LoadedClaim,
  pack: RulePack,
  options: EvaluateIntoStoreOptions,
): Promise<{ decision: Decision; record: DecisionRecord; uses: AppliedEvidence[] }> {
  const prepared = withEvidence(loaded, options.evidence, options.file);
  const decision = await evaluate(prepared.loaded, { pack, patch: options.patch });
  const record = makeRecord(prepared.loaded, pack, decision, options.command ? { command: options.command } : {});
  if (options.signKey) record.signature = { jws: await signContent(record.hashed, options.signKey, 'record') };
  if (prepared.uses.length > 0)
    (record.envelope as Record<string, unknown>).evidence = prepared.uses.map((u) => ({
      id: u.evidenceId,
      line: u.line,
      use: u.use,
    }));
  return { decision, record, uses: prepared.uses };
}

/** Stores a record made by evaluateWithEvidence, with the evidence it relied on, in one transaction. */
export function storeEvaluated(
  store: Store,
  record: DecisionRecord,
  uses: readonly AppliedEvidence[],
  meta: { estimated?: string; runId?: string },
): Promise<StoredRef> {
  return putRecord(
    store,
    record,
    meta,
    uses.map((u) => ({ evidenceSeq: u.seq, line: u.line, use: u.use })),
  );
}

/** Evaluates `loaded` with the store's evidence and stores the record; returns the decision and its reference. */
export async function evaluateIntoStore(
  store: Store,
  loaded: LoadedClaim,
  pack: RulePack,
  options: EvaluateIntoStoreOptions & { estimated?: string; runId?: string },
): Promise<StoredEvaluation> {
  const made = await evaluateWithEvidence(loaded, pack, options);
  const ref = await storeEvaluated(store, made.record, made.uses, {
    estimated: options.estimated,
    runId: options.runId,
  });
  return { decision: made.decision, record: made.record, ref, evidence: made.uses };
}
