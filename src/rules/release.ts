/**
 * Whether a rule pack is a released version. The engine carries the sha256 of every released version of its
 * packs (released-packs.ts); a pack is judged by its content, not by what its manifest says of itself:
 * - `released`: its id and version are registered, with this content;
 * - `modified`: its id and version claim a release, but its content differs (an edited copy, or rules changed
 *   in development without a new version);
 * - `unreleased`: its id is a registered pack's, but this version was never released (a version in development);
 * - `unregistered`: an id this engine has never released (a user's own pack, under its own id).
 * Only `released` packs back a certificate without an explicit `--unreleased-rules`; a `modified` pack makes
 * `replay` and `validate` exit 4 unless it is accepted the same way.
 */
import { RELEASED_RULE_PACKS, type ReleasedRulePack } from './released-packs.js';

/** A rule pack's release status (see the module comment): `released`, `modified`, `unreleased`, `unregistered`. */
export type PackRelease = 'released' | 'modified' | 'unreleased' | 'unregistered';

/** The release status of a pack identified by id, version and content hash, against a registry. */
export function packRelease(
  pack: { id: string; version: string; sha256: string },
  registry: readonly ReleasedRulePack[] = RELEASED_RULE_PACKS,
): PackRelease {
  const sameVersion = registry.find((r) => r.id === pack.id && r.version === pack.version);
  if (sameVersion) return sameVersion.sha256 === pack.sha256 ? 'released' : 'modified';
  return registry.some((r) => r.id === pack.id) ? 'unreleased' : 'unregistered';
}

/** The registered content hash of a pack's id and version, if that version was released. */
export function releasedSha256(
  id: string,
  version: string,
  registry: readonly ReleasedRulePack[] = RELEASED_RULE_PACKS,
): string | undefined {
  return registry.find((r) => r.id === id && r.version === version)?.sha256;
}

/** One line saying what a status means for a pack, for worksheets, replay and certificates. */
export function describeRelease(
  pack: { id: string; version: string; sha256: string },
  release: PackRelease,
  registry: readonly ReleasedRulePack[] = RELEASED_RULE_PACKS,
): string {
  const name = `${pack.id} ${pack.version}`;
  switch (release) {
    case 'released':
      return `rule pack ${name} is a released version`;
    case 'modified':
      return `rule pack ${name} is MODIFIED: its content (sha256 ${pack.sha256.slice(0, 16)}...) is not the released ${name} (sha256 ${(releasedSha256(pack.id, pack.version, registry) ?? '').slice(0, 16)}...)`;
    case 'unreleased':
      return `rule pack ${name} is UNRELEASED: version ${pack.version} of ${pack.id} was never released (released: ${registry
        .filter((r) => r.id === pack.id)
        .map((r) => r.version)
        .join(', ')})`;
    case 'unregistered':
      return `rule pack ${name} is not a pack released with this engine (a user's own pack)`;
  }
}
