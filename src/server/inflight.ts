/**
 * One piece of work for identical requests in flight together. The engine's answers are a function of the request
 * alone (the same files, names and parameters give the same bytes under one engine and rule pack), so a request
 * identical to one already being worked on waits for that one's answer instead of queueing the same work again:
 * a burst of one claim sent many times (a retrying client, a page submitted twice, a batch that repeats a claim)
 * costs one evaluation. Nothing is kept once the work is answered: this is not a cache.
 */
import { createHash } from 'node:crypto';
import { isSpilled } from './receive.js';
import type { ReadBody } from './uploads.js';

/** The work in flight, by the key of the request it answers. */
export class InFlight<T> {
  private readonly running = new Map<string, Promise<T>>();

  /** Requests being worked on now (distinct keys). */
  get size(): number {
    return this.running.size;
  }

  /** `work`'s answer, or, while a request of the same key is being worked on, that one's (answer or error). */
  run(key: string, work: () => Promise<T>): Promise<T> {
    const had = this.running.get(key);
    if (had) return had;
    const answer = work().finally(() => this.running.delete(key));
    this.running.set(key, answer);
    return answer;
  }
}

/**
 * The key of a request to an endpoint: sha256 over the endpoint's path, its validated parameters (as JSON, in
 * the schema's order), and each uploaded file's field, name, length and bytes, in the order sent (a file received onto
 * disk: its path, which no other request's file has).
 */
export function requestKey(path: string, params: unknown, body: ReadBody): string {
  const hash = createHash('sha256');
  const part = (text: string) => hash.update(`${text.length}:${text}`);
  part(path);
  part(JSON.stringify(params) ?? '');
  for (const [field, names] of body.files)
    for (const name of names) {
      const bytes = body.contents.get(name) ?? Buffer.alloc(0);
      part(field);
      part(name);
      part(String(bytes.length));
      // A file received onto disk (a large upload, never shared) is keyed by its own path: no other has it.
      if (isSpilled(bytes)) part(bytes.path);
      else hash.update(bytes);
    }
  return hash.digest('hex');
}
