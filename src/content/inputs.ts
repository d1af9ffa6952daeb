/**
 * What the content command reads from a claim beyond what `evaluate` needs: the customs value (in the reporting
 * currency, through the claim's own exchange rates), the entry date (default: the decision date), the weight of
 * the claim in its model line (units, default 1), the evidence reference of each BOM line, and the country of
 * final assembly (the plant named by good.plant). Every problem is collected with its path: a missing customs
 * value, a currency without a rate, a country that ISO 3166 does not assign, a missing assembly plant.
 */
import { keySegment } from '../input/load-claim.js';
import { iso31661 } from 'iso-3166';
import type { LoadedClaim } from '../input/load-claim.js';
import type { MaterialInput } from '../input/documents.js';
import { materialPath, type Material } from '../input/model.js';
import type { InputProblem } from '../input/problems.js';
import { dec, ONE, type Dec } from '../num/decimal.js';

const ASSIGNED = new Set(iso31661.map((c) => c.alpha2));

/** Whether ISO 3166-1 assigns this alpha-2 code to a country (user-assigned codes such as XX are refused). */
export function isAssignedCountry(code: string): boolean {
  return ASSIGNED.has(code);
}

export interface ContentInputs {
  /** Customs value of one vehicle, in the reporting currency. */
  customsValue: Dec;
  /** The rate used when the customs value is in another currency, for the trace. */
  customsValueRate?: { currency: string; rate: string; date: string; source: string } | undefined;
  entryDate: string;
  entryDateDefaulted: boolean;
  units: Dec;
  /** Evidence reference by BOM line key ("ENG/BLOCK"). */
  evidence: ReadonlyMap<string, string>;
  assembly: { plant: string; name?: string | undefined; country: string };
  /** Country of production of a line: its own, or its plant's. */
  countryOf(m: Material): string | undefined;
}

export function contentInputs(
  loaded: LoadedClaim,
): { ok: true; inputs: ContentInputs } | { ok: false; problems: InputProblem[] } {
  const { claim } = loaded;
  const raw = loaded.canonicalInput.claim as typeof loaded.canonicalInput.claim & {
    customsValue?: { amount: string; currency?: string };
    entryDate?: string;
    units?: string;
  };
  const problems: InputProblem[] = [];
  let customsValue: Dec = dec('0');
  let customsValueRate: ContentInputs['customsValueRate'];
  if (!raw.customsValue) {
    problems.push(
      loaded.problemAt(
        ['customsValue'],
        'CUSTOMS_VALUE_REQUIRED',
        `give the customs value of one vehicle (customsValue, e.g. "31500.00" or { amount, currency }): the tariff measures are assessed on it`,
      ),
    );
  } else {
    const currency = raw.customsValue.currency ?? claim.currency;
    const rate = claim.rates.get(currency);
    if (currency !== claim.currency && !rate) {
      problems.push(
        loaded.problemAt(
          ['customsValue'],
          'EXCHANGE_RATE_MISSING',
          `no exchange rate for ${currency} into ${claim.currency}: add one to exchangeRates`,
        ),
      );
    } else {
      customsValue = claim.toReporting(raw.customsValue.amount, currency).amount;
      if (rate) customsValueRate = { currency, rate: rate.rateText, date: rate.date, source: rate.source };
    }
  }

  const plantId = claim.good.plant;
  const plant = plantId !== undefined ? claim.plants.get(plantId) : undefined;
  if (plantId === undefined) {
    problems.push(
      loaded.problemAt(
        ['good', 'plant'],
        'FIELD_REQUIRED',
        'name the assembly plant (good.plant, a plant of the producer document): its country decides which measures apply',
      ),
    );
  }
  for (const p of claim.plants.values()) {
    if (!isAssignedCountry(p.country))
      problems.push({
        code: 'COUNTRY_INVALID',
        path: `${p.path}.country`,
        file: claim.files.producer,
        message: `"${p.country}" is not a country code ISO 3166-1 assigns; content by country needs a real country (plant ${p.id})`,
      });
  }
  const evidence = new Map<string, string>();
  collectEvidence(raw.materials as MaterialInput[], '', evidence);
  const visit = (list: readonly Material[]): void => {
    for (const m of list) {
      if (m.country !== undefined && !isAssignedCountry(m.country))
        problems.push(
          loaded.problemAt(
            [...materialPath(m), 'country'],
            'COUNTRY_INVALID',
            `"${m.country}" is not a country code ISO 3166-1 assigns; write the country of production (e.g. "DE"), or leave it out if it is not known`,
          ),
        );
      visit(m.children);
    }
  };
  visit(claim.materials);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    inputs: {
      customsValue,
      customsValueRate,
      entryDate: raw.entryDate ?? claim.decisionDate,
      entryDateDefaulted: raw.entryDate === undefined,
      units: raw.units !== undefined ? dec(raw.units) : ONE,
      evidence,
      assembly: { plant: plantId as string, name: plant?.name, country: (plant?.country ?? '') as string },
      countryOf: (m) => m.country ?? (m.plant !== undefined ? claim.plants.get(m.plant)?.country : undefined),
    },
  };
}

function collectEvidence(list: readonly MaterialInput[] | undefined, prefix: string, out: Map<string, string>): void {
  for (const m of list ?? []) {
    const key = prefix + keySegment(m.id);
    if (m.evidence) out.set(key, m.evidence.ref);
    collectEvidence(m.materials, `${key}/`, out);
  }
}
