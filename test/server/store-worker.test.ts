/**
 * The server's store worker (src/cli/store-worker.ts) opens the store once, for the first command, keeps it open for
 * the next ones, and closes it on the server's last task; a store that cannot be opened is tried again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import runStoreCommand from '../../src/cli/store-worker.js';
import * as open from '../../src/store/open.js';
import { EXAMPLES } from './helpers.js';

vi.mock(import('../../src/store/open.js'), async (original) => {
  const actual = await original();
  return { ...actual, openStore: vi.fn(actual.openStore) };
});

describe('the store worker', () => {
  it('opens the store for the first command only, keeps it for the next, and closes it when told', async () => {
    const location = join(mkdtempSync(join(tmpdir(), 'store-worker-')), 'db');
    const cwd = join(EXAMPLES, 'aurora-sedan');
    const command = (...args: string[]) => runStoreCommand({ location, cwd, args: [...args, '--store', location] });
    const opened = vi.mocked(open.openStore);
    opened.mockClear();

    expect((await command('evaluate', 'claim.yaml')).code).toBe(0);
    const list = await command('records', 'list', '--json');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).records).toHaveLength(1);
    expect((await command('records', 'show', 'AURORA-2026-Q1', '--json')).code).toBe(0);
    expect(opened).toHaveBeenCalledTimes(1);

    expect(await runStoreCommand({ close: true })).toEqual({ code: 0, stdout: '', stderr: '' });
    // Closed: the store opens again (PGlite takes one connection at a time), with the decision kept.
    const again = await open.openStore(location);
    const rows = await again.db.selectFrom('records').select('claim_id').execute();
    await again.close();
    expect(rows).toHaveLength(1);
    expect((await command('records', 'list', '--json')).code).toBe(0);
    expect(opened).toHaveBeenCalledTimes(3);
    await runStoreCommand({ close: true });
  }, 120_000);

  it('a store that cannot be opened: the command says so (exit 2), and the next command tries again', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'store-worker-')), 'not-a-folder');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'x');
    const opened = vi.mocked(open.openStore);
    opened.mockClear();
    const cwd = mkdtempSync(join(tmpdir(), 'store-worker-cwd-'));
    const first = await runStoreCommand({ location: file, cwd, args: ['records', 'list', '--store', file] });
    expect(first.code).toBe(2);
    expect(first.stderr).toMatch(/is a file, not a folder/);
    await runStoreCommand({ location: file, cwd, args: ['records', 'list', '--store', file] });
    expect(opened).toHaveBeenCalledTimes(2);
    await runStoreCommand({ close: true });
  });
});
