/**
 * Replay tells an altered record from a decision that differs under other rules: a record edited and re-hashed
 * consistently is altered (exit 4), not "different"; so is one naming another pack than the one it embeds. A
 * record from a newer engine is refused; one from an older engine replays as "different", saying why.
 */
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prettyJson } from '../../src/canonical/json.js';
import { compareVersions, replay } from '../../src/audit/replay.js';
import { ENGINE } from '../../src/version.js';
import { runCli } from '../helpers.js';
import { originatingClaim, recordFor, rehash, tempDir } from './fixtures.js';

const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('replay', () => {
  it('reports a verdict edited and re-hashed as altered, with the differences, not as different', async () => {
    const record = await recordFor(originatingClaim());
    const forged = rehash(copy(record));
    (forged.hashed.decision as { verdict: string }).verdict = 'not-originating';
    rehash(forged);
    const outcome = await replay(forged);
    expect(outcome.status).toBe('altered');
    if (outcome.status !== 'altered') return;
    expect(outcome.reason).toMatch(/same engine version .* another decision than the one recorded/);
    expect(outcome.differences?.map((d) => d.path)).toContain('verdict');

    const file = join(tempDir(), 'forged.json');
    writeFileSync(file, prettyJson(forged));
    const cli = await runCli('replay', file);
    expect(cli.code).toBe(4);
    expect(cli.out).toMatch(/^ALTERED: .*the record was edited/);
    expect(cli.out).toMatch(/verdict: "originating" -> "not-originating"|verdict: "not-originating" -> "originating"/);
  });

  it('reports a record naming another pack id or version than the pack it embeds as altered', async () => {
    const record = await recordFor(originatingClaim());
    for (const edit of [
      (r: typeof record) => (r.hashed.rules.id = 'acme-auto'),
      (r: typeof record) => (r.hashed.rules.version = '9.9.9'),
    ]) {
      const forged = copy(record);
      edit(forged);
      const outcome = await replay(rehash(forged));
      expect(outcome.status).toBe('altered');
      if (outcome.status === 'altered') expect(outcome.reason).toMatch(/but the pack it embeds is usmca-auto/);
    }
    // The decision's own rules line edited to claim a release.
    const forged = copy(record);
    forged.hashed.rules.release = forged.hashed.rules.release === 'released' ? 'modified' : 'released';
    const outcome = await replay(rehash(forged));
    expect(outcome.status).toBe('altered');
  });

  it('refuses a record made by a newer engine (exit 2), and flags one made by an older engine', async () => {
    const record = await recordFor(originatingClaim());
    const newer = copy(record);
    newer.hashed.engine.version = '99.0.0';
    const n = await replay(rehash(newer));
    expect(n).toEqual({
      status: 'invalid',
      reason: `the record was made by usmca-roo 99.0.0, newer than this engine (${ENGINE.version}): replay it with 99.0.0 or later`,
    });
    const file = join(tempDir(), 'newer.json');
    writeFileSync(file, prettyJson(newer));
    expect((await runCli('replay', file)).code).toBe(2);

    const older = copy(record);
    older.hashed.engine.version = '0.0.1';
    (older.hashed.decision as { netCost: Record<string, string> }).netCost.netCost = '1.00';
    const o = await replay(rehash(older));
    expect(o.status).toBe('different');
    if (o.status === 'different')
      expect(o.engine).toEqual({ recorded: '0.0.1', current: ENGINE.version, relation: 'older' });
  });

  it('refuses a record from another program', async () => {
    const record = copy(await recordFor(originatingClaim()));
    record.hashed.engine.name = 'other-tool';
    expect((await replay(rehash(record))).status).toBe('invalid');
  });

  it('compares versions numerically', () => {
    expect(compareVersions('0.10.0', '0.9.9')).toBe(1);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
    expect(compareVersions('0.2.0', '0.2.1')).toBe(-1);
    expect(compareVersions('1.0', '1.0.0')).toBeUndefined();
  });

  it('still reads and replays a record of format @1', async () => {
    const record = copy(await recordFor(originatingClaim()));
    const v1 = { ...record, format: 'usmca-roo/record@1' };
    const file = join(tempDir(), 'v1.json');
    writeFileSync(file, prettyJson(v1));
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text).format).toBe('usmca-roo/record@1');
    expect((await runCli('replay', file, '--unreleased-rules')).code).toBe(0);
  });
});
