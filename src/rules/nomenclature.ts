/**
 * The HS nomenclature of a rule pack (usmca.hs.nomenclature): the 6-digit subheadings of each edition it holds,
 * built once per pack. An edition given as changes to an earlier one (`basedOn`) takes that edition's headings
 * and replaces the ones it lists.
 */
import type { ParameterValue } from './catalog.js';
import type { RulePack } from './pack.js';

/** The Harmonized System editions a pack holds (usmca.hs.nomenclature), to check a claim's HS codes against. */
export interface PackNomenclature {
  /** The edition a claim's codes are read in when it names none: the pack's (pack.yaml hsEdition), e.g. "HS2012". */
  readonly defaultEdition: string;
  /** The editions held, e.g. ["HS2012", "HS2017", "HS2022"]. */
  readonly editions: readonly string[];
  /** Whether `subheading` ("8703.23" or "870323") is a subheading of `edition`. */
  has(edition: string, subheading: string): boolean;
}

const built = new WeakMap<RulePack, PackNomenclature>();

/**
 * The nomenclature held by `pack`: its latest dated value (the subheadings of an edition do not change once the
 * edition is published; a later value can only add an edition).
 */
export function hsNomenclature(pack: RulePack): PackNomenclature {
  const cached = built.get(pack);
  if (cached) return cached;
  const entries = pack.parameters.get('usmca.hs.nomenclature')?.entries ?? [];
  const latest = entries[entries.length - 1];
  if (!latest?.value) throw new Error('internal: the rule pack has no HS nomenclature');
  const value = latest.value as ParameterValue<'usmca.hs.nomenclature'>;
  const sets = new Map<string, Set<string>>();
  const headingsOf = (edition: string, seen: string[]): Map<string, string> => {
    const e = value[edition];
    if (!e) throw new Error(`internal: HS edition ${edition} is not in the pack's nomenclature`);
    if (seen.includes(edition)) throw new Error(`internal: HS editions based on each other: ${seen.join(', ')}`);
    const base = e.basedOn === undefined ? new Map<string, string>() : headingsOf(e.basedOn, [...seen, edition]);
    for (const [heading, subs] of Object.entries(e.headings)) base.set(heading, subs);
    return base;
  };
  for (const edition of Object.keys(value).sort()) {
    const set = new Set<string>();
    for (const [heading, subs] of headingsOf(edition, [])) {
      if (subs === '') continue;
      const digits = heading.slice(0, 2) + heading.slice(3);
      for (const s of subs.split(' ')) set.add(`${digits}${s}`);
    }
    sets.set(edition, set);
  }
  const nomenclature: PackNomenclature = {
    defaultEdition: pack.manifest.hsEdition,
    editions: [...sets.keys()],
    has(edition, subheading) {
      const digits = subheading.length === 7 ? subheading.slice(0, 4) + subheading.slice(5) : subheading;
      return sets.get(edition)?.has(digits) === true;
    },
  };
  built.set(pack, nomenclature);
  return nomenclature;
}
