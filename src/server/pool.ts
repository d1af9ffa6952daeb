/**
 * The worker pools (piscina) the server evaluates on, in two lanes: ordinary requests, and large ones (uploads of
 * `largeBytes` or more, such as a 100,000-line bill of materials), so that a large claim never holds a worker that
 * small ones wait for. Worker threads run at a lower scheduling priority than the server's own thread (nice +5,
 * the large lane +10), so that /health, uploads and answers are not held behind evaluations when the CPUs are
 * busy. Each task has a time limit (measured from when it is queued) after which its worker is stopped; each
 * worker a heap limit; each lane's queue a length and a wait: a request that would take longer than the time
 * limit, by the mean time tasks have run, is turned away at once (SERVER_BUSY, 503, with Retry-After) rather
 * than queued to be stopped.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { PACKAGE_ROOT } from '../paths.js';
import { HttpProblem, requestProblem } from './problems.js';
import type { StagedTask, TaskResult } from './task.js';

export interface PoolOptions {
  /** Worker threads of the ordinary lane (default: the machine's available parallelism). */
  threads?: number | undefined;
  /** Tasks waiting in a lane beyond the running ones before requests are turned away. */
  maxQueue: number;
  /** Milliseconds a task may take, queued and running. */
  timeoutMs: number;
  /** Heap of each worker, in MiB. */
  memoryMb: number;
  /** Requests whose uploaded files come to this many bytes or more run in the lane of large work. */
  largeBytes: number;
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
  transferList?: ArrayBuffer[],
): Promise<R> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    return await piscina.run(task, { signal, ...(transferList?.length ? { transferList } : {}) });
  } catch (err) {
    const e = err as Error & { code?: string };
    if (signal.aborted || e.name === 'AbortError') throw requestProblem('TIME_LIMIT', 'body', limits.timedOut);
    if (/queue is at limit/i.test(e.message)) throw busy(1);
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

/** SERVER_BUSY (503), with the seconds after which to try again (Retry-After). */
export function busy(retryAfterSeconds: number): HttpProblem {
  const problem = requestProblem('SERVER_BUSY', 'body', 'too many requests are waiting: try again later');
  problem.retryAfter = retryAfterSeconds;
  return problem;
}

/** One lane: worker threads at one priority, their queue, and its admission. */
class Lane {
  readonly piscina: Piscina<StagedTask, TaskResult>;
  /** The mean run time, ms, and when it was read (piscina computes its summary afresh at each reading). */
  private mean = { ms: 0, at: -Infinity };

  constructor(
    readonly threads: number,
    nice: number,
    private readonly options: PoolOptions,
  ) {
    this.piscina = new Piscina({
      filename: workerFile(),
      minThreads: threads,
      maxThreads: threads,
      maxQueue: options.maxQueue,
      idleTimeout: 60_000,
      // Lowers each worker thread's priority (setpriority of the thread; ignored where it cannot be done).
      niceIncrement: process.platform === 'win32' ? 0 : nice,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
    });
  }

  /** The mean time a task has run in this lane so far, ms (0 before any has finished). */
  private meanRunMs(): number {
    const now = performance.now();
    if (now - this.mean.at > 1000) {
      const ms = this.piscina.histogram.runTime.mean;
      this.mean = { ms: Number.isFinite(ms) && ms > 0 ? ms : 0, at: now };
    }
    return this.mean.ms;
  }

  retryAfterSeconds(ahead: number): number {
    return Math.max(1, Math.ceil((ahead * this.meanRunMs()) / this.threads / 1000));
  }

  /**
   * Runs a task, or turns it away at once (SERVER_BUSY) when the lane's queue is full, or when, by the mean time
   * a task has run, it would take longer than the time limit waiting and running; Retry-After is then the time
   * until there would be room. (The queue length is checked here: piscina does not bound its queue of tasks
   * that carry an abort signal, as every task here does for its time limit.)
   */
  run(task: StagedTask, transferList: ArrayBuffer[]): Promise<TaskResult> {
    const { timeoutMs, memoryMb, maxQueue } = this.options;
    const waiting = this.piscina.queueSize;
    if (waiting > 0) {
      const mean = this.meanRunMs();
      const beyondQueue = ((waiting - maxQueue + 1) * mean) / this.threads;
      const beyondTime = (waiting / this.threads + 1) * mean - timeoutMs;
      if (waiting >= maxQueue || beyondTime > 0)
        return Promise.reject(busy(Math.max(1, Math.ceil(Math.max(beyondQueue, beyondTime) / 1000))));
    }
    return runGuarded(
      this.piscina,
      task,
      { timeoutMs, memoryMb, timedOut: `the work took longer than ${timeoutMs} ms and was stopped` },
      transferList,
    );
  }
}

export class EnginePool {
  private readonly ordinary: Lane;
  private readonly large: Lane;

  constructor(private readonly options: PoolOptions) {
    const threads = Math.max(1, options.threads ?? availableParallelism());
    this.ordinary = new Lane(threads, 5, options);
    this.large = new Lane(Math.max(1, Math.floor(threads / 2)), 10, options);
  }

  /** Worker threads of the ordinary lane. */
  get threads(): number {
    return this.ordinary.threads;
  }

  /** Worker threads the lane of large requests may start. */
  get largeThreads(): number {
    return this.large.threads;
  }

  /**
   * Seconds until `ahead` more ordinary tasks would have run, by the mean time a task has run (at least 1): the
   * Retry-After of a request turned away before it was read.
   */
  retryAfterSeconds(ahead: number): number {
    return this.ordinary.retryAfterSeconds(ahead);
  }

  /** Tasks waiting for a worker, both lanes. */
  get queued(): number {
    return this.ordinary.piscina.queueSize + this.large.piscina.queueSize;
  }

  /**
   * Runs a task in the lane its request's size (uploaded bytes) calls for; a time limit, a full queue, too long
   * a wait, a worker out of memory or a closing pool become problems.
   */
  run(task: StagedTask, bytes: number): Promise<TaskResult> {
    // Files that own their memory whole are moved to the worker rather than copied (never a pooled slab's).
    const transferList = task.files
      .map(([, b]) => b)
      .filter((b) => b instanceof Uint8Array)
      .filter((b) => b.byteLength >= 64 * 1024 && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength)
      .map((b) => b.buffer as ArrayBuffer);
    return (bytes >= this.options.largeBytes ? this.large : this.ordinary).run(task, transferList);
  }

  /**
   * Runs a task made by `make` on every worker of both lanes, all at once (one each), and waits for them: each
   * worker then has the engine's code loaded and compiled and the rule pack read, so that neither the first
   * ordinary request nor the first large one pays for it. Answers and failures are ignored.
   */
  async warm(make: () => StagedTask): Promise<void> {
    const lanes = [this.ordinary, this.large];
    await Promise.allSettled(lanes.flatMap((lane) => Array.from({ length: lane.threads }, () => lane.run(make(), []))));
  }

  /** Waits for running tasks, then stops the workers. */
  async close(): Promise<void> {
    await Promise.all([this.ordinary.piscina.close(), this.large.piscina.close()]);
  }
}
