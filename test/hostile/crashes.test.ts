/**
 * Inputs that used to crash the command line (exit 3, a stack trace): each is now exit 2 with one line
 * naming the path, and outputs are checked before any work, written atomically, never over an input.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_PACK_DIR } from '../../src/rules/load.js';
import { claim, producer, runCli } from '../helpers.js';
import { scene } from './fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..');
const AURORA = join(ROOT, 'examples', 'aurora-sedan', 'claim.yaml');
const STACK = /\n\s+at /;

function oneLine(err: string): void {
  expect(err.trim().split('\n')).toHaveLength(1);
  expect(err).not.toMatch(STACK);
  expect(err).not.toMatch(/internal error/);
}

describe('crashes become exit 2 with one line', () => {
  it('a YAML alias bomb is refused (YAML_ALIAS), not an internal error', async () => {
    const s = scene();
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    const file = s.write('bomb.yaml', `format: usmca-roo/claim@1\n${levels.join('\n')}\n`);
    const r = await runCli('evaluate', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/YAML_ALIAS/);
    expect(r.err).not.toMatch(STACK);
  });

  it('--out or --record into a missing folder: exit 2 naming it, nothing evaluated', async () => {
    const s = scene();
    for (const option of ['--out', '--record']) {
      const target = join(s.dir, 'no-such-folder', 'x.json');
      const r = await runCli('evaluate', s.claimFile, option, target);
      expect(r.code).toBe(2);
      oneLine(r.err);
      expect(r.err).toContain(`${option} ${target}`);
      expect(r.err).toMatch(/does not exist/);
      expect(r.out).toBe('');
    }
  });

  it('an existing file as the batch folder: exit 2 naming it', async () => {
    const s = scene();
    const file = s.write('not-a-folder', 'x');
    const r = await runCli('evaluate-batch', s.claimFile, '--out', file, '--no-progress');
    expect(r.code).toBe(2);
    oneLine(r.err);
    expect(r.err).toContain(`--out ${file}`);
    const under = await runCli('evaluate-batch', s.claimFile, '--out', join(file, 'sub'), '--no-progress');
    expect(under.code).toBe(2);
    oneLine(under.err);
  });

  it('a closed pipe (| head -1): exit 2, one line, no stack trace', () => {
    const bin = join(ROOT, 'bin', 'usmca-roo.js');
    const out = execFileSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${bin}" evaluate "${AURORA}" --json 2>"$1" | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`,
        '_',
        join(scene().dir, 'err.txt'),
      ],
      { encoding: 'utf8' },
    );
    expect(out.trim()).toBe('2');
  });

  it('a decision record passed to validate is unreadable input (exit 2), not a certificate with problems', async () => {
    const s = scene();
    const record = join(s.dir, 'record.json');
    expect((await runCli('evaluate', AURORA, '--record', record)).code).toBe(0);
    const r = await runCli('validate', record);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a certificate .* give a decision record with --record/);
  });
});

describe('outputs', () => {
  it('never write over an input: the claim, its producer document, or the other output', async () => {
    const s = scene();
    const before = readFileSync(s.claimFile, 'utf8');
    const producer = join(s.dir, 'producer.yaml');
    const producerBefore = readFileSync(producer, 'utf8');
    for (const [option, target] of [
      ['--out', s.claimFile],
      ['--record', s.claimFile],
      ['--out', producer],
      ['--record', join(s.dir, '.', 'producer.yaml')],
    ] as const) {
      const r = await runCli('evaluate', s.claimFile, option, target);
      expect(r.code, `${option} ${target}`).toBe(2);
      oneLine(r.err);
      expect(r.err).toMatch(/is an input \(the (claim|producer document)\); it is never written over/);
    }
    const same = join(s.dir, 'd.json');
    const r = await runCli('evaluate', s.claimFile, '--out', same, '--record', same);
    expect(r.code).toBe(2);
    expect(readFileSync(s.claimFile, 'utf8')).toBe(before);
    expect(readFileSync(producer, 'utf8')).toBe(producerBefore);
    expect(existsSync(same)).toBe(false);
  });

  it('content --csv: never over the claim or its producer document; a missing folder is exit 2 before any work', async () => {
    const s = scene({ customsValue: '20000.00' });
    const before = readFileSync(s.claimFile, 'utf8');
    const producer = join(s.dir, 'producer.yaml');
    const producerBefore = readFileSync(producer, 'utf8');
    for (const [target, role] of [
      [s.claimFile, 'a claim'],
      [producer, 'the producer document'],
    ] as const) {
      const r = await runCli('content', s.claimFile, '--csv', target);
      expect(r.code, target).toBe(2);
      oneLine(r.err);
      expect(r.err).toContain(`is an input (${role}); it is never written over`);
    }
    expect(readFileSync(s.claimFile, 'utf8')).toBe(before);
    expect(readFileSync(producer, 'utf8')).toBe(producerBefore);
    const missing = await runCli('content', s.claimFile, '--csv', join(s.base, 'no-such-folder', 'x.csv'));
    expect(missing.code).toBe(2);
    oneLine(missing.err);
    expect(missing.err).toMatch(/does not exist \(create it first\)/);
  });

  it('impact --csv: never over the scenario or a file of the rule pack; a missing folder is exit 2 before any work', async () => {
    const s = scene();
    const scenarioFile = s.write('proposal.yaml', {
      format: 'usmca-roo/scenario@1',
      title: 'Vehicle RVC at 95 %',
      changes: [{ rule: 'usmca.auto.rvc.passenger_vehicle', from: '2026-01-01', value: '95' }],
    });
    const before = readFileSync(scenarioFile, 'utf8');
    const store = join(s.base, 'never-opened');
    const impact = (...args: string[]) => runCli('impact', '--store', store, ...args);
    const overScenario = await impact('--scenario', scenarioFile, '--csv', scenarioFile);
    expect(overScenario.code).toBe(2);
    oneLine(overScenario.err);
    expect(overScenario.err).toContain('is an input (the scenario); it is never written over');
    expect(readFileSync(scenarioFile, 'utf8')).toBe(before);
    const packDir = join(s.base, 'pack');
    cpSync(DEFAULT_PACK_DIR, packDir, { recursive: true });
    const asr = join(packDir, 'asr.yaml');
    const asrBefore = readFileSync(asr, 'utf8');
    const overPack = await impact('--rules', packDir, '--csv', asr);
    expect(overPack.code).toBe(2);
    oneLine(overPack.err);
    expect(overPack.err).toContain('is an input (a file of the rule pack); it is never written over');
    expect(readFileSync(asr, 'utf8')).toBe(asrBefore);
    const missing = await impact('--scenario', scenarioFile, '--csv', join(s.base, 'no-such-folder', 'x.csv'));
    expect(missing.code).toBe(2);
    oneLine(missing.err);
    expect(missing.err).toMatch(/does not exist \(create it first\)/);
    // Refused before the store was opened: no store was made.
    expect(existsSync(store)).toBe(false);
  });

  it('never write over a file of the rule pack read: evaluate, evaluate --store, content, advise', async () => {
    const s = scene({ customsValue: '20000.00' });
    const packDir = join(s.base, 'pack');
    cpSync(DEFAULT_PACK_DIR, packDir, { recursive: true });
    const asr = join(packDir, 'asr.yaml');
    const nested = join(packDir, 'rvc', 'asr-vehicle.yaml');
    const before = [readFileSync(asr, 'utf8'), readFileSync(nested, 'utf8')];
    const store = join(s.base, 'never-opened');
    for (const args of [
      ['evaluate', s.claimFile, '--rules', packDir, '--out', asr],
      ['evaluate', s.claimFile, '--rules', packDir, '--record', nested],
      ['evaluate', s.claimFile, '--rules', packDir, '--store', store, '--out', nested],
      ['content', s.claimFile, '--rules', packDir, '--csv', asr],
      [
        'advise',
        s.claimFile,
        '--rules',
        packDir,
        '--patch-out',
        join(packDir, 'rvc'),
        '--solicit',
        join(packDir, 'x.csv'),
      ],
    ]) {
      const r = await runCli(...args);
      if (args[0] === 'advise') {
        // No plan is named like a file of the pack, nor is the solicitation: advice is given (0 or 1).
        expect([0, 1], r.err).toContain(r.code);
        continue;
      }
      expect(r.code, args.join(' ')).toBe(2);
      oneLine(r.err);
      expect(r.err).toContain('is an input (a file of the rule pack); it is never written over');
    }
    expect([readFileSync(asr, 'utf8'), readFileSync(nested, 'utf8')]).toEqual(before);
    expect(existsSync(store)).toBe(false);
  }, 30_000);

  it('advise --patch-out: no plan file is written over the claim, nor any plan before all are checked', async () => {
    // Borealis (not originating, with plans), its claim kept as plan-1.json in the folder the plans go to.
    const dir = mkdtempSync(join(tmpdir(), 'plans-'));
    const borealis = join(ROOT, 'examples', 'borealis-hatchback');
    cpSync(join(borealis, 'producer.yaml'), join(dir, 'producer.yaml'));
    const claimFile = join(dir, 'plan-1.json');
    writeFileSync(claimFile, JSON.stringify(parse(readFileSync(join(borealis, 'claim.yaml'), 'utf8'))));
    const before = readFileSync(claimFile, 'utf8');
    const r = await runCli('advise', claimFile, '--patch-out', dir);
    expect(r.code).toBe(2);
    oneLine(r.err);
    expect(r.err).toContain('plan-1.json is an input (the claim); it is never written over');
    expect(readFileSync(claimFile, 'utf8')).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['plan-1.json', 'producer.yaml']);
  });

  it('evaluate --store --patch, filing --csv: never over the patch or the certifier document, before the store is opened', async () => {
    const s = scene();
    const store = join(s.base, 'never-opened');
    const patch = s.write('patch.json', '[]');
    const overPatch = await runCli('evaluate', s.claimFile, '--store', store, '--patch', patch, '--out', patch);
    expect(overPatch.code).toBe(2);
    oneLine(overPatch.err);
    expect(overPatch.err).toContain('is an input (the patch); it is never written over');
    expect(readFileSync(patch, 'utf8')).toBe('[]');
    const certifier = join(s.dir, 'certifier.yaml');
    cpSync(join(ROOT, 'examples', 'parties', 'certifier-aurora.yaml'), certifier);
    const certifierBefore = readFileSync(certifier, 'utf8');
    const overCertifier = await runCli(
      'filing',
      'lvc',
      '--period',
      '2027',
      '--store',
      store,
      '--certifier',
      certifier,
      '--csv',
      certifier,
    );
    expect(overCertifier.code).toBe(2);
    oneLine(overCertifier.err);
    expect(overCertifier.err).toContain('is an input (the certifier document); it is never written over');
    expect(readFileSync(certifier, 'utf8')).toBe(certifierBefore);
    expect(existsSync(store)).toBe(false);
  });

  it('a folder to create under /proc is refused (exit 2): keygen, evaluate-batch (it used to hang)', async () => {
    const s = scene();
    const keys = await runCli('keygen', '--out', '/proc/self/usmca-roo-keys');
    expect(keys.code).toBe(2);
    oneLine(keys.err);
    const batch = await runCli('evaluate-batch', s.claimFile, '--out', '/proc/self/usmca-roo-out', '--no-progress');
    expect(batch.code).toBe(2);
    oneLine(batch.err);
    const file = await runCli('keygen', '--out', join(s.dir, 'producer.yaml', 'keys'));
    expect(file.code).toBe(2);
    oneLine(file.err);
  }, 20_000);

  it('are written whole, with no temporary file left beside them', async () => {
    const s = scene();
    const out = join(s.base, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'decision.json'), 'old');
    const r = await runCli(
      'evaluate',
      s.claimFile,
      '--out',
      join(out, 'decision.json'),
      '--record',
      join(out, 'r.json'),
    );
    expect([0, 1]).toContain(r.code);
    expect(readdirSync(out).sort()).toEqual(['decision.json', 'r.json']);
    expect(JSON.parse(readFileSync(join(out, 'decision.json'), 'utf8')).format).toBe('usmca-roo/decision@1');
  });
});

describe('evaluate-batch', () => {
  it('gives every claim its own decision file: names that flatten alike, claim.yaml and claim.json, a 250-character name', async () => {
    const s = scene();
    mkdirSync(join(s.dir, 'x', 'a'), { recursive: true });
    mkdirSync(join(s.dir, 'x_a'));
    const long = `${'L'.repeat(250)}.yaml`;
    const files = [
      ['x/a/claim.yaml', 'A1'],
      ['x_a/claim.yaml', 'A2'],
      ['c.yaml', 'C-YAML'],
      ['c.json', 'C-JSON'],
      [long, 'LONG'],
    ].map(([name, id]) => s.write(name as string, claim({ id, producer: producer() })));
    const out = join(s.base, 'decisions');
    const r = await runCli('evaluate-batch', ...files, '--out', out, '--no-progress');
    expect(r.err).not.toMatch(STACK);
    expect(r.out).toMatch(/5 claims: .* 0 invalid, 0 internal errors/);
    const written = readdirSync(out).filter((f) => f !== 'summary.json');
    expect(written).toHaveLength(5);
    for (const f of written) expect(f.length).toBeLessThanOrEqual(140);
    const ids = written.map((f) => JSON.parse(readFileSync(join(out, f), 'utf8')).claim.id).sort();
    expect(ids).toEqual(['A1', 'A2', 'C-JSON', 'C-YAML', 'LONG']);
  });

  it("never writes a decision over another claim's producer document kept in the output folder", async () => {
    const s = scene();
    // Claim B's producer document is called a.decision.json, the name claim a.yaml's decision takes.
    const producerB = s.write('a.decision.json', producer());
    const before = readFileSync(producerB, 'utf8');
    const b = s.write('b.yaml', claim({ id: 'B', producer: 'a.decision.json' }));
    mkdirSync(join(s.base, 'elsewhere'));
    const a = join(s.base, 'elsewhere', 'a.yaml');
    writeFileSync(a, readFileSync(s.claimFile, 'utf8'));
    writeFileSync(join(s.base, 'elsewhere', 'producer.yaml'), readFileSync(join(s.dir, 'producer.yaml'), 'utf8'));
    const r = await runCli('evaluate-batch', a, b, '--out', s.dir, '--jobs', '1', '--no-progress');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/a\.decision\.json exists and is not a decision; nothing was written over it/);
    expect(readFileSync(producerB, 'utf8')).toBe(before);
    expect(r.out).toMatch(/2 claims: 0 originating, 1 not originating, 1 invalid/);
    // A decision a batch wrote before is replaced as usual.
    const again = await runCli('evaluate-batch', s.claimFile, '--out', join(s.base, 'elsewhere'), '--no-progress');
    const twice = await runCli('evaluate-batch', s.claimFile, '--out', join(s.base, 'elsewhere'), '--no-progress');
    expect([again.code, twice.code]).toEqual([1, 1]);
  });

  it('never writes its summary over a claim named summary.json, and a missing claim file sinks only itself', async () => {
    const s = scene();
    const named = s.write('summary.json', claim({ id: 'SUMMARY', producer: 'producer.yaml' }));
    const before = readFileSync(named, 'utf8');
    const refused = await runCli('evaluate-batch', named, '--out', s.dir, '--no-progress');
    expect(refused.code).toBe(2);
    oneLine(refused.err);
    expect(refused.err).toMatch(/the batch summary \(summary\.json\) would be written over the claim/);
    expect(readFileSync(named, 'utf8')).toBe(before);

    const out = join(s.base, 'out-missing');
    const r = await runCli(
      'evaluate-batch',
      join(s.dir, 'no-such-claim.yaml'),
      s.claimFile,
      '--out',
      out,
      '--no-progress',
    );
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/2 claims: .* 1 invalid, 0 internal errors/);
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
  });

  it('caps --jobs at the processors available, and checks the output folder before any work', async () => {
    const s = scene();
    const r = await runCli(
      'evaluate-batch',
      s.claimFile,
      '--out',
      join(s.base, 'o'),
      '--jobs',
      '1000',
      '--no-progress',
    );
    expect(r.err).toMatch(/--jobs 1000: using \d+, the processors available/);
    expect([0, 1]).toContain(r.code);
    const bad = await runCli('evaluate-batch', s.claimFile, '--out', join(s.base, 'o'), '--jobs', '0');
    expect(bad.code).toBe(2);
  });
});

describe('dates at the end of what a claim can write', () => {
  it('a plant whose wage period ends on 9999-12-31 is a verdict, not an internal error (it was exit 3)', async () => {
    const s = scene();
    const dir = join(ROOT, 'examples', 'aurora-sedan');
    s.write('claim.yaml', readFileSync(join(dir, 'claim.yaml'), 'utf8'));
    const producerText = readFileSync(join(dir, 'producer.yaml'), 'utf8');
    const plant = 'wages: { period: { start: 2025-01-01, end: 2025-12-31 }';
    expect(producerText).toContain(plant);
    s.write('producer.yaml', producerText.replace(plant, 'wages: { period: { start: 9999-01-01, end: 9999-12-31 }'));
    const r = await runCli('evaluate', s.claimFile, '--json');
    expect(r.err).not.toMatch(STACK);
    expect(r.code).toBe(0);
    // That plant's wages are for a period the decision date (2026-03-16) is before: its labor is not high-wage.
    const gap = JSON.parse(r.out).evidenceGaps.find(
      (g: { code: string }) => g.code === 'ASSEMBLY_PLANT_NOT_QUALIFYING',
    );
    expect(gap.message).toMatch(
      /wages for 9999-01-01 to 9999-12-31 .* on 2026-03-16, which is before that period begins/,
    );
  });
});
