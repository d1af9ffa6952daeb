#!/usr/bin/env node
/**
 * Lists the example claims and their expected-decision files; with --update, rewrites the expected
 * decisions from the current engine (review the diff before committing: the expectations are the
 * examples' contract).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXAMPLES = fileURLToPath(new URL('../examples', import.meta.url));

/** [claim file, expected decision file] for every claim*.yaml under examples/<name>/. */
export function exampleClaims() {
  const out = [];
  for (const name of readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'parties')
    .map((d) => d.name)
    .sort()) {
    for (const f of readdirSync(join(EXAMPLES, name))
      .filter((x) => /^claim.*\.(ya?ml|json)$/.test(x))
      .sort()) {
      const suffix = f.replace(/^claim/, '').replace(/\.(ya?ml|json)$/, '');
      out.push([join(EXAMPLES, name, f), join(EXAMPLES, name, `expected-decision${suffix}.json`)]);
    }
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { loadClaimFile, evaluate, prettyJson } = await import('../dist/index.js');
  for (const [claim, expected] of exampleClaims()) {
    const decision = await evaluate(loadClaimFile(claim));
    if (process.argv.includes('--update')) writeFileSync(expected, prettyJson(decision));
    console.log(`${decision.verdict.padEnd(16)} ${claim.slice(EXAMPLES.length + 1)}`);
  }
}
