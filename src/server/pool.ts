/**
 * The worker pool (piscina) the server evaluates on, so that one large bill of materials keeps one thread busy
 * and the others, and the server's own thread (health, uploads), go on answering. Each task has a time limit
 * (measured from when it is queued) after which its worker is stopped; each worker a heap limit; the queue a
 * length, beyond which requests are turned away (SERVER_BUSY) rather than held.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { PACKAGE_ROOT } from '../paths.js';
import { requestProblem } from './problems.js';
import type { Task, TaskResult } from './task.js';

export interface PoolOptions {
  /** Worker threads (default: the machine's available parallelism). */
  threads?: number | undefined;
  /** Tasks waiting beyond the running ones before requests are turned away. */
  maxQueue: number;
  /** Milliseconds a task may take, queued and running. */
  timeoutMs: number;
  /** Heap of each worker, in MiB. */
  memoryMb: number;
}

/** The compiled worker module (npm run build). */
export function workerFile(): string {
  const file = join(PACKAGE_ROOT, 'dist', 'server', 'worker.js');
  if (!existsSync(file)) throw new Error(`internal: ${file} is missing: run npm run build`);
  return file;
}

/** Runs a task on a piscina pool; a time limit, a full queue, a worker out of memory, a closing pool become problems. */
export async function runGuarded<T, R>(
  piscina: Piscina<T, R>,
  task: T,
  limits: { timeoutMs: number; memoryMb?: number | undefined; timedOut: string },
): Promise<R> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    return await piscina.run(task, { signal });
  } catch (err) {
    const e = err as Error & { code?: string };
    if (signal.aborted || e.name === 'AbortError') throw requestProblem('TIME_LIMIT', 'body', limits.timedOut);
    if (/queue is at limit/i.test(e.message))
      throw requestProblem('SERVER_BUSY', 'body', 'too many requests are waiting: try again later');
    if (e.code === 'ERR_WORKER_OUT_OF_MEMORY' && limits.memoryMb !== undefined)
      throw requestProblem(
        'MEMORY_LIMIT',
        'body',
        `the work needed more than the ${limits.memoryMb} MiB a worker may take`,
      );
    if (/terminat|destroy|closed/i.test(e.message))
      throw requestProblem('SHUTTING_DOWN', 'body', 'the server is stopping');
    throw err;
  }
}

export class EnginePool {
  private readonly piscina: Piscina<Task, TaskResult>;

  constructor(private readonly options: PoolOptions) {
    const threads = Math.max(1, options.threads ?? availableParallelism());
    this.piscina = new Piscina({
      filename: workerFile(),
      minThreads: threads,
      maxThreads: threads,
      maxQueue: options.maxQueue,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
    });
  }

  get threads(): number {
    return this.piscina.threads.length;
  }

  get queued(): number {
    return this.piscina.queueSize;
  }

  /** Runs a task; a time limit, a full queue, a worker out of memory or a closing pool become problems. */
  run(task: Task): Promise<TaskResult> {
    return runGuarded(this.piscina, task, {
      timeoutMs: this.options.timeoutMs,
      memoryMb: this.options.memoryMb,
      timedOut: `the work took longer than ${this.options.timeoutMs} ms and was stopped`,
    });
  }

  /** Waits for running tasks, then stops the workers. */
  async close(): Promise<void> {
    await this.piscina.close();
  }
}
