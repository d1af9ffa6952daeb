/**
 * The example claims shipped in the repository's examples/ folder (absent from an installed package: the list is
 * then empty), for the page's "pick an example" and for trying the API. Only files listed here can be fetched:
 * names are matched against the listing, never joined into a path as given.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';

export interface Example {
  name: string;
  /** The claim documents of the example (one file each, evaluated on its own). */
  claims: string[];
  /** Every file a claim of the example may name: claims, producer documents, tables, mappings. */
  files: string[];
}

const EXAMPLES_DIR = join(PACKAGE_ROOT, 'examples');
const INPUT = /\.(ya?ml|json|csv|xlsx)$/i;
const NOT_INPUT = /^(expected-|key-figures|README)/i;

let cached: Example[] | undefined;

/** The examples, sorted by name; parties (certifier and importer documents) under the name "parties". */
export function listExamples(): Example[] {
  if (cached) return cached;
  const out: Example[] = [];
  if (existsSync(EXAMPLES_DIR))
    for (const name of readdirSync(EXAMPLES_DIR).sort()) {
      const dir = join(EXAMPLES_DIR, name);
      if (!statSync(dir).isDirectory()) continue;
      const files = readdirSync(dir)
        .filter((f) => INPUT.test(f) && !NOT_INPUT.test(f) && statSync(join(dir, f)).isFile())
        .sort();
      out.push({ name, claims: files.filter((f) => /^claim.*\.(ya?ml|json)$/i.test(f)), files });
    }
  cached = out;
  return out;
}

/** The bytes of one listed file, or undefined when the example or file is not listed. */
export function exampleFile(name: string, file: string): Buffer | undefined {
  const example = listExamples().find((e) => e.name === name);
  if (!example?.files.includes(file)) return undefined;
  return readFileSync(join(EXAMPLES_DIR, example.name, file));
}
