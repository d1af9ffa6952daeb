/**
 * What `replay`, `validate` and `certificate` accept, beyond a record that replays: its signature, when the user
 * names trusted keys, and its rule pack's release status. Each check gives either a refusal (exit 4 in the CLI,
 * one line naming what failed) or a note for the report.
 */
import type { KeyObject } from 'node:crypto';
import { describeRelease, type PackRelease } from '../rules/release.js';
import { signatureKeyId, verifyContent, type SignedKind } from './signature.js';

/** Public keys trusted to sign, by key id (RFC 7638 thumbprint), each with the file it was read from (readTrustedKeys). */
export type TrustedKeys = Map<string, { key: KeyObject; file: string }>;

/** The result of one trust check: a refusal (exit 4), a note for the report, or neither. */
export interface TrustCheck {
  /** Why the document is not trusted, in one line naming what failed. */
  refusal?: string;
  /** What was or was not verified, for the report. */
  note?: string;
}

/**
 * The signature of a document (a record's hashed part, or a certificate's content). With trusted keys, a
 * missing or failing signature is a refusal; without them, a signature is reported as not verified.
 */
export async function checkSignature(
  what: string,
  signature: { jws: string } | undefined,
  content: unknown,
  kind: SignedKind,
  trusted: TrustedKeys | undefined,
): Promise<TrustCheck> {
  if (!trusted) {
    if (!signature) return { note: `${what} is not signed` };
    return {
      note: `${what} is signed by key ${signatureKeyId(signature.jws) ?? '(unknown)'}, NOT verified (give --trust-key to verify it)`,
    };
  }
  if (!signature) return { refusal: `${what} is not signed, and --trust-key requires a valid signature` };
  const v = await verifyContent(signature.jws, content, trusted, kind);
  if (!v.ok) return { refusal: `${what}: bad signature: ${v.reason}` };
  return { note: `${what} is signed by key ${v.keyId} (${v.keyFile}): signature valid` };
}

/**
 * A rule pack's release status against the caller's policy. `strict` (certificates) refuses every pack that is
 * not released; otherwise only a `modified` pack (one that claims a release it is not) is refused. In both cases
 * `allowUnreleased` (--unreleased-rules) accepts the pack, and the note says so.
 */
export function checkRelease(
  pack: { id: string; version: string; sha256: string },
  release: PackRelease,
  options: { strict: boolean; allowUnreleased: boolean },
): TrustCheck {
  if (release === 'released') return { note: `${describeRelease(pack, release)}` };
  const line = describeRelease(pack, release);
  const refused = release === 'modified' || options.strict;
  if (!refused) return { note: `WARNING: ${line}` };
  if (options.allowUnreleased) return { note: `WARNING: ${line}; accepted by --unreleased-rules` };
  return { refusal: `${line}; give --unreleased-rules to accept a rule pack that is not a released version` };
}
