/** Decision records and replay: hashing, tamper detection, identical replay, readable differences. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/canonical/json.js';
import { makeRecord, recordIntact } from '../../src/audit/record.js';
import { replay } from '../../src/audit/replay.js';
import { evaluate } from '../../src/evaluate.js';
import { DEFAULT_PACK_DIR, loadRulePackUncached } from '../../src/rules/load.js';
import { load } from '../helpers.js';
import { ENVELOPE, originatingClaim, recordFor } from './fixtures.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a leaf (string/number/boolean) of a JSON value. */
function leaves(v: Json, path: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...path, i]));
  return Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k]));
}

function mutate(root: Json, path: (string | number)[]): Json {
  const copy = JSON.parse(JSON.stringify(root)) as Json;
  let cur = copy as Record<string | number, Json>;
  for (const seg of path.slice(0, -1)) cur = cur[seg] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  const v = cur[last];
  cur[last] = typeof v === 'string' ? `${v}x` : typeof v === 'number' ? v + 1 : typeof v === 'boolean' ? !v : 'x';
  return copy;
}

describe('decision records', () => {
  it('hash the input, rule pack, engine and decision, and keep volatile facts outside', async () => {
    const a = await recordFor(originatingClaim());
    const b = makeRecord(load(originatingClaim()), loadRulePackUncached(DEFAULT_PACK_DIR), a.hashed.decision, {
      recordedAt: '2031-01-01T00:00:00.000Z',
      host: 'elsewhere',
    });
    expect(b.sha256).toBe(a.sha256);
    expect(a.envelope).toEqual(ENVELOPE);
    expect(a.hashed.rules.sha256).toBe(a.hashed.decision.rules.sha256);
    expect(recordIntact(a)).toBe(true);
  });

  it('detect a change to any byte of the hashed part', async () => {
    const record = await recordFor(originatingClaim());
    const hashed = JSON.parse(canonicalJson(record.hashed)) as Json;
    const paths = leaves(hashed);
    expect(paths.length).toBeGreaterThan(1000);
    fc.assert(
      fc.property(fc.nat({ max: paths.length - 1 }), (i) => {
        const altered = { sha256: record.sha256, hashed: mutate(hashed, paths[i]!) };
        expect(recordIntact(altered)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('replay identically under the recorded pack, and report a tampered record', async () => {
    const record = await recordFor(originatingClaim());
    const again = await replay(JSON.parse(JSON.stringify(record)));
    expect(again.status).toBe('identical');
    const tampered = JSON.parse(JSON.stringify(record));
    tampered.hashed.decision.verdict = 'not-originating';
    expect((await replay(tampered)).status).toBe('altered');
    const packTampered = JSON.parse(JSON.stringify(record));
    packTampered.hashed.rulePack.parameters[0].title += '!';
    expect((await replay(packTampered)).status).toBe('altered');
  });

  it('is idempotent: replaying a replayed input gives the same record hash', async () => {
    const record = await recordFor(originatingClaim());
    const outcome = await replay(record);
    if (outcome.status !== 'identical') throw new Error(outcome.status);
    expect(canonicalJson(outcome.decision)).toBe(canonicalJson(record.hashed.decision));
  });

  it('shows what a rule change would do (--rules current against a record made under another pack)', async () => {
    // Make a record under an altered pack where the passenger-vehicle RVC stays at 72 in 2023-07-01.
    const dir = mkdtempSync(join(tmpdir(), 'oldpack-'));
    cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
    const f = join(dir, 'rvc', 'passenger-vehicle.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('value: "75"', 'value: "72"'));
    const oldPack = loadRulePackUncached(dir);
    const loaded = load(originatingClaim());
    const record = makeRecord(loaded, oldPack, await evaluate(loaded, { pack: oldPack }), ENVELOPE);
    expect((await replay(record)).status).toBe('identical');
    const now = await replay(record, { rules: 'current' });
    expect(now.status).toBe('different');
    if (now.status !== 'different') return;
    const paths = now.differences.map((d) => d.path);
    expect(paths).toContain('requirements[id=rvc].threshold');
    expect(paths).toContain('rules.sha256');
    expect(now.differences.find((d) => d.path === 'requirements[id=rvc].threshold')).toEqual({
      path: 'requirements[id=rvc].threshold',
      before: '72',
      after: '75',
    });
  });
});
