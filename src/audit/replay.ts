/**
 * Replay: recompute a recorded decision from its recorded input under the recorded rule pack (or today's, to
 * see what a rule change would do), and compare. Outcomes:
 * - `altered`: the record's content no longer matches its sha256; or its rule pack is not the one it names
 *   (id, version or hash); or, under the recorded pack and the same engine version, the recorded decision is not
 *   what the engine decides from the recorded input: since the same input, rules and engine give the same bytes,
 *   the record was edited (and re-hashed);
 * - `different`: the decision differs under today's rules (`rules: 'current'`), or the record was made by an
 *   older engine version, whose changes may explain the differences;
 * - `identical`;
 * - `needsEngine`: the record is intact (its sha256 matches, and so does the hash of the pack it embeds), but its
 *   pack is one this engine cannot run: it lacks rules this engine requires (rules added since, such as a new
 *   `usmca.interpretation.*` switch) or holds rules in a form it no longer reads. Nothing says the record is
 *   wrong: it is replayed with the engine version that made it (`npx usmca-roo@VERSION replay FILE`);
 * - `invalid`: the record cannot be replayed here (made by a newer engine or another program, or its input
 *   no longer validates).
 * Each outcome that replays carries the release status of the pack used (rules/release.ts); what to do with a
 * pack that is not released is the caller's policy (releasePolicy).
 */
import { evaluate } from '../evaluate.js';
import { loadClaimDocument } from '../input/load-claim.js';
import { InputError } from '../input/problems.js';
import type { SourceDocument } from '../documents/source.js';
import { loadRulePack, REQUIRED_RULE_MISSING, rulePackFromContent, RulePackError } from '../rules/load.js';
import type { RulePack } from '../rules/pack.js';
import { packRelease, type PackRelease } from '../rules/release.js';
import type { Decision } from '../verdict/decision.js';
import { ENGINE } from '../version.js';
import { canonicalHash, canonicalJson } from '../canonical/json.js';
import { diff, type Difference } from './diff.js';
import { recordIntact, type DecisionRecord } from './record.js';

/** A rule pack as a replay names it. */
export interface ReplayedPack {
  /** The pack's id. */
  id: string;
  /** Its version. */
  version: string;
  /** SHA-256 (hex) of its canonical content. */
  sha256: string;
  /** Whether it is a released pack, a modified one, unreleased or unregistered (rules/release.ts). */
  release: PackRelease;
}

/**
 * What replay found (the module comment above explains each status): for `identical` and `different`, the
 * recomputed decision, the differences (JSON paths with the recorded and recomputed values), the packs and the
 * engine versions; for `altered` and `invalid`, the reason in words. The CLI maps them to exit codes 0, 1, 4, 2.
 */
export type ReplayOutcome =
  | {
      status: 'identical' | 'different';
      decision: Decision;
      differences: Difference[];
      rules: 'recorded' | 'current';
      /** The pack the decision was recomputed under. */
      pack: ReplayedPack;
      /** The pack the record was made under (the same as `pack` when `rules` is 'recorded'). */
      recordedPack: ReplayedPack;
      engine: { recorded: string; current: string; relation: 'same' | 'older' };
    }
  | { status: 'altered'; reason: string; differences?: Difference[] }
  | {
      status: 'needsEngine';
      reason: string;
      /** The pack the record was made under, as it names it (its hash checked against the content it embeds). */
      recordedPack: ReplayedPack;
      engine: { recorded: string; current: string };
      /** The rules this engine requires that the recorded pack lacks (ids, sorted). */
      missingRules: string[];
      /** How many other problems this engine finds in the recorded pack (rules in a form it no longer reads). */
      otherProblems: number;
      /**
       * The engine that made the record, as a command to which `replay FILE` is appended: its release is the git
       * tag `v` + version of the usmca-roo repository (`git checkout v0.2.0 && npm ci && node bin/usmca-roo.js`).
       * The package is not on the npm registry, so an `npx usmca-roo@VERSION` would fetch whatever someone
       * published under that name.
       */
      replayWith: string;
      /** The git tag of the engine's release that made the record (`v0.2.0`). */
      engineTag: string;
    }
  | { status: 'invalid'; reason: string };

/** The message for a `needsEngine` outcome; `command` is what to run with that engine (`replay FILE`). */
export function needsEngineMessage(
  outcome: Extract<ReplayOutcome, { status: 'needsEngine' }>,
  command: string,
): string {
  return `${outcome.reason}; replay it with the engine that made it, tag ${outcome.engineTag} of the usmca-roo repository: ${outcome.replayWith} ${command}`;
}

