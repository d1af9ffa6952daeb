/**
 * The README's advise walk-through, run as written: `advise` on the failing Borealis hatchback writes its plans as
 * patches, `evaluate --patch` re-evaluates the claim as changed. Every line the README shows as output (except the
 * elisions, "...") must be printed, exactly; the plans folder is moved to a fresh temporary folder.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

/** The section's steps: each `sh` block's command and the output block that follows it. */
function walkThrough(): Array<{ command: string[]; shown: string[] }> {
  const start = README.indexOf('### What would make it pass: `advise`');
  const end = README.indexOf('\n### ', start + 1);
  if (start < 0) throw new Error('README: the advise walk-through was not found');
  const section = README.slice(start, end < 0 ? undefined : end);
  const steps: Array<{ command: string[]; shown: string[] }> = [];
  for (const m of section.matchAll(/```sh\n([^]*?)```\s*```\n([^]*?)```/g))
    steps.push({
      command: (m[1] as string).trim().split(/\s+/),
      shown: (m[2] as string).split('\n').filter((l) => l.trim() !== '' && l.trim() !== '...'),
    });
  return steps;
}

describe('README advise walk-through', () => {
  it('advise, then evaluate --patch: the commands run and print the lines shown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readme-advise-'));
    const steps = walkThrough();
    expect(steps.map((s) => s.command.slice(0, 3))).toEqual([
      ['node', 'bin/usmca-roo.js', 'advise'],
      ['node', 'bin/usmca-roo.js', 'evaluate'],
    ]);
    const codes: number[] = [];
    for (const { command, shown } of steps) {
      const args = command
        .slice(2)
        .map((w) => (w === 'plans' ? join(dir, 'plans') : w.replace(/^plans\//, `${dir}/plans/`)));
      const r = await runCli(...args);
      codes.push(r.code);
      const printed = r.out.split('\n');
      for (const line of shown) expect(printed, `${args.join(' ')} prints: ${line}`).toContain(line);
    }
    // advise: a plan is proven (0); the claim as changed is originating (0).
    expect(codes).toEqual([0, 0]);
    expect(JSON.parse(readFileSync(join(dir, 'plans', 'plan-1.json'), 'utf8'))).toHaveLength(4);
  });
});
