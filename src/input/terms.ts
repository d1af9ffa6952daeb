/**
 * The closed vocabularies of the claim format (docs/claim-format.md), in one place: the readers and the schemas
 * take them from here. CORE_PART_GROUPS are the group ids of UR Table A.2 as the rule pack names them
 * (usmca.auto.table.a2; test/rules/terms checks the two agree); PART_TABLES the parts tables of s. 14-15.
 */

/** A material's declared origin; `unknown` counts as non-originating and is an evidence gap. */
export const ORIGINS = ['originating', 'non-originating', 'unknown'] as const;

/** Vehicle classes of UR s. 12 and s. 20 ("other vehicle"). */
export const VEHICLE_CLASSES = ['passenger-vehicle', 'light-truck', 'heavy-truck', 'other-vehicle'] as const;

/** Table A.2 column-1 groups (s. 14(4)): the value of a BOM line's `corePart`. */
export const CORE_PART_GROUPS = [
  'engines',
  'transmissions',
  'body-and-chassis',
  'axles',
  'suspension-systems',
  'steering-systems',
  'advanced-batteries',
] as const;

/** Parts tables A.1, B, C (passenger vehicles and light trucks), D, E (heavy trucks): `partTable`. */
export const PART_TABLES = ['A.1', 'B', 'C', 'D', 'E'] as const;

/**
 * The disputed points of law a claim may settle in its `interpretation`, each with its readings. The rule pack
 * describes and cites each reading and holds the default and the importing countries' readings
 * (usmca.interpretation.*; test/rules/terms checks that the two name the same readings).
 */
export const INTERPRETATION_SWITCHES = {
  coreRollUp: ['full', 'rvc-only'],
  heavyTruckParts: ['origin-rule', 'gate'],
  thresholdDate: ['decision-date', 'period'],
  listedComponents: ['literal', 'recursive'],
  lvcNetCost: ['book', 'restated'],
  heavyTruckCredit: ['all-points', 'lvc-excess'],
  coreAverageThreshold: ['not-less-than', 'exceeds'],
  tariffItemPrecedence: ['item-rule-only', 'every-alternative'],
} as const;

/** The name of an interpretation switch: `coreRollUp`, `heavyTruckParts`, ... */
export type SwitchId = keyof typeof INTERPRETATION_SWITCHES;
/** The readings of one switch. */
export type ReadingOf<K extends SwitchId> = (typeof INTERPRETATION_SWITCHES)[K][number];
/** Readings a claim settles: any switch left out takes its default (or its importing country's reading). */
export type InterpretationSettings = { [K in SwitchId]?: ReadingOf<K> };

/** The importing countries whose readings of disputed points the rule pack records (`importingCountry`). */
export const IMPORTING_COUNTRIES = ['US', 'CA', 'MX'] as const;
