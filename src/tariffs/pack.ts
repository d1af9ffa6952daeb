/**
 * Loads the tariff-measures pack (rules/tariffs/) with the rule-pack loader and checks what only this pack
 * needs: every source names an instrument declared in its pack.yaml, and a measure's first dated value is a
 * whole in-force measure (a proposed or scenario change needs a measure to change). Problems name the file and
 * the key, all at once, as for the USMCA pack; a pack with problems is never used.
 */
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import { loadRulePackUncached, RulePackError, type RuleProblem } from '../rules/load.js';
import type { RulePack } from '../rules/pack.js';
import { TARIFF_PACK_KIND } from './catalog.js';

/** The folder of the bundled tariff-measures pack (`rules/tariffs` in the package, absolute). */
export const DEFAULT_TARIFF_PACK_DIR = join(PACKAGE_ROOT, 'rules', 'tariffs');

const cache = new Map<string, RulePack>();

/**
 * The tariff-measures pack at `dir` (default: the bundled one: U.S. vehicle and parts tariffs since 2025, with
 * their proclamations), loaded and checked once per process. Throws RulePackError naming every problem.
 */
export function loadTariffPack(dir: string = DEFAULT_TARIFF_PACK_DIR): RulePack {
  const cached = cache.get(dir);
  if (cached) return cached;
  const pack = loadRulePackUncached(dir, TARIFF_PACK_KIND);
  const problems = checkTariffPack(pack);
  if (problems.length > 0) throw new RulePackError(problems);
  cache.set(dir, pack);
  return pack;
}

/** The checks the generic loader cannot make: declared instruments in every source, an in-force measure first. */
export function checkTariffPack(pack: RulePack): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const p of pack.parameters.values()) {
    const first = p.entries[0];
    if (first && (first.value as { status?: string } | null)?.status !== 'in-force') {
      problems.push({
        file: p.file,
        key: `values.${first.from}.value.status`,
        message: 'the first dated value of a measure must be a whole measure with status in-force',
      });
    }
    for (const entry of p.entries) {
      for (const [path, instrument] of sourcesIn(entry.value, `values.${entry.from}.value`)) {
        if (!Object.hasOwn(pack.manifest.instruments, instrument))
          problems.push({
            file: p.file,
            key: `${path}.instrument`,
            message: `instrument ${instrument} is not declared in pack.yaml`,
          });
      }
    }
  }
  return problems;
}

/** [path, instrument] of every `source` object in a value, depth first, in key order. */
function sourcesIn(value: unknown, path: string): Array<[string, string]> {
  if (Array.isArray(value)) return value.flatMap((v, i) => sourcesIn(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(value)) {
    if (k === 'source' && typeof v === 'object' && v !== null && 'instrument' in v)
      out.push([`${path}.source`, String((v as { instrument: unknown }).instrument)]);
    else out.push(...sourcesIn(v, `${path}.${k}`));
  }
  return out;
}
