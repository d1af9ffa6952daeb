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

export interface Submission {
  measure: string;
  modelLine: string;
  claims: string;
  vehicle: string;
  manufacturer: string;
  facility: string;
  countryOfFinalAssembly: string;
  productionLocations: string;
  countryOfOrigin: string;
  currency: string;
  customsValue: string;
  usContent: string;
  nonUsContent: string;
  averaging: string;
  usmcaCertification: string;
  importerName: string;
  importerOfRecordNumber: string;
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