/** -1, 0 or 1 comparing two MAJOR.MINOR.PATCH versions; undefined if either is not one. */
export function compareVersions(a: string, b: string): number | undefined {
  const pa = /^(\d+)\.(\d+)\.(\d+)$/.exec(a);
  const pb = /^(\d+)\.(\d+)\.(\d+)$/.exec(b);
  if (!pa || !pb) return undefined;
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/**
 * An intact record whose embedded pack this engine cannot load: altered if the pack is not the one the record
 * names (its hash), otherwise `needsEngine`, naming the rules it lacks and the engine version to replay it with.
 */
function packThisEngineCannotRun(h: DecisionRecord['hashed'], err: RulePackError): ReplayOutcome {
  const named = h.rules;
  const sha256 = canonicalHash(h.rulePack);
  if (sha256 !== named.sha256)
    return {
      status: 'altered',
      reason: `the record names rule pack ${named.id} ${named.version} (sha256 ${named.sha256.slice(0, 16)}...), but the pack it embeds has sha256 ${sha256.slice(0, 16)}...`,
    };
  const missingRules = err.problems
    .filter((p) => p.message === REQUIRED_RULE_MISSING)
    .map((p) => p.key)
    .sort();
  const otherProblems = err.problems.length - missingRules.length;
  const lacks = [
    ...(missingRules.length > 0 ? [`lacks rules it requires (${missingRules.join(', ')})`] : []),
    ...(otherProblems > 0
      ? [`holds ${otherProblems} rule${otherProblems === 1 ? '' : 's'} in a form it no longer reads`]
      : []),
  ].join(' and ');
  return {
    status: 'needsEngine',
    reason: `the record was made by ${ENGINE.name} ${h.engine.version} under rule pack ${named.id} ${named.version} (sha256 ${named.sha256.slice(0, 16)}...), which this engine (${ENGINE.version}) cannot re-run: the pack ${lacks}`,
    recordedPack: { id: named.id, version: named.version, sha256, release: packRelease({ ...named, sha256 }) },
    engine: { recorded: h.engine.version, current: ENGINE.version },
    missingRules,
    otherProblems,
    replayWith: `git checkout ${engineTag(h.engine.version)} && npm ci && node bin/${ENGINE.name}.js`,
    engineTag: engineTag(h.engine.version),
  };
}

/** The git tag of an engine release: `v` + its version (`v0.2.0`), as the release commits are tagged. */
export function engineTag(version: string): string {
  return `v${version}`;
}

function packOf(pack: RulePack): ReplayedPack {
  return { id: pack.id, version: pack.version, sha256: pack.sha256, release: packRelease(pack) };
}

/**
 * Replays `record`: recomputes its decision from the recorded input under the recorded rule pack (`rules:
 * 'recorded'`, the default) or the bundled one (`'current'`), and compares it byte for byte. Never throws for a
 * bad or altered record: that is an outcome (`invalid`, `altered`).
 */
export function replay(record: DecisionRecord, options: { rules?: 'recorded' | 'current' } = {}): ReplayOutcome {
  if (!recordIntact(record)) {
    return { status: 'altered', reason: `the record's content no longer matches its sha256 ${record.sha256}` };
  }
  const h = record.hashed;
  if (h.engine.name !== ENGINE.name)
    return { status: 'invalid', reason: `the record was made by "${h.engine.name}", not by ${ENGINE.name}` };
  const relation = compareVersions(h.engine.version, ENGINE.version);
  if (relation === undefined)
    return { status: 'invalid', reason: `the record's engine version "${h.engine.version}" is not MAJOR.MINOR.PATCH` };
  if (relation > 0)
    return {
      status: 'invalid',
      reason: `the record was made by ${ENGINE.name} ${h.engine.version}, newer than this engine (${ENGINE.version}): replay it with ${h.engine.version} or later`,
    };

  const named = h.rules;
  let recordedPack: RulePack;
  try {
    recordedPack = rulePackFromContent(h.rulePack, 'recorded rule pack');
  } catch (err) {
    if (err instanceof RulePackError) return packThisEngineCannotRun(h, err);
    throw err;
  }
  const mismatch = (['id', 'version', 'sha256'] as const).filter((k) => named[k] !== recordedPack[k]);
  if (mismatch.length > 0) {
    return {
      status: 'altered',
      reason: `the record names rule pack ${named.id} ${named.version} (sha256 ${named.sha256.slice(0, 16)}...), but the pack it embeds is ${recordedPack.id} ${recordedPack.version} (sha256 ${recordedPack.sha256.slice(0, 16)}...)`,
    };
  }
  const decisionRules = (h.decision as { rules?: unknown }).rules;
  if (named.release !== undefined && canonicalJson(decisionRules) !== canonicalJson(named)) {
    return {
      status: 'altered',
      reason: `the record's rule pack ${canonicalJson(named)} is not the one its decision names ${canonicalJson(decisionRules)}`,
    };
  }

  const which = options.rules ?? 'recorded';
  let pack = recordedPack;
  if (which === 'current') {
    try {
      pack = loadRulePack();
    } catch (err) {
      if (err instanceof RulePackError) return { status: 'invalid', reason: err.message };
      throw err;
    }
  }
  const doc: SourceDocument = { file: 'record:input', format: 'json', data: h.input.claim, locate: () => undefined };
  let decision: Decision;
  try {
    decision = evaluate(
      loadClaimDocument(doc, () => {
        throw new Error('internal: a recorded input inlines its producer');
      }),
      // A patched claim's decision names its patch: provenance, not a result, so it is carried over.
      { pack, patch: (h.decision as { input?: Decision['input'] }).input?.patch },
    );
  } catch (err) {
    if (err instanceof InputError)
      return {
        status: 'invalid',
        reason: `the recorded input no longer validates: ${err.problems.map((p) => `${p.path} ${p.code}`).join('; ')}`,
      };
    throw err;
  }
  const { engine: _a, ...recorded } = h.decision;
  const { engine: _b, ...now } = decision;
  const identical = canonicalJson(recorded) === canonicalJson(now);
  const differences = identical ? [] : diff(recorded, now);
  if (!identical && which === 'recorded' && relation === 0) {
    return {
      status: 'altered',
      reason: `under its own rule pack and this same engine version (${ENGINE.version}), the recorded input gives another decision than the one recorded (${differences.length} difference${differences.length === 1 ? '' : 's'}): the record was edited`,
      differences,
    };
  }
  return {
    status: identical ? 'identical' : 'different',
    decision,
    differences,
    rules: which,
    pack: packOf(pack),
    recordedPack: packOf(recordedPack),
    engine: { recorded: h.engine.version, current: ENGINE.version, relation: relation === 0 ? 'same' : 'older' },
  };
}
