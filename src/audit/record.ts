/**
 * Decision records: one self-contained file holding the canonical input (producer inlined), the sha256 of every
 * source file it was read from, the rule pack (id, version, sha256, release status and its whole canonical
 * content, so it stays loadable years later), the engine's name and version, and the decision, all under one
 * sha256. Volatile facts (when, where) sit in an
 * envelope outside the hashed part, and so does the optional signature (a JWS over the hashed part, see
 * signature.ts): a hash proves integrity against accidents, a signature proves who wrote the record.
 *
 * Format `usmca-roo/record@2`; records of format @1 (engine 0.2.0 and earlier: no release status) are still
 * read and replayed.
 */
import { hostname } from 'node:os';
import { z } from 'zod';
import type { LoadedClaim, SourceFile } from '../input/load-claim.js';
import type { RulePack } from '../rules/pack.js';
import { packRelease, type PackRelease } from '../rules/release.js';
import type { Decision } from '../verdict/decision.js';
import { ENGINE } from '../version.js';
import { canonicalHash } from '../canonical/json.js';

/** The format id of the records this engine writes. */
export const RECORD_FORMAT = 'usmca-roo/record@2';
/** Every record format this engine reads and replays (@1: engine 0.2.0 and earlier). */
export const RECORD_FORMATS = ['usmca-roo/record@1', RECORD_FORMAT] as const;

/** The rule pack a record was made under: id and version from its manifest, content hash, release status. */
export interface RecordedRules {
  /** The pack's id (`usmca-auto`). */
  id: string;
  /** The pack's version. */
  version: string;
  /** SHA-256 (hex) of the pack's canonical content (RulePack.sha256). */
  sha256: string;
  /** Absent in records of format @1. */
  release?: PackRelease;
}

/** The hashed part of a decision record: everything needed to replay the decision, and the decision. */
export interface RecordBody {
  /** The engine that made the decision (ENGINE). */
  engine: { name: string; version: string };
  /** The rule pack it was made under. */
  rules: RecordedRules;
  /** The pack's whole canonical content, so the record replays under the rules as they stood. */
  rulePack: { manifest: unknown; parameters: unknown[] };
  /** The validated claim, producer document inlined, in canonical form (LoadedClaim.canonicalInput). */
  input: LoadedClaim['canonicalInput'];
  /**
   * Provenance: every file the input was built from (claim, producer document, CSV/XLSX tables, mapping files),
   * with its path relative to the claim's folder and the sha256 of its bytes; [] for an input built in memory.
   * Absent in records of format @1.
   */
  sources?: SourceFile[];
  /** The decision, as evaluate returned it. */
  decision: Decision;
}

/**
 * A decision record (`usmca-roo/record@2`): one self-contained JSON file an auditor can replay years later.
 * `hashed` holds input, rules, engine and decision under `sha256`; `envelope` (when, where) and `signature`
 * are outside the hash.
 */
export interface DecisionRecord {
  /** `usmca-roo/record@2` (or @1 for records of engine 0.2.0 and earlier). */
  format: (typeof RECORD_FORMATS)[number];
  /** sha256 of the canonical JSON of `hashed`. */
  sha256: string;
  /** What the hash covers. */
  hashed: RecordBody;
  /** A compact JWS with detached payload over the canonical JSON of `hashed` (signature.ts). Not hashed. */
  signature?: { jws: string };
  /** Not hashed: facts about the run that would differ between identical runs. */
  envelope: { recordedAt: string; host: string; command?: string };
}

/** The record of a decision: `loaded` and `pack` are what `decision` was evaluated from; `envelope` defaults to now and this host. */
export function makeRecord(
  loaded: LoadedClaim,
  pack: RulePack,
  decision: Decision,
  envelope: Partial<DecisionRecord['envelope']> = {},
): DecisionRecord {
  const hashed: RecordBody = {
    engine: { ...ENGINE },
    rules: { id: pack.id, version: pack.version, sha256: pack.sha256, release: packRelease(pack) },
    rulePack: pack.content,
    input: loaded.canonicalInput,
    sources: [...(loaded.provenance ?? [])],
    decision,
  };
  return {
    format: RECORD_FORMAT,
    sha256: canonicalHash(hashed),
    hashed,
    envelope: {
      recordedAt: envelope.recordedAt ?? new Date().toISOString(),
      host: envelope.host ?? hostname(),
      ...(envelope.command ? { command: envelope.command } : {}),
    },
  };
}

/** The zod schema a record file must meet (readRecord); it checks shape only, not the hash. */
export const recordSchema = z
  .object({
    format: z.enum(RECORD_FORMATS),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    hashed: z
      .object({
        engine: z.object({ name: z.string(), version: z.string() }).strict(),
        rules: z
          .object({
            id: z.string(),
            version: z.string(),
            sha256: z.string(),
            release: z.enum(['released', 'modified', 'unreleased', 'unregistered']).optional(),
          })
          .strict(),
        rulePack: z.object({ manifest: z.unknown(), parameters: z.array(z.unknown()) }).strict(),
        input: z.object({ claim: z.record(z.string(), z.unknown()) }).strict(),
        sources: z
          .array(
            z
              .object({
                role: z.enum(['claim', 'producer', 'materials', 'materials-mapping', 'purchases', 'purchases-mapping']),
                path: z.string().min(1),
                sha256: z.string().regex(/^[0-9a-f]{64}$/),
              })
              .strict(),
          )
          .optional(),
        decision: z.record(z.string(), z.unknown()),
      })
      .strict(),
    signature: z
      .object({ jws: z.string().min(1) })
      .strict()
      .optional(),
    envelope: z.record(z.string(), z.unknown()),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.format === RECORD_FORMAT && r.hashed.rules.release === undefined)
      ctx.addIssue({ code: 'custom', path: ['hashed', 'rules', 'release'], message: 'a record@2 states its release' });
  });

/** Whether the hashed part still matches the record's hash (sha256 of its canonical JSON): false if altered. */
export function recordIntact(record: { sha256: string; hashed: unknown }): boolean {
  return canonicalHash(record.hashed) === record.sha256;
}
