/**
 * The parameters a rule pack must provide, each with the shape of its values. The pack is rejected at
 * load if a parameter is missing, unknown, or has a value of the wrong shape. The general rules are in
 * catalog-general.ts, the shapes of the rules that name other rules in rule-maps.ts.
 */
import { z } from 'zod';
import {
  capacity,
  conditionTree,
  countryCode,
  currencyCode,
  dateText,
  decimalText,
  hsSelector,
  interpretationSwitch,
  lvcThresholds,
  netCostAndTransactionValue,
  tableRow,
  vehicleClassName,
} from './values.js';
import { productSpecificRules } from './psr-schema.js';
import { generalCatalog } from './catalog-general.js';
import { lvcRulesByClass, partsTableRows, partsTables } from './rule-maps.js';

export { partsTableRows, type PartsTableRows } from './rule-maps.js';

const table = partsTableRows;
const percent = decimalText;

export const catalog = {
  ...generalCatalog,

  // Vehicle classification and the tariff shift of the vehicle rules
  'usmca.auto.vehicle_classes': z
    .object({
      classes: z
        .array(
          z
            .object({
              class: vehicleClassName,
              category: z.string().min(1),
              title: z.string().min(1),
              provision: z.string().min(1),
              rvcRule: z.string().min(1),
              newPlantRule: z.boolean().optional(),
              conditions: conditionTree,
            })
            .strict(),
        )
        .min(1),
    })
    .strict(),
  'usmca.auto.tariff_shift.vehicles': z
    .object({
      change: z.enum(['chapter', 'heading', 'subheading']),
      passes: conditionTree,
      noChangeRequired: z.array(z.string().min(1)).optional(),
    })
    .strict(),

  // Vehicle RVC thresholds (net cost)
  'usmca.auto.rvc.passenger_vehicle': percent,
  'usmca.auto.rvc.light_truck': percent,
  'usmca.auto.rvc.heavy_truck': percent,
  'usmca.auto.rvc.other_vehicle_s20_2': percent,
  'usmca.auto.rvc.other_vehicle_s20_3': percent,
  'usmca.auto.rvc.other_vehicle_new_plant': z.object({ netCost: percent, years: decimalText }).strict(),
  'usmca.auto.rvc.other_vehicle_refit': z
    .object({ netCost: percent, years: decimalText, minimumClosureMonths: decimalText })
    .strict(),
  'usmca.auto.rvc.hs_8703_10': netCostAndTransactionValue,
  'usmca.auto.rvc.hs_8701_20': percent,
  'usmca.auto.rvc.asr_vehicle': percent,

  // Parts thresholds
  'usmca.auto.parts.pvlt_core': netCostAndTransactionValue,
  'usmca.auto.parts.pvlt_principal': netCostAndTransactionValue,
  'usmca.auto.parts.pvlt_complementary': netCostAndTransactionValue,
  'usmca.auto.parts.ht_principal': netCostAndTransactionValue,
  'usmca.auto.parts.ht_complementary': netCostAndTransactionValue,
  'usmca.auto.parts.asr_table_a1': netCostAndTransactionValue,
  // Retired (see RETIRED_PARAMETERS): still read in packs that hold it, so that their records replay.
  'usmca.auto.parts.aftermarket': z
    .object({ rows: z.array(z.object({ hs: hsSelector, netCost: percent, provision: z.string() }).strict()).min(1) })
    .strict(),
  'usmca.auto.parts.transaction_value': z.object({ netCostOnly: z.array(hsSelector), note: z.string() }).strict(),
  'usmca.auto.parts.tables': partsTables,

  // Parts tables (HS 2012)
  'usmca.auto.table.a1': table,
  'usmca.auto.table.b': table,
  'usmca.auto.table.c': table,
  'usmca.auto.table.d': table,
  'usmca.auto.table.e': table,
  'usmca.auto.table.f': table,
  'usmca.auto.table.a2': z
    .object({
      groups: z
        .array(
          z
            .object({
              id: z.string().min(1),
              title: z.string().min(1),
              components: z
                .array(
                  z
                    .object({ id: z.string().min(1), title: z.string().min(1), hs: z.array(hsSelector).min(1) })
                    .strict(),
                )
                .min(1),
            })
            .strict(),
        )
        .min(1),
    })
    .strict(),
  'usmca.auto.table.s': z.object({ steel: z.array(tableRow).min(1), aluminum: z.array(tableRow).min(1) }).strict(),

  // Core parts
  'usmca.auto.core_parts.scope': z
    .object({
      classes: z.array(vehicleClassName).min(1),
      advancedBattery: z.object({ group: z.string(), hs: z.array(hsSelector).min(1) }).strict(),
    })
    .strict(),
  /**
   * s. 20(3)(c): Table F goods for use in an other vehicle (`rows`), their RVC (`rvc`), the goods left out; s. 20(2)(h),
   * (3)(b): the engines and gear boxes (`enginesAndGearBoxes.goods`), the RVC for a vehicle of s. 20(2) (`rvc`) and
   * for one of s. 20(3)(a) (`rvcS20_3`).
   */
  'usmca.auto.parts.other_vehicle': z
    .object({
      classes: z.array(vehicleClassName).min(1),
      rows: z.string().min(1),
      rvc: z.string().min(1),
      excluded: z.array(hsSelector).min(1),
      enginesAndGearBoxes: z
        .object({ goods: z.array(hsSelector).min(1), rvc: z.string().min(1), rvcS20_3: z.string().min(1) })
        .strict()
        .optional(),
    })
    .strict(),
  'usmca.auto.heavy_truck_parts.scope': z
    .object({
      classes: z.array(vehicleClassName).min(1),
      engines: z.array(hsSelector).min(1),
      gearBoxes: z.array(hsSelector).min(1),
      chassis: z.array(hsSelector).min(1),
      /** The parts table whose RVC the parts must meet ("the applicable RVC requirement in subsection (2)"). */
      table: z.string().min(1),
    })
    .strict(),

  // Steel and aluminum
  'usmca.auto.steel_aluminum.scope': z.object({ classes: z.array(vehicleClassName).min(1) }).strict(),
  'usmca.auto.steel_aluminum.estimate_periods': z
    .object({
      periodKinds: z
        .array(
          z.enum([
            'previous-fiscal-year',
            'previous-calendar-year',
            'quarter-to-date',
            'month-to-date',
            'fiscal-year-to-date',
            'calendar-year-to-date',
          ]),
        )
        .min(1),
    })
    .strict(),
  'usmca.auto.steel.threshold': percent,
  'usmca.auto.aluminum.threshold': percent,
  'usmca.auto.steel.melted_and_poured': z.boolean(),
  'usmca.auto.steel.raw_material_exemptions': z.object({ hs: z.array(hsSelector).min(1) }).strict(),

  // Labor value content
  'usmca.auto.lvc.passenger_vehicle': lvcThresholds,
  'usmca.auto.lvc.light_truck': lvcThresholds,
  'usmca.auto.lvc.heavy_truck': lvcThresholds,
  'usmca.auto.lvc.asr_vehicle': lvcThresholds,
  'usmca.auto.lvc.vehicle_classes': lvcRulesByClass,
  'usmca.auto.lvc.high_wage_rate': z.record(
    countryCode,
    z.object({ amount: decimalText, currency: currencyCode }).strict(),
  ),
  'usmca.auto.lvc.assembly_credit': z
    .object({ minimumContractYears: decimalText, capacityPassengerLight: capacity, capacityHeavy: capacity })
    .strict(),
  'usmca.auto.lvc.wage_certification_validity': z
    .object({ validity: z.literal('following-period-of-equal-length'), longestValidityMonths: decimalText.optional() })
    .strict(),
  'usmca.auto.lvc.heavy_truck_excess_credit': z
    .object({
      lvcAbove: percent,
      pointsAbove: decimalText,
      rvcFloor: percent,
      classes: z.array(vehicleClassName).min(1),
    })
    .strict(),

  // Product-specific rules of origin (UR s. 13; Schedule 1 / Annex 4-B as printed in HTSUS General Note 11)
  'usmca.auto.psr.chapter_40': productSpecificRules,
  'usmca.auto.psr.chapter_83': productSpecificRules,
  'usmca.auto.psr.chapter_84': productSpecificRules,
  'usmca.auto.psr.chapter_85': productSpecificRules,
  'usmca.auto.psr.chapter_87': productSpecificRules,
  'usmca.auto.psr.chapter_90': productSpecificRules,
  'usmca.auto.psr.chapter_94': productSpecificRules,

  // Disputed points of law: the switches of a claim's `interpretation`, their readings and defaults
  'usmca.interpretation.core_roll_up': interpretationSwitch,
  'usmca.interpretation.heavy_truck_parts': interpretationSwitch,
  'usmca.interpretation.threshold_date': interpretationSwitch,
  'usmca.interpretation.listed_components': interpretationSwitch,
  'usmca.interpretation.lvc_net_cost': interpretationSwitch,
  'usmca.interpretation.heavy_truck_credit': interpretationSwitch,
  'usmca.interpretation.core_average_threshold': interpretationSwitch,
  'usmca.interpretation.tariff_item_precedence': interpretationSwitch,

  // Alternative staging regime; `rvc`: the rule of the RVC threshold s. 19(4)(a) sets (checked in references.ts).
  'usmca.auto.asr': z
    .object({
      classes: z.array(vehicleClassName).min(1),
      defaultEnd: dateText,
      coreParts: z.literal('not-applicable'),
      rvc: z.string().min(1),
    })
    .strict(),
} as const satisfies Record<string, z.ZodType>;

