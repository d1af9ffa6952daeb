/**
 * The README's "For programs" example, run as written against the built package (dist/, as `npm test` builds
 * it): it prints the verdict and the RVC figures the README states, and the worksheet.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../audit/fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

function example(): string {
  const at = README.indexOf('## For programs');
  const block = /```js\n([^]*?)```/.exec(README.slice(at));
  if (at < 0 || !block) throw new Error('README: the "For programs" example was not found');
  return block[1] as string;
}

describe('README: For programs', () => {
  it('runs as written, printing what its comments say', () => {
    const code = example();
    expect(code).toContain("from 'usmca-roo'");
    const file = join(tempDir('readme-api-'), 'example.mjs');
    writeFileSync(file, code.replace("from 'usmca-roo'", `from ${JSON.stringify(join(ROOT, 'dist', 'index.js'))}`));
    const out = execFileSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8' });
    const [first, second] = out.split('\n');
    expect(first).toBe('originating B');
    expect(second).toBe('90.881508 >= 75 15.881508');
    expect(code).toContain('// originating B');
    expect(code).toContain('// 90.881508 >= 75 15.881508');
    expect(out).toContain('VERDICT:   ORIGINATING (origin criterion B)');
  });
});
