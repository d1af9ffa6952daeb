/**
 * The fields a model line's U.S.-content submission to the Department of Commerce asks for (90 FR 21450 for
 * passenger vehicles and light trucks; the notice of 2026-02-02 for medium- and heavy-duty vehicles), drawn from
 * the model line's averaged figures. Only a model line whose claims are all USMCA-qualifying gets one, and never
 * under a scenario. Fields the engine cannot know (importer name, importer of record number, vehicle year) are
 * left empty for the importer to fill.
 */
import type { RulePack } from '../rules/pack.js';
import type { TariffMeasureId } from '../tariffs/catalog.js';
import { measureAt } from '../tariffs/in-force.js';
import type { ClaimItem, ModelLineContent } from './model-line.js';

/** One row of the submission CSV: a model line under one measure, every field text as written to the file. */
export interface Submission {
  /** The measure's rule id in the tariff pack. */
  measure: string;
  /** The model line. */
  modelLine: string;
  /** Its claims' ids, separated by spaces. */
  claims: string;
  /** The vehicles' descriptions (`good.description`), separated by "; ". */
  vehicle: string;
  /** The producer's name (the producer document's `name`). */
  manufacturer: string;
  /** The assembly plants, "name (country)", separated by "; ". */
  facility: string;
  /** The countries of final assembly (ISO 3166 alpha-2), separated by spaces. */
  countryOfFinalAssembly: string;
  /** The production locations: the assembly plants, as `facility`. */
  productionLocations: string;
  /** The countries of origin: the countries of final assembly. */
  countryOfOrigin: string;
  /** The currency of the amounts (ISO 4217). */
  currency: string;
  /** The model line's average customs value per vehicle (a decimal string). */
  customsValue: string;
  /** Its average U.S. content per vehicle. */
  usContent: string;
  /** customsValue - usContent. */
  nonUsContent: string;
  /** How the figures were averaged: claims, units, weighting and rounding. */
  averaging: string;
  /** Each claim's USMCA verdict with the sha256 of its input, separated by "; ". */
  usmcaCertification: string;
  /** Left empty: for the importer to fill. */
  importerName: string;
  /** Left empty: for the importer to fill. */
  importerOfRecordNumber: string;
  /** Left empty: for the importer to fill. */
  vehicleYear: string;
}

export const SUBMISSION_COLUMNS: ReadonlyArray<keyof Submission> = [
  'measure',
  'modelLine',
  'claims',
  'vehicle',
  'manufacturer',
  'facility',
  'countryOfFinalAssembly',
  'productionLocations',
  'countryOfOrigin',
  'currency',
  'customsValue',
  'usContent',
  'nonUsContent',
  'averaging',
  'usmcaCertification',
  'importerName',
  'importerOfRecordNumber',
  'vehicleYear',
];

export function submissions(
  lines: readonly ModelLineContent[],
  items: readonly ClaimItem[],
  tariffPack: RulePack,
): Submission[] {
  const out: Submission[] = [];
  for (const line of lines) {
    const group = items.filter((it) => line.claims.includes(it.content.claim.id));
    const first = group[0];
    if (!first) continue;
    for (const t of line.tariffs) {
      const inForce = measureAt(tariffPack, t.id as TariffMeasureId, first.content.claim.entryDate);
      const sub = inForce?.measure.submission;
      if (!sub || !t.eligible || t.status !== 'in-force' || !inForce.measure.preference.spared.countries.includes('US'))
        continue;
      const plants = [
        ...new Set(
          group.map(
            (it) => `${it.content.assembly.name ?? it.content.assembly.plant} (${it.content.assembly.country})`,
          ),
        ),
      ].sort();
      const countries = [...new Set(group.map((it) => it.content.assembly.country))].sort();
      out.push({
        measure: t.id,
        modelLine: line.modelLine,
        claims: line.claims.join(' '),
        vehicle: [...new Set(group.map((it) => String(it.loaded.claim.good.description)))].sort().join('; '),
        manufacturer: String(first.loaded.claim.producer.name),
        facility: plants.join('; '),
        countryOfFinalAssembly: countries.join(' '),
        productionLocations: plants.join('; '),
        countryOfOrigin: countries.join(' '),
        currency: line.currency,
        customsValue: line.customsValue,
        usContent: line.usContent,
        nonUsContent: line.nonUsContent,
        averaging: `${line.claims.length} claim(s), ${line.units} unit(s): ${line.rounding}`,
        usmcaCertification: group
          .map((it) => `${it.content.claim.id} originating (input sha256 ${it.content.usmca.inputSha256})`)
          .join('; '),
        importerName: '',
        importerOfRecordNumber: '',
        vehicleYear: '',
      });
    }
  }
  return out;
}