/** The dotted id of a rule the USMCA pack holds, e.g. `usmca.auto.rvc.passenger_vehicle`. */
export type ParameterId = keyof typeof catalog;
/** The shape of the values of rule `K` (decimal strings for figures, never JS numbers), as its schema reads them. */
export type ParameterValue<K extends ParameterId> = z.output<(typeof catalog)[K]>;
export const parameterIds = Object.keys(catalog).sort() as ParameterId[];

/**
 * Parameters the engine no longer reads: a pack may still hold them (the packs of earlier records do, and their
 * records must replay), but none must. `usmca.auto.parts.aftermarket` held the "for any other good" RVC of
 * 87.06-87.08; since pack 1.2.0 the rules of chapter 87 (usmca.auto.psr.chapter_87, uses `other-vehicle` and
 * `aftermarket`) hold the same figures with every alternative of s. 13, which is what the notes to Tables A.1-E
 * send an aftermarket part to ("the alternative that includes the phrase 'for any other good'") and s. 14(18)
 * keeps the table thresholds away from.
 */
export const RETIRED_PARAMETERS: ReadonlySet<ParameterId> = new Set<ParameterId>(['usmca.auto.parts.aftermarket']);

/** The parameters every USMCA pack must hold: the catalog less the retired ones. */
export const requiredParameterIds: readonly ParameterId[] = parameterIds.filter((id) => !RETIRED_PARAMETERS.has(id));
