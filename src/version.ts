/** The engine's name and version, from package.json (part of every decision and record). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './paths.js';

const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

/** `{ name, version }` of this engine, from package.json: named in every decision and record; replay compares it. */
export const ENGINE = { name: pkg.name, version: pkg.version } as const;
