/**
 * A worker thread of the server's pool (piscina): runs one task at a time, in a folder of its own holding the
 * request's files (written here, or moved here for a large upload the server received onto disk; removed after), and answers with a body or problems, never a thrown error. Input problems of the readers come back as they are (their files named as uploaded);
 * a key, rule pack or other fault of the input as a problem; anything else as an internal fault, which the server
 * logs and answers without detail.
 */
import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { InputError, KeyFileError, RulePackError } from '../index.js';
import type { ProblemObject } from './problems.js';
import { runAdvise } from './run/advise.js';
import { runCertificate } from './run/certificate.js';
import { runContent } from './run/content.js';
import { runEvaluate } from './run/evaluate.js';
import { runReplay } from './run/replay.js';
import { runValidate } from './run/validate.js';
import type { StagedTask, Task, TaskResult } from './task.js';

function run(task: Task): Promise<TaskResult> {
  switch (task.kind) {
    case 'evaluate':
      return runEvaluate(task);
    case 'advise':
      return runAdvise(task);
    case 'content':
      return runContent(task);
    case 'replay':
      return runReplay(task);
    case 'certificate':
      return runCertificate(task);
    case 'validate':
      return runValidate(task);
  }
}

/** A path in the staging folder as the uploaded name; any other path as it is. */
function uploaded(dir: string, file: string): string {
  return file.startsWith(`${dir}/`) ? relative(dir, file) : file;
}

/** Messages name staged files by their uploaded names, never the server's folder. */
function scrub(dir: string, text: string): string {
  return text.split(`${dir}/`).join('').split(dir).join('.');
}

/** Answers of this many characters or more are sent back as bytes moved to the server's thread, not copied. */
const MOVE_FROM = 64 * 1024;

/**
 * A large text answer encoded here, as bytes handed over to the server's thread (transferred, not cloned), so
 * that the server's thread neither copies nor encodes it again before sending it.
 */
function moved(result: TaskResult): unknown {
  if (result.kind !== 'body' || typeof result.body !== 'string' || result.body.length < MOVE_FROM) return result;
  const bytes = new TextEncoder().encode(result.body); // its own ArrayBuffer, never a shared pool's
  return move({ [transferableSymbol]: bytes.buffer, [valueSymbol]: { ...result, body: bytes } });
}

/** Moves a file (copied, then removed, across file systems). */
function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as { code?: string }).code !== 'EXDEV') throw err;
    copyFileSync(from, to);
    rmSync(from, { force: true });
  }
}

export default async function runStagedTask({ task, files }: StagedTask): Promise<TaskResult> {
  mkdirSync(task.dir, { mode: 0o700 });
  try {
    for (const [name, bytes] of files)
      if (bytes instanceof Uint8Array) writeFileSync(join(task.dir, name), bytes, { mode: 0o600, flag: 'wx' });
      else moveFile(bytes.path, join(task.dir, name)); // a large upload, received onto disk by the server
    return moved(await runTask(task)) as TaskResult;
  } finally {
    rmSync(task.dir, { recursive: true, force: true });
  }
}

async function runTask(task: Task): Promise<TaskResult> {
  try {
    return await run(task);
  } catch (err) {
    if (err instanceof InputError) {
      const problems: ProblemObject[] = err.problems.map((p) => ({
        ...p,
        file: uploaded(task.dir, p.file),
        message: scrub(task.dir, p.message),
      }));
      return { kind: 'problems', status: 422, problems };
    }
    if (err instanceof KeyFileError)
      return {
        kind: 'problems',
        status: 422,
        problems: [
          { code: 'KEY_INVALID', path: 'files[trustKey]', file: '(request)', message: scrub(task.dir, err.message) },
        ],
      };
    if (err instanceof RulePackError) return { kind: 'internal', message: `rule pack: ${err.message}` };
    return { kind: 'internal', message: (err as Error)?.stack ?? String(err) };
  }
}
