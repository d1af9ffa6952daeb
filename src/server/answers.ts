/**
 * The last answers of /v1/evaluate, kept by the exact request they answer. The engine is deterministic: the same
 * files, names and parameters, under the same engine and rule pack, give the same bytes, so a request identical to
 * one answered a moment ago is answered with those bytes rather than evaluated again (a client retrying, a page
 * submitted twice, a burst of one claim arriving in turns). The key is the request's own key (inflight.ts: sha256
 * over the path, parameters and every file's field, name and bytes) with the engine version and the sha256 of the
 * rule pack the server's workers evaluate under; an answer computed under another pack is never kept. Bounded in
 * entries and in bytes; the least recently used go first. Not a store: nothing survives the server.
 */

/** Limits of the answers kept. */
export interface AnswerLimits {
  /** Most answers kept (0: none). */
  entries: number;
  /** Most bytes of answer bodies kept, all together. */
  bytes: number;
}

/** A least-recently-used map of answers, bounded in entries and in the bytes of their bodies. */
export class RecentAnswers<T> {
  private readonly kept = new Map<string, { value: T; bytes: number }>();
  private total = 0;

  constructor(private readonly limits: AnswerLimits) {}

  /** Answers kept now. */
  get size(): number {
    return this.kept.size;
  }

  /** Bytes of the answers kept now. */
  get bytes(): number {
    return this.total;
  }

  /** The answer kept for `key` (now the most recently used), or undefined. */
  get(key: string): T | undefined {
    const hit = this.kept.get(key);
    if (!hit) return undefined;
    this.kept.delete(key);
    this.kept.set(key, hit);
    return hit.value;
  }

  /** Keeps `value` (its body `bytes` long) for `key`, dropping the least recently used beyond the limits. */
  set(key: string, value: T, bytes: number): void {
    if (this.limits.entries <= 0 || bytes > this.limits.bytes) return;
    const had = this.kept.get(key);
    if (had) {
      this.kept.delete(key);
      this.total -= had.bytes;
    }
    this.kept.set(key, { value, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.kept) {
      if (this.kept.size <= this.limits.entries && this.total <= this.limits.bytes) break;
      this.kept.delete(oldest);
      this.total -= entry.bytes;
    }
  }
}
