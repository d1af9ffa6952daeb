/**
 * Released rule packs: the engine knows the sha256 of every released version of its pack, and a copy of rules/
 * that still calls itself a released version but decides otherwise is reported as modified everywhere: in the
 * decision, the worksheet, the record, replay (exit 4), validate (exit 4) and certificate (refused).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate.js';
import { loadRulePack, loadRulePackUncached } from '../../src/rules/load.js';
import { describeRelease, packRelease } from '../../src/rules/release.js';
import { RELEASED_RULE_PACKS } from '../../src/rules/released-packs.js';
import { loadTariffPack } from '../../src/tariffs/pack.js';
import { load, runCli } from '../helpers.js';
import { editedPack, rvcSixtyClaim, tempDir, writeClaim } from './fixtures.js';

const REGISTRY = [
  { id: 'usmca-auto', version: '1.0.0', sha256: 'a'.repeat(64) },
  { id: 'usmca-auto', version: '1.1.0', sha256: 'b'.repeat(64) },
];

describe('release status of a rule pack', () => {
  it('is judged by content against the registry, not by what the manifest says', () => {
    expect(packRelease({ id: 'usmca-auto', version: '1.1.0', sha256: 'b'.repeat(64) }, REGISTRY)).toBe('released');
    expect(packRelease({ id: 'usmca-auto', version: '1.1.0', sha256: 'c'.repeat(64) }, REGISTRY)).toBe('modified');
    expect(packRelease({ id: 'usmca-auto', version: '1.2.0', sha256: 'b'.repeat(64) }, REGISTRY)).toBe('unreleased');
    expect(packRelease({ id: 'acme-rules', version: '1.1.0', sha256: 'b'.repeat(64) }, REGISTRY)).toBe('unregistered');
    expect(describeRelease({ id: 'usmca-auto', version: '1.1.0', sha256: 'c'.repeat(64) }, 'modified', REGISTRY)).toBe(
      `rule pack usmca-auto 1.1.0 is MODIFIED: its content (sha256 cccccccccccccccc...) is not the released usmca-auto 1.1.0 (sha256 bbbbbbbbbbbbbbbb...)`,
    );
  });

  it('registers usmca-auto 1.1.0 as released in the previous session', () => {
    expect(RELEASED_RULE_PACKS).toContainEqual({
      id: 'usmca-auto',
      version: '1.1.0',
      sha256: '11dd55dbefdb715004e3accaa076278b2e979ebebf0c1f7bb30c9dd8c279ac64',
    });
    for (const r of RELEASED_RULE_PACKS) {
      expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(r.version).toMatch(/^\d+\.\d+\.\d+$/);
    }
    const keys = RELEASED_RULE_PACKS.map((r) => `${r.id} ${r.version}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  for (const [name, load] of [
    ['rules/usmca', () => loadRulePackUncached(join(import.meta.dirname, '..', '..', 'rules', 'usmca'))],
    ['rules/tariffs', () => loadTariffPack()],
  ] as const) {
    it(`of the shipped pack ${name} is "released" at release time (RELEASE_CHECK=1; reported otherwise)`, (ctx) => {
      const pack = load();
      const status = packRelease(pack);
      const step =
        status === 'modified'
          ? `set a new version in ${name}/pack.yaml, then run \`npm run release-pack\``
          : 'run `npm run release-pack`';
      const message = `${describeRelease(pack, status)}. Before a release: ${step}, then regenerate the examples and golden files.`;
      if (status !== 'released' && process.env.RELEASE_CHECK !== '1') {
        ctx.skip(`${name} is in development: ${message}`);
        return;
      }
      expect(status, message).toBe('released');
    });
  }
});

describe('a copy of rules/ edited to let a vehicle pass, still calling itself usmca-auto 1.5.0', () => {
  const dir = editedPack('50');

  it('decides otherwise, and the decision and worksheet say the pack is modified', async () => {
    const edited = loadRulePack(dir);
    expect([edited.id, edited.version]).toEqual(['usmca-auto', '1.5.0']);
    const loaded = load(rvcSixtyClaim());
    const honest = await evaluate(loaded, { pack: loadRulePack() });
    const forged = await evaluate(loaded, { pack: edited });
    expect(honest.verdict).toBe('not-originating');
    expect(honest.requirements.find((r) => r.id === 'rvc')?.status).toBe('fail');
    expect(forged.verdict).toBe('originating');
    expect(forged.rules.release).toBe('modified');
    const claim = writeClaim(rvcSixtyClaim());
    const sheet = await runCli('evaluate', claim, '--rules', dir);
    expect(sheet.code).toBe(0);
    expect(sheet.out).toMatch(/WARNING: rule pack usmca-auto 1\.5\.0 is MODIFIED/);
  });

  it('is refused by replay, validate and certificate (exit 4), unless accepted with --unreleased-rules', async () => {
    const work = tempDir();
    const claim = writeClaim(rvcSixtyClaim(), work);
    const record = join(work, 'record.json');
    expect((await runCli('evaluate', claim, '--rules', dir, '--record', record)).code).toBe(0);
    expect(JSON.parse(readFileSync(record, 'utf8')).hashed.rules.release).toBe('modified');

    const replayed = await runCli('replay', record);
    expect(replayed.code).toBe(4);
    expect(replayed.out).toMatch(/^REFUSED: /);
    expect(replayed.out).toMatch(/rule pack usmca-auto 1\.5\.0 is MODIFIED.*--unreleased-rules/);
    const accepted = await runCli('replay', record, '--unreleased-rules');
    expect(accepted.code).toBe(0);
    expect(accepted.out).toMatch(/^IDENTICAL/);
    expect(accepted.out).toMatch(/MODIFIED.*accepted by --unreleased-rules/);

    const certifier = join(import.meta.dirname, '..', '..', 'examples', 'parties', 'certifier-aurora.yaml');
    const out = join(work, 'cert.json');
    const args = ['certificate', record, '--certifier', certifier, '--exporter', 'same', '--signed-on', '2026-03-20'];
    const cert = await runCli(...args, '--format', 'json', '--out', out);
    expect(cert.code).toBe(4);
    expect(cert.err).toMatch(/refused: .*MODIFIED/);
    // Told explicitly, it issues, and the certificate says so; validate then refuses unless told the same.
    expect((await runCli(...args, '--format', 'json', '--out', out, '--unreleased-rules')).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).rulesNotice).toEqual([
      expect.stringMatching(/rule pack usmca-auto 1\.5\.0 is MODIFIED/),
    ]);
    const v = await runCli('validate', out, '--record', record);
    expect(v.code).toBe(4);
    expect(v.out).toMatch(/REFUSED: rule pack usmca-auto 1\.5\.0 is MODIFIED/);
    expect((await runCli('validate', out, '--record', record, '--unreleased-rules')).code).toBe(0);
  });

  it('under its own id is a user pack: reported, not refused by replay', async () => {
    const own = editedPack('50', { id: 'acme-auto', version: '1.0.0' });
    const work = tempDir();
    const claim = writeClaim(rvcSixtyClaim(), work);
    const record = join(work, 'record.json');
    expect((await runCli('evaluate', claim, '--rules', own, '--record', record)).code).toBe(0);
    const replayed = await runCli('replay', record);
    expect(replayed.code).toBe(0);
    expect(replayed.out).toMatch(/WARNING: rule pack acme-auto 1\.0\.0 is not a pack released with this engine/);
  });
});

describe('npm run release-pack', () => {
  const ROOT = join(import.meta.dirname, '..', '..');
  const script = join(ROOT, 'scripts', 'release-pack.mjs');
  const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });

  it('registers a new version, keeps the file formatted, and refuses a released version with other content', async () => {
    const registry = join(tempDir(), 'released-packs.ts');
    copyFileSync(join(ROOT, 'src', 'rules', 'released-packs.ts'), registry);
    const bumped = editedPack('75', { version: '1.10.0' });
    const pack = loadRulePackUncached(bumped);
    const first = run('--registry', registry, '--rules', bumped);
    expect(first.status, first.stderr).toBe(0);
    const text = readFileSync(registry, 'utf8');
    expect(text).toContain(`{ id: 'usmca-auto', version: '1.10.0', sha256: '${pack.sha256}' }`);
    expect(text.indexOf("version: '1.1.0'")).toBeLessThan(text.indexOf("version: '1.10.0'"));
    const prettier = await import('prettier');
    const config = JSON.parse(readFileSync(join(ROOT, '.prettierrc.json'), 'utf8'));
    expect(await prettier.format(text, { ...config, parser: 'typescript' })).toBe(text);
    expect(run('--registry', registry, '--rules', bumped).stdout).toMatch(/already registered/);
    const conflicting = run('--registry', registry, '--rules', editedPack('50', { version: '1.10.0' }));
    expect(conflicting.status).toBe(1);
    expect(conflicting.stderr).toMatch(/already released with other content .* set a new version in pack\.yaml/);
    expect(readFileSync(registry, 'utf8')).toBe(text);
  });
});
