/**
 * A worker thread of `usmca-roo serve --store DB` (a piscina pool of one thread, src/server/store.ts): it runs the
 * decision-store commands (`records list|show|replay`, `impact`, `evaluate --store`) exactly as the command line
 * runs them, in the request's staging folder, and answers with the exit code and what they print, so that the API
 * answers the command line's bytes. One thread, one command at a time: the embedded database is opened by one
 * command at a time, and each command closes it (its transactions committed) before the next opens it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readScenario } from '../impact/scenario.js';
import { InputError } from '../input/problems.js';
import { run } from './main.js';
import { problemsJson } from './problems.js';

export interface StoreCommand {
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

export default async function runStoreCommand(task: StoreCommand): Promise<StoreAnswer> {
  if (task.scenario !== undefined)
    try {
      readScenario(join(task.cwd, task.scenario));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      return { code: 2, stdout: problemsJson(err.problems, task.cwd), stderr: '' };
    }
  let stdout = '';
  let stderr = '';
  const code = await run(task.args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: task.cwd });
  const path = task.readBack !== undefined ? join(task.cwd, task.readBack) : undefined;
  const file = path !== undefined && existsSync(path) ? new Uint8Array(readFileSync(path)) : undefined;
  return { code, stdout, stderr, file };
}
