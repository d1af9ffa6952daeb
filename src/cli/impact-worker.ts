/** The impact-job handler a `usmca-roo worker` registers (kept apart so the worker command stays small). */
import { impactJobHandler } from '../impact/job.js';
import type { Store } from '../store/open.js';

export function impactHandler(store: Store): (data: unknown) => Promise<unknown> {
  return impactJobHandler(store);
}
