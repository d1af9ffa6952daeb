/**
 * Replay: recompute a recorded decision from its recorded input under the recorded rule pack (or today's,
 * to see what a rule change would do), and compare. A record whose hashed part no longer matches its hash
 * is reported as tampered, and not replayed.
 */
import { evaluate } from '../evaluate.js';
import { loadClaimDocument } from '../input/load-claim.js';
import { InputError } from '../input/problems.js';
import type { SourceDocument } from '../documents/source.js';
import { loadRulePack, rulePackFromContent, RulePackError } from '../rules/load.js';
import type { RulePack } from '../rules/pack.js';
import type { Decision } from '../verdict/decision.js';
import { ENGINE } from '../version.js';
import { canonicalJson } from '../canonical/json.js';
import { diff, type Difference } from './diff.js';
import { recordIntact, type DecisionRecord } from './record.js';

export type ReplayOutcome =
  | {
      status: 'identical' | 'different';
      decision: Decision;
      differences: Difference[];
      rules: 'recorded' | 'current';
      pack: { id: string; version: string; sha256: string };
      engine: { recorded: string; current: string };
    }
  | { status: 'tampered'; reason: string }
  | { status: 'invalid'; reason: string };

export async function replay(
  record: DecisionRecord,
  options: { rules?: 'recorded' | 'current' } = {},
): Promise<ReplayOutcome> {
  if (!recordIntact(record)) {
    return { status: 'tampered', reason: `the record's content no longer matches its sha256 ${record.sha256}` };
  }
  const which = options.rules ?? 'recorded';
  let pack: RulePack;
  try {
    pack = which === 'current' ? loadRulePack() : rulePackFromContent(record.hashed.rulePack, 'recorded rule pack');
  } catch (err) {
    if (err instanceof RulePackError) return { status: 'invalid', reason: err.message };
    throw err;
  }
  if (which === 'recorded' && pack.sha256 !== record.hashed.rules.sha256) {
    return {
      status: 'tampered',
      reason: `the embedded rule pack hashes to ${pack.sha256}, not the recorded ${record.hashed.rules.sha256}`,
    };
  }
  const doc: SourceDocument = {
    file: 'record:input',
    format: 'json',
    data: record.hashed.input.claim,
    locate: () => undefined,
  };
  let decision: Decision;
  try {
    decision = await evaluate(
      loadClaimDocument(doc, () => {
        throw new Error('internal: a recorded input inlines its producer');
      }),
      { pack },
    );
  } catch (err) {
    if (err instanceof InputError)
      return {
        status: 'invalid',
        reason: `the recorded input no longer validates: ${err.problems.map((p) => `${p.path} ${p.code}`).join('; ')}`,
      };
    throw err;
  }
  const { engine: _a, ...recorded } = record.hashed.decision;
  const { engine: _b, ...now } = decision;
  const identical = canonicalJson(recorded) === canonicalJson(now);
  return {
    status: identical ? 'identical' : 'different',
    decision,
    differences: identical ? [] : diff(recorded, now),
    rules: which,
    pack: { id: pack.id, version: pack.version, sha256: pack.sha256 },
    engine: { recorded: record.hashed.engine.version, current: ENGINE.version },
  };
}
