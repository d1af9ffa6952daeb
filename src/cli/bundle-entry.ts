/**
 * The module bin/usmca-roo.js loads, once the build has bundled it as dist/bundle/cli.mjs: it runs the command line's
 * bundle beside it (dist/bundle/cli.cjs) with the build's code cache (cached-bundle.ts) and exports its `run`.
 * Only meaningful bundled: dist/cli/bundle-entry.js itself has no cli.cjs beside it.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundle } from './cached-bundle.js';
import type * as Main from './main.js';

const here = dirname(fileURLToPath(import.meta.url));
const cli = loadBundle(join(here, 'cli.cjs'), join(here, 'cli.cjs.cache')).exports as unknown as typeof Main;

/** The command line (main.ts `run`): the exit code of `argv` run with `io`. */
export const run: typeof Main.run = cli.run;
