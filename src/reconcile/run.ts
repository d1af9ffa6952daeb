/**
 * The year-end reconciliation (19 CFR 182.102; UR s. 7(20), 16(9), 17(11)): for each claim of an actuals file,
 * the stored decisions made on estimated figures within the fiscal year are found, the latest of them is
 * re-evaluated on the actual figures (its recorded input changed as the file says, under its recorded rule
 * pack), and the result is compared with it. A vehicle found originating on estimates and not on the actual
 * figures "falls": every certificate issued from those decisions no longer holds, and the notice the rules
 * require is due (notice.ts). The reconciled decision is stored as a new version of the claim (once per
 * actuals file: storing the same file again adds nothing), unless the caller only wants the report.
 */
import { patchClaim } from '../advise/patched.js';
import { makeRecord } from '../audit/record.js';
import { canonicalHash } from '../canonical/json.js';
import { evaluate } from '../evaluate.js';
import { requirementChanges, type RequirementChange } from '../impact/compare.js';
import { InputError, sortProblems, type InputProblem } from '../input/problems.js';
import { rulePackFromContent, type PackContent } from '../rules/load.js';
import type { RulePack } from '../rules/pack.js';
import { certificatesOf, type StoredCertificate } from '../store/certificates.js';
import { loadCanonical } from '../store/evaluate.js';
import type { Store } from '../store/open.js';
import { fetchRecords, listRecords } from '../store/query.js';
import type { StoredRecord } from '../store/read.js';
import { putRecord } from '../store/records.js';
import { unmatchedEntries, type ActualsFile } from './actuals.js';
import { entryChanges, placed } from './changes.js';
import { noticeFor, type Notice } from './notice.js';

export type ReconcileStatus = 'holds' | 'falls' | 'now-originating' | 'still-not-originating';

/** What the reconciliation found for one claim. */
export interface ReconcileOutcome {
  claim: string;
  /** The stored decisions made on estimates within the fiscal year (CLAIM@VERSION), oldest first. */
  reconciled: string[];
  /** What their figures were estimated on: costs, purchases, or both. */
  estimated: string;
  /** The decision re-evaluated on the actual figures: the latest of `reconciled`. */
  baseline: string;
  from: string;
  to: string;
  status: ReconcileStatus;
  /** The requirements whose status, value, threshold or margin moved. */
  requirements: RequirementChange[];
  /** The reconciled decision as stored (CLAIM@VERSION), unless the run only reported. */
  stored?: string;
  /** The certificates issued from the reconciled decisions: they no longer hold if the claim falls. */
  certificates: StoredCertificate[];
  /** For a claim that falls: whom to notify, by when, under which provision. */
  notice?: Notice;
}

/** The stored decisions on estimates, by claim, with their decision dates (for matching the entries). */
async function estimatedDecisions(store: Store, claims: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await listRecords(store, { estimated: true });
  const wanted = new Set(claims);
  const out = new Map<string, string[]>();
  for (const r of rows.filter((x) => wanted.has(x.claimId)))
    out.set(r.claimId, [...(out.get(r.claimId) ?? []), r.decisionDate]);
  return out;
}

function statusOf(from: string, to: string): ReconcileStatus {
  if (from === 'originating') return to === 'originating' ? 'holds' : 'falls';
  return to === 'originating' ? 'now-originating' : 'still-not-originating';
}

/**
 * Reconciles every entry of an actuals file. Throws InputError (every problem of every entry at once) if an
 * entry names no decision on estimates, or its changes cannot be applied; a stored record that fails its
 * hash check is reported by throwing too (reconciling on a tampered decision would hide it).
 * `procedure` is the rule pack giving the notice rules (the bundled one).
 */
export async function reconcile(
  store: Store,
  file: ActualsFile,
  procedure: RulePack,
  options: { store: boolean; command: string },
): Promise<ReconcileOutcome[]> {
  const { fiscalYear, determinedOn, actuals } = file.actuals;
  const problems = unmatchedEntries(
    file,
    await estimatedDecisions(
      store,
      actuals.map((e) => e.claim),
    ),
  );
  const unmatched = new Set(problems.map((p) => p.path));
  const runId = `reconcile:${canonicalHash(file.actuals).slice(0, 32)}`;
  const prepared = [];
  for (const [i, entry] of actuals.entries()) {
    if (unmatched.has(`actuals[${i}].claim`)) continue;
    const records = await fetchRecords(store, {
      claim: entry.claim,
      estimated: true,
      from: fiscalYear.start,
      to: fiscalYear.end,
    });
    const tampered = records.filter((r) => r.problems.length > 0 || !r.record);
    if (tampered.length > 0)
      throw new ReconcileRefused(
        `claim ${entry.claim}: ${tampered.map((r) => `record ${r.claimId}@${r.version} has been altered (${r.problems.join('; ')})`).join('; ')}`,
      );
    const baseline = records[records.length - 1] as StoredRecord;
    const claim = baseline.record!.hashed.input.claim as Record<string, unknown>;
    const made = entryChanges(file, i, entry, claim);
    problems.push(...made.problems);
    if (!made.usable) continue;
    try {
      const name = `${baseline.claimId}@${baseline.version}`;
      const patched = patchClaim(
        loadCanonical(claim, `record ${name}: input`),
        made.changes.operations,
        made.changes.sources,
      );
      if (made.problems.length === 0) prepared.push({ entry, records, baseline, patched });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.push(...err.problems.map((p) => placed(file, i, made.changes, p)));
    }
  }
  if (problems.length > 0) throw new InputError(sortProblems(problems));

  const outcomes: ReconcileOutcome[] = [];
  for (const { entry, records, baseline, patched } of prepared) {
    const record = baseline.record!;
    const pack = rulePackFromContent(
      record.hashed.rulePack as PackContent,
      `record ${baseline.claimId}@${baseline.version}: rule pack`,
    );
    const before = record.hashed.decision;
    const after = await evaluate(patched.loaded, { pack, patch: patched.patch });
    const status = statusOf(before.verdict, after.verdict);
    const reconciled = records.map((r) => `${r.claimId}@${r.version}`);
    let stored: string | undefined;
    if (options.store) {
      const made = makeRecord(patched.loaded, pack, after, { command: options.command });
      (made.envelope as Record<string, unknown>).reconciles = reconciled;
      const ref = await putRecord(store, made, { runId });
      stored = `${ref.claimId}@${ref.version}`;
    }
    const certificates = await certificatesOf(
      store,
      records.map((r) => r.seq),
    );
    outcomes.push({
      claim: entry.claim,
      reconciled,
      estimated: [...new Set(records.flatMap((r) => r.estimated.split(',')))].sort().join(','),
      baseline: `${baseline.claimId}@${baseline.version}`,
      from: before.verdict,
      to: after.verdict,
      status,
      requirements: requirementChanges(before, after),
      ...(stored ? { stored } : {}),
      certificates,
      ...(status === 'falls' ? { notice: noticeFor(procedure, determinedOn, after, certificates) } : {}),
    });
  }
  return outcomes;
}

/** A reconciliation refused as a whole (a stored decision it rests on fails its hash check). */
export class ReconcileRefused extends Error {}
