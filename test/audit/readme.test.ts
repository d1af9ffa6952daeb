/**
 * The README's audit walk-through, run as written: keygen, evaluate --record --sign-key, replay --trust-key,
 * certificate --sign-key (PDF and JSON), validate --trust-key --record (PDF and JSON). Every command must
 * succeed (exit 0). Paths under /tmp are moved to a fresh folder; while rules/ is in development (not the
 * released content of its version), --unreleased-rules is added, as the README says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRulePack } from '../../src/rules/load.js';
import { packRelease } from '../../src/rules/release.js';
import { runCli } from '../helpers.js';
import { tempDir } from './fixtures.js';

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

function walkThrough(): string[][] {
  const at = README.indexOf('The whole chain, as a producer and then a broker would run it');
  const block = /```sh\n([^]*?)```/.exec(README.slice(at));
  if (at < 0 || !block) throw new Error('README: the audit walk-through was not found');
  return (block[1] as string)
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s+/));
}

describe('README audit walk-through', () => {
  it('runs from keygen to validate, PDF and JSON, every command exiting 0', async () => {
    const dir = tempDir('readme-');
    const inDevelopment = packRelease(loadRulePack()) !== 'released';
    const commands = walkThrough();
    expect(commands.map((c) => c[2])).toEqual([
      'keygen',
      'evaluate',
      'replay',
      'certificate',
      'certificate',
      'validate',
      'validate',
    ]);
    for (const words of commands) {
      expect(words.slice(0, 2)).toEqual(['node', 'bin/usmca-roo.js']);
      const args = words.slice(2).map((w) => w.replace(/^\/tmp\//, `${dir}/`));
      if (inDevelopment && ['replay', 'certificate', 'validate'].includes(args[0] as string))
        args.push('--unreleased-rules');
      const r = await runCli(...args);
      expect(r.code, `${args.join(' ')}\n${r.out}${r.err}`).toBe(0);
      if (args[0] === 'validate') {
        expect(r.out).toMatch(/^VALID: /);
        expect(r.out).toMatch(/the certificate is signed by key .*: signature valid/);
        expect(r.out).toMatch(/record .* is signed by key .*: signature valid/);
        expect(r.out).toMatch(/cross-checked against the records/);
      }
    }
    expect(readFileSync(join(dir, 'aurora.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
