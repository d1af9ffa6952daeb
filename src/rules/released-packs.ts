/**
 * The released versions of the rule packs this engine knows, each with the sha256 of its canonical content
 * (src/rules/load.ts). The list ships with the engine, not inside a pack, since a pack cannot vouch for
 * itself. Written by `npm run release-pack` (scripts/release-pack.mjs): do not edit by hand.
 */
export interface ReleasedRulePack {
  /** The pack's id (pack.yaml `id`), e.g. "usmca-auto". */
  id: string;
  /** The released version (pack.yaml `version`), MAJOR.MINOR.PATCH. */
  version: string;
  /** sha256 (hex) of the pack's canonical content as released. */
  sha256: string;
}

/** Every released rule pack version with its content hash, oldest first (written by `npm run release-pack`). */
export const RELEASED_RULE_PACKS: readonly ReleasedRulePack[] = [
  { id: 'usmca-auto', version: '1.1.0', sha256: '11dd55dbefdb715004e3accaa076278b2e979ebebf0c1f7bb30c9dd8c279ac64' },
];
