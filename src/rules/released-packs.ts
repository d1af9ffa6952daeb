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
  {
    id: 'tariff-measures',
    version: '1.0.0',
    sha256: '724f36da9ed6e2b47519b6a0ab813c1ce7c826169ad90c8e92846abfd9919453',
  },
  {
    id: 'tariff-measures',
    version: '1.1.0',
    sha256: 'd1b189d7c177243b4a26ebd38574acc481a90cab8e6c697dcbbe0b84d37629c2',
  },
  { id: 'usmca-auto', version: '1.1.0', sha256: '11dd55dbefdb715004e3accaa076278b2e979ebebf0c1f7bb30c9dd8c279ac64' },
  { id: 'usmca-auto', version: '1.2.0', sha256: 'e8de9776af6cf8fe1f25e8c5145e947d34bbf289e31ec0487723549f085a92a7' },
  { id: 'usmca-auto', version: '1.3.0', sha256: 'dce24e7d18b4f888c2212465175fe12c0b3e6de99612052ceec4bab9b3d9617d' },
  { id: 'usmca-auto', version: '1.4.0', sha256: '9c9ea8cae54aa872f0f73945e41f435f0c4761be4fc937235e58cf44cc9f9596' },
  { id: 'usmca-auto', version: '1.5.0', sha256: 'fd36ded23f775e2c1ecf9a78d50279f95f53d0afd589777884f8d2f7af620698' },
];
