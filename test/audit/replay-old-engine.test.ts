/**
 * A record made by an earlier engine under a pack that lacks rules this engine requires (the fixture: engine
 * 0.2.0, released pack usmca-auto 1.1.0, before the usmca.interpretation.* switches) is not called invalid:
 * replay checks its integrity, says it cannot re-run it, names the missing rules and the engine to replay it with,
 * and exits 6; certificate refuses it (6) and validate --record says nothing was cross-checked (6). An edited copy
 * is still altered (4).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prettyJson } from '../../src/canonical/json.js';
import type { DecisionRecord } from '../../src/audit/record.js';
import { replay } from '../../src/audit/replay.js';
import { loadRulePack } from '../../src/rules/load.js';
import { packRelease } from '../../src/rules/release.js';
import { runCli } from '../helpers.js';
import { rehash, tempDir } from './fixtures.js';

const OLD = join(import.meta.dirname, '..', 'fixtures', 'records', 'aurora-sedan-engine-0.2.0-pack-1.1.0.json');
const EX = join(import.meta.dirname, '..', '..', 'examples');
const CERTIFIER = join(EX, 'parties', 'certifier-aurora.yaml');
const ACCEPT = packRelease(loadRulePack()) === 'released' ? [] : ['--unreleased-rules'];
const oldRecord = (): DecisionRecord => JSON.parse(readFileSync(OLD, 'utf8')) as DecisionRecord;
const writeRecord = (record: DecisionRecord): string => {
  const file = join(tempDir('old-engine-'), 'record.json');
  writeFileSync(file, prettyJson(record));
  return file;
};

describe('a record whose pack lacks rules this engine requires', () => {
  it('replays as needsEngine, naming the pack, the missing rules and the engine that made it', async () => {
    const outcome = await replay(oldRecord());
    expect(outcome.status).toBe('needsEngine');
    if (outcome.status !== 'needsEngine') return;
    expect(outcome.recordedPack).toEqual({
      id: 'usmca-auto',
      version: '1.1.0',
      sha256: '11dd55dbefdb715004e3accaa076278b2e979ebebf0c1f7bb30c9dd8c279ac64',
      release: 'released',
    });
    expect(outcome.engine.recorded).toBe('0.2.0');
    expect(outcome.missingRules).toContain('usmca.interpretation.threshold_date');
    expect(outcome.missingRules).toContain('usmca.interpretation.listed_components');
    // The package is not on the npm registry: the release is the repository's git tag, never an npx of a name.
    expect(outcome.engineTag).toBe('v0.2.0');
    expect(outcome.replayWith).toBe('git checkout v0.2.0 && npm ci && node bin/usmca-roo.js');
  });

  it('replay: intact, released, not invalid; exit 6 with the command to run', async () => {
    const r = await runCli('replay', OLD);
    expect(r.code, r.err).toBe(6);
    expect(r.out).not.toMatch(/INVALID/);
    expect(r.out).toMatch(/^NEEDS ENGINE 0\.2\.0: record .* is intact \(sha256 3afa02734c06a125/);
    expect(r.out).toMatch(/made by usmca-roo 0\.2\.0 under rule pack usmca-auto 1\.1\.0/);
    expect(r.out).toMatch(/lacks rules it requires \([^)]*usmca\.interpretation\.core_roll_up/);
    expect(r.out).toContain(
      `tag v0.2.0 of the usmca-roo repository: git checkout v0.2.0 && npm ci && node bin/usmca-roo.js replay ${OLD}`,
    );
    expect(r.out).not.toContain('npx');
    expect(r.out).toMatch(/rule pack usmca-auto 1\.1\.0 is a released version/);
    expect(r.out).toMatch(/is not signed/);
    const json = JSON.parse((await runCli('replay', OLD, '--json')).out) as { status: string; missingRules: string[] };
    expect(json.status).toBe('needsEngine');
    expect(json.missingRules).toContain('usmca.interpretation.lvc_net_cost');
  });

  it('an edited copy is still altered (4): its decision without re-hashing, or its pack re-hashed', async () => {
    const edited = oldRecord();
    (edited.hashed.decision as { verdict: string }).verdict = 'originating-edited';
    const a = await runCli('replay', writeRecord(edited));
    expect(a.code).toBe(4);
    expect(a.out).toMatch(/^ALTERED: .*no longer matches its sha256/);

    const pack = oldRecord();
    (pack.hashed.rulePack.parameters as Array<{ title?: string }>)[0]!.title = 'edited';
    const b = await runCli('replay', writeRecord(rehash(pack)));
    expect(b.code).toBe(4);
    expect(b.out).toMatch(
      /^ALTERED: .*names rule pack usmca-auto 1\.1\.0 \(sha256 11dd55dbefdb7150\.\.\.\), but the pack it embeds has sha256/,
    );
  });

  it('certificate refuses it (6), naming the engine; validate --record says nothing was cross-checked (6)', async () => {
    const dir = tempDir('old-engine-cert-');
    const out = join(dir, 'c.json');
    const refused = await runCli(
      'certificate',
      OLD,
      '--certifier',
      CERTIFIER,
      '--exporter',
      'same',
      '--signed-on',
      '2026-03-20',
      '--format',
      'json',
      '--out',
      out,
    );
    expect(refused.code, refused.err).toBe(6);
    expect(refused.err).toMatch(
      /refused: record .*: the record was made by usmca-roo 0\.2\.0 .* tag v0\.2\.0 of the usmca-roo repository: git checkout v0\.2\.0 && npm ci && node bin\/usmca-roo\.js replay /,
    );

    const current = join(dir, 'record.json');
    expect((await runCli('evaluate', join(EX, 'aurora-sedan', 'claim.yaml'), '--record', current)).code).toBe(0);
    const made = await runCli(
      'certificate',
      current,
      '--certifier',
      CERTIFIER,
      '--exporter',
      'same',
      '--signed-on',
      '2026-03-20',
      '--format',
      'json',
      '--out',
      out,
      ...ACCEPT,
    );
    expect(made.code, made.err).toBe(0);
    const v = await runCli('validate', out, '--record', OLD, ...ACCEPT);
    expect(v.code, v.out).toBe(6);
    expect(v.out).toMatch(/^NOT CHECKED: /);
    expect(v.out).toMatch(/NOT replayed: the record was made by usmca-roo 0\.2\.0/);
    expect(v.out).toMatch(/NOT cross-checked: a record could not be replayed by this engine/);
  });
});
