/**
 * Change impact: every selected stored decision re-run under another rule pack, a proposed change of the law,
 * or without one piece of supplier evidence, and compared with the decision as stored. The stored decisions
 * are read and checked, never written: the outcomes are returned (or, on queue workers, written to the run's
 * results). One evaluation per record: the stored decision is the baseline.
 *
 * - rules: the re-run uses the given pack (kept in the store's rule_packs, so that workers can load it);
 * - scenario: the scenario is applied to each record's own recorded pack (or to the given pack), so the
 *   change measured is the scenario's alone;
 * - without-evidence: only records that relied on the evidence are re-run, under their recorded pack, with
 *   what the evidence settled set back (evidence/apply.ts); the others are unaffected.
 */
import { canonicalJson, sha256Hex } from '../canonical/json.js';
import { evaluate } from '../evaluate.js';
import { withdrawEvidence, type EvidenceUseKind } from '../evidence/apply.js';
import { InputError } from '../input/problems.js';
import { rulePackFromContent, RulePackError, type PackContent } from '../rules/load.js';
import type { RulePack } from '../rules/pack.js';
import { ENGINE } from '../version.js';
import { loadCanonical } from '../store/evaluate.js';
import { evidenceUses, evidenceVersions } from '../store/evidence.js';
import { StoreError, type Store } from '../store/open.js';
import { PackCache, type PackSource, type StoredRecord } from '../store/read.js';
import { requirementChanges, type RequirementChange } from './compare.js';
import { applyScenario, ScenarioError, type Scenario } from './scenario.js';

export type ImpactChange =
  | { kind: 'rules'; packSha: string }
  | { kind: 'scenario'; scenario: Scenario; packSha?: string }
  | { kind: 'without-evidence'; evidenceId: string };

export interface ImpactOutcome {
  seq: number;
  /** The claim id. */
  claim: string;
  record: string;
  status: 'changed' | 'unchanged' | 'unaffected' | 'invalid' | 'tampered';
  from: string;
  to: string | null;
  requirements: RequirementChange[];
  reason?: string;
}

/** Stores a pack's content in rule_packs (if new) and returns its content hash, for a `rules` change. */
export async function keepPack(store: Store, pack: RulePack): Promise<string> {
  const text = canonicalJson(pack.content);
  const sha = sha256Hex(text);
  await store.db
    .insertInto('rule_packs')
    .values({ sha256: sha, pack_id: pack.id, version: pack.version, content: text })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  return sha;
}

/** What one impact run needs across records: packs by hash, scenario packs, the evidence's uses. */
export class ImpactContext {
  private readonly packs: PackSource;
  private readonly built = new Map<string, RulePack>();
  private uses: Map<number, Array<{ line: string; use: EvidenceUseKind }>> | undefined;

  /**
   * `store` is where the packs and the evidence's uses are read; a worker thread has none, and is given the packs
   * (`packs`) instead: it can re-run records under rules or a scenario, not without evidence.
   */
  constructor(
    private readonly store: Store | undefined,
    readonly change: ImpactChange,
    packs?: PackSource,
  ) {
    if (packs) this.packs = packs;
    else if (store) this.packs = new PackCache(store);
    else throw new Error('internal: an impact context needs a store or the packs');
  }

  /** The uses of the withdrawn evidence (any version), by record. */
  async evidenceUses(): Promise<Map<number, Array<{ line: string; use: EvidenceUseKind }>>> {
    if (this.change.kind !== 'without-evidence') return new Map();
    if (!this.uses) {
      if (!this.store) throw new Error('internal: the evidence is read from the store');
      const versions = await evidenceVersions(this.store, this.change.evidenceId);
      if (versions.length === 0) throw new StoreError(`no evidence ${this.change.evidenceId} is stored`);
      const rows = await evidenceUses(this.store, { evidenceSeqs: versions.map((v) => v.seq) });
      this.uses = new Map();
      for (const r of rows) {
        const list = this.uses.get(r.recordSeq) ?? [];
        list.push({ line: r.line, use: r.use as EvidenceUseKind });
        this.uses.set(r.recordSeq, list);
      }
    }
    return this.uses;
  }

  /** The pack the re-run of a record uses. */
  async packFor(recordedSha: string): Promise<RulePack> {
    const c = this.change;
    const base = c.kind === 'rules' ? c.packSha : c.kind === 'scenario' && c.packSha ? c.packSha : recordedSha;
    const key = `${c.kind}:${base}`;
    let pack = this.built.get(key);
    if (!pack) {
      const stored = await this.packs.get(base);
      if (!stored || !stored.intact) throw new StoreError(`the rule pack ${base} is missing from the store or altered`);
      pack = rulePackFromContent(stored.content as PackContent, `stored rule pack ${base.slice(0, 12)}`);
      if (c.kind === 'scenario') pack = applyScenario(pack, c.scenario);
      this.built.set(key, pack);
    }
    return pack;
  }
}

/** The impact of the change on one stored record. */
export async function impactOf(ctx: ImpactContext, stored: StoredRecord): Promise<ImpactOutcome> {
  const name = `${stored.claimId}@${stored.version}`;
  const base = { seq: stored.seq, claim: stored.claimId, record: name, requirements: [] as RequirementChange[] };
  const record = stored.record;
  if (stored.problems.length > 0 || !record)
    return { ...base, status: 'tampered', from: '', to: null, reason: stored.problems.join('; ') };
  const before = record.hashed.decision;
  let claim = record.hashed.input.claim as Record<string, unknown>;
  if (ctx.change.kind === 'without-evidence') {
    const uses = (await ctx.evidenceUses()).get(stored.seq);
    if (!uses) return { ...base, status: 'unaffected', from: before.verdict, to: before.verdict };
    claim = withdrawEvidence(claim, uses);
  }
  let after;
  try {
    const pack = await ctx.packFor(stored.packSha);
    after = await evaluate(loadCanonical(claim, `record ${name}: input`), { pack });
  } catch (err) {
    if (err instanceof InputError)
      return {
        ...base,
        status: 'invalid',
        from: before.verdict,
        to: null,
        reason: err.problems.map((p) => `${p.path} ${p.code}: ${p.message}`).join('; '),
      };
    if (err instanceof RulePackError || err instanceof ScenarioError || err instanceof StoreError)
      return { ...base, status: 'invalid', from: before.verdict, to: null, reason: err.message };
    throw err;
  }
  const requirements = requirementChanges(before, after);
  const changed = requirements.length > 0 || before.verdict !== after.verdict;
  return {
    ...base,
    status: changed ? 'changed' : 'unchanged',
    from: before.verdict,
    to: after.verdict,
    requirements,
    ...(record.hashed.engine.version !== ENGINE.version
      ? { reason: `recorded by engine ${record.hashed.engine.version}, re-run by ${ENGINE.version}` }
      : {}),
  };
}
