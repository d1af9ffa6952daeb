/**
 * Files a claim names are a boundary: inside the claim's folder (or --root), regular files only, up to a
 * size cap; a refusal names the claim's field and line and never quotes the other file.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';
import { CANARY, scene } from './fixtures.js';

async function refused(producerRef: string, code: string, setup?: (dir: string, base: string) => void) {
  const s = scene({ producer: producerRef });
  setup?.(s.dir, s.base);
  const r = await runCli('evaluate', s.claimFile, '--json');
  expect(r.code, r.err).toBe(2);
  const problems = JSON.parse(r.out).problems as { code: string; path: string; line: number; message: string }[];
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatchObject({ code, path: 'producer' });
  expect(problems[0]?.line).toBeGreaterThan(0);
  expect(r.out + r.err).not.toContain(CANARY);
  return problems[0]!;
}

describe('file references', () => {
  it('refuse a path outside the claim folder: absolute, with .., or through a symbolic link', async () => {
    await refused('../outside/secret.yaml', 'FILE_OUTSIDE_ROOT');
    const s = scene();
    await refused(join(s.base, 'outside', 'secret.yaml'), 'FILE_OUTSIDE_ROOT');
    const p = await refused('link.yaml', 'FILE_OUTSIDE_ROOT', (dir, base) =>
      symlinkSync(join(base, 'outside', 'secret.yaml'), join(dir, 'link.yaml')),
    );
    expect(p.message).toMatch(/symbolic link/);
    await refused('proc.yaml', 'FILE_OUTSIDE_ROOT', (dir) => symlinkSync('/proc/self/environ', join(dir, 'proc.yaml')));
    await refused('zero.yaml', 'FILE_OUTSIDE_ROOT', (dir) => symlinkSync('/dev/zero', join(dir, 'zero.yaml')));
  });

  it('refuse what is not a regular file: a folder, a named pipe', async () => {
    await refused('folder.yaml', 'FILE_NOT_REGULAR', (dir) => mkdirSync(join(dir, 'folder.yaml')));
    const p = await refused('pipe.yaml', 'FILE_NOT_REGULAR', (dir) => execFileSync('mkfifo', [join(dir, 'pipe.yaml')]));
    expect(p.message).toMatch(/named pipe/);
  });

  it('refuse a file larger than the cap, and read it once the cap is raised', async () => {
    const s = scene();
    writeFileSync(
      join(s.dir, 'producer.yaml'),
      `${'# padding\n'.repeat(200_000)}format: usmca-roo/producer@1\nname: P\ncurrency: USD\nplants: [{ id: ASM, country: MX }]\n`,
    );
    const r = await runCli('evaluate', s.claimFile, '--json', '--max-file-size', '1');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).problems[0]).toMatchObject({ code: 'FILE_TOO_LARGE', path: 'producer' });
    expect([0, 1]).toContain((await runCli('evaluate', s.claimFile, '--max-file-size', '3')).code);
    expect((await runCli('evaluate', s.claimFile, '--max-file-size', 'lots')).code).toBe(2);
  });

  it('a table or mapping outside the folder is refused at its field', async () => {
    const s = scene({ materials: { file: '../outside/secret.yaml', mapping: '../outside/secret.yaml' } });
    const r = await runCli('evaluate', s.claimFile, '--json');
    expect(r.code).toBe(2);
    const problems = JSON.parse(r.out).problems as { code: string; path: string }[];
    expect(problems.map((p) => `${p.code}@${p.path}`).sort()).toEqual([
      'FILE_OUTSIDE_ROOT@materials.file',
      'FILE_OUTSIDE_ROOT@materials.mapping',
    ]);
    expect(r.out).not.toContain(CANARY);
  });

  it('--root names a wider folder the references may use', async () => {
    const s = scene({ producer: '../shared/producer.yaml' });
    mkdirSync(join(s.base, 'shared'));
    writeFileSync(
      join(s.base, 'shared', 'producer.yaml'),
      'format: usmca-roo/producer@1\nname: P\ncurrency: USD\nplants: [{ id: ASM, country: MX }]\n',
    );
    expect((await runCli('evaluate', s.claimFile)).code).toBe(2);
    expect([0, 1]).toContain((await runCli('evaluate', s.claimFile, '--root', s.base)).code);
    expect((await runCli('evaluate', s.claimFile, '--root', join(s.base, 'nope'))).code).toBe(2);
  });
});
