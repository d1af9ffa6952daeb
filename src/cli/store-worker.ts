/**
 * A worker thread of `usmca-roo serve --store DB` (a piscina pool of one thread, src/server/store.ts): it runs the
 * decision-store commands (`records list|show|replay`, `impact`, `evaluate --store`) exactly as the command line
 * runs them, in the request's staging folder, and answers with the exit code and what they print, so that the API
 * answers the command line's bytes. The store is opened once, by the first command, and kept open for the next
 * (one connection to an embedded PGlite, a pool of connections to a PostgreSQL server); one thread, one command at
 * a time, each committing its own transactions. The server's last task is `{ close: true }`, which closes it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readScenario } from '../impact/scenario.js';
import { InputError } from '../input/problems.js';
import { loadRulePack } from '../rules/load.js';
import { openStore, type Store } from '../store/open.js';
import { run } from './main.js';
import { problemsJson } from './problems.js';

export interface StoreCommand {
  /** The store the server names in `args` (--store), kept open across commands. */
  location: string;
  /** The command line's arguments, built by the server from validated parameters. */
  args: string[];
  /** The request's staging folder: the command's working folder. */
  cwd: string;
  /** A file the command writes in `cwd` (its bare name) to send back, such as impact's --csv. */
  readBack?: string | undefined;
  /** A scenario file (bare name in `cwd`) to check first: its problems come back as the problems JSON. */
  scenario?: string | undefined;
}

export interface StoreAnswer {
  code: number;
  stdout: string;
  stderr: string;
  file?: Uint8Array | undefined;
}

/** The last task the server sends: close the store. */
export interface CloseStore {
  close: true;
}

let shared: { location: string; store: Promise<Store> } | undefined;

/** The store at `location`, opened by the first command that needs it; a store that failed to open is tried again. */
function openShared(location: string): Promise<Store> {
  if (shared?.location !== location) {
    const store = openStore(location);
    shared = { location, store };
    store.catch(() => {
      if (shared?.store === store) shared = undefined;
    });
  }
  return shared.store;
}

export default async function runStoreCommand(task: StoreCommand | CloseStore): Promise<StoreAnswer> {
  if ('close' in task) {
    const open = shared;
    shared = undefined;
    const store = await open?.store.catch(() => undefined);
    await store?.close();
    return { code: 0, stdout: '', stderr: '' };
  }
  if (task.scenario !== undefined)
    try {
      readScenario(join(task.cwd, task.scenario), { pack: loadRulePack(), always: false });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      return { code: 2, stdout: problemsJson(err.problems, task.cwd), stderr: '' };
    }
  let stdout = '';
  let stderr = '';
  const code = await run(task.args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: task.cwd,
    sharedStore: { location: task.location, open: () => openShared(task.location) },
  });
  const path = task.readBack !== undefined ? join(task.cwd, task.readBack) : undefined;
  const file = path !== undefined && existsSync(path) ? new Uint8Array(readFileSync(path)) : undefined;
  return { code, stdout, stderr, file };
}
