/**
 * What can still be checked in a claim or producer document that does not validate: every field that validates
 * on its own is kept; a broken optional field is left out; a broken required field is replaced by a neutral value
 * (so that lists keep their order and every line its path), and the place is noted, so that no problem the
 * stand-in causes is reported. Used for the checks between fields and documents (plants named, ids unique,
 * rates declared, periods in order...) of a claim with schema problems: every problem is reported at once.
 */
import type { z } from 'zod';
import { formatPath, type Path } from '../documents/source.js';
import {
  claimSchema,
  materialReferenceSchema,
  producerSchema,
  type ClaimInput,
  type ProducerInput,
} from './documents.js';
import type { MaterialInput } from './material-schema.js';

/** The places a salvage stood in for: the problems the checks find there are not reported. */
export interface Salvaged {
  /** Paths (as formatted) at and under which a stand-in was put: no problem there is reported. */
  replaced: string[];
  /** Paths of BOM lines with a field left out or replaced: no problem weighing its fields together is reported. */
  lines: string[];
  /** Whether an exchange rate's currency could not be read: then no missing rate is reported. */
  ratesUnknown: boolean;
  /** Whether a plant's id could not be read: then no unknown plant is reported. */
  plantsUnknown: boolean;
}

type Shape = Readonly<Record<string, z.ZodType>>;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const claimShape = claimSchema.shape as unknown as Shape;
const producerShape = producerSchema.shape as unknown as Shape;
const lineShape = (materialReferenceSchema as unknown as z.ZodLazy<z.ZodObject>).unwrap().shape as unknown as Shape;
const steelAluminum = producerSchema.shape.steelAluminum.unwrap();
const plantShape = producerSchema.shape.plants.unwrap().element.shape as unknown as Shape;
const purchaseShape = steelAluminum.shape.purchases.element.shape as unknown as Shape;

/**
 * The fields of `raw` that validate against `shape` (a strict object's), each as its schema outputs it; a field
 * that does not validate (or is not of the shape) is left out, or replaced by its `standIn` where one is given
 * (required fields). `broken` says whether anything was left out or replaced; `at` lists the fields replaced.
 */
function salvageObject(
  shape: Shape,
  raw: unknown,
  standIn: Readonly<Record<string, unknown>>,
  skip: readonly string[] = [],
): { value: Record<string, unknown>; broken: boolean; replaced: string[] } {
  const value: Record<string, unknown> = {};
  const replaced: string[] = [];
  let broken = !isRecord(raw);
  const fields = isRecord(raw) ? raw : {};
  for (const key of Object.keys(fields)) if (!(key in shape)) broken = true;
  for (const [key, schema] of Object.entries(shape)) {
    if (skip.includes(key)) continue;
    const checked = schema.safeParse(fields[key]);
    if (checked.success) {
      if (checked.data !== undefined) value[key] = checked.data;
      continue;
    }
    broken = true;
    if (key in standIn) {
      value[key] = standIn[key];
      replaced.push(key);
    }
  }
  return { value, broken, replaced };
}

/** A list's items salvaged one by one, in place (a list that is not a list is empty). */
function salvageList<T>(raw: unknown, one: (item: unknown, index: number) => T): T[] {
  return Array.isArray(raw) ? raw.map(one) : [];
}

/**
 * The claim `raw` as far as it can be read, with `rawMaterials` its BOM lines (from the claim, or the rows of the
 * table it names); undefined when its currency cannot be read (nothing can be converted, so nothing compared).
 */
export function salvageClaim(raw: unknown, rawMaterials: unknown, out: Salvaged): ClaimInput | undefined {
  const top = salvageObject(
    claimShape,
    raw,
    {
      format: 'usmca-roo/claim@1',
      id: '-',
      decisionDate: '2000-01-01',
      producer: '-',
      costs: { totalCost: '1', excludedCosts: zeroExcluded() },
    },
    ['exchangeRates', 'good', 'materials'],
  );
  const fields = isRecord(raw) ? raw : {};
  if (top.value.currency === undefined) return undefined;
  out.replaced.push(...top.replaced);
  const rateShape = claimSchema.shape.exchangeRates.unwrap().element;
  const rates = salvageList(fields.exchangeRates, (rate, i) => {
    const checked = rateShape.safeParse(rate);
    if (checked.success) return checked.data;
    out.replaced.push(formatPath(['exchangeRates', i]));
    const currency = isRecord(rate) ? rate.currency : undefined;
    if (typeof currency === 'string' && /^[A-Z]{3}$/.test(currency))
      return { currency, rate: '1', date: '2000-01-01', source: '-' };
    out.ratesUnknown = true;
    return undefined;
  });
  const goodShape = claimSchema.shape.good.shape as unknown as Shape;
  const salvagedGood = salvageObject(goodShape, fields.good, { kind: 'vehicle', description: '-', hs: '8703.23' });
  out.replaced.push(...salvagedGood.replaced.map((k) => formatPath(['good', k])));
  if (!isRecord(fields.good)) out.replaced.push('good');
  return {
    ...top.value,
    exchangeRates: rates.filter((r) => r !== undefined),
    good: salvagedGood.value,
    materials: salvageLines(rawMaterials, ['materials'], out),
  } as unknown as ClaimInput;
}

function zeroExcluded(): Record<string, string> {
  return {
    salesPromotionMarketingAfterSalesService: '0',
    royalties: '0',
    shippingAndPacking: '0',
    nonAllowableInterest: '0',
  };
}

/** BOM lines salvaged in place, at any depth: a line that is not a mapping becomes an empty stand-in. */
function salvageLines(raw: unknown, path: Path, out: Salvaged): MaterialInput[] {
  return salvageList(raw, (line, i) => {
    const at = [...path, i];
    const { value, broken } = salvageObject(
      lineShape,
      line,
      { id: `\u0000${formatPath(at)}`, quantity: '0', unitValue: { amount: '0' } },
      ['materials'],
    );
    if (broken) out.lines.push(formatPath(at));
    const children = isRecord(line) ? line.materials : undefined;
    if (Array.isArray(children)) value.materials = salvageLines(children, [...at, 'materials'], out);
    return value as unknown as MaterialInput;
  });
}

/**
 * The producer document `raw` as far as it can be read (its purchases from `rawPurchases`, the rows of the table it
 * names, where it does), with `currency` standing in for its own where that cannot be read. `base`: where the
 * document is in its file (`['producer']` when inline); `purchasesBase` where its purchases are.
 */
export function salvageProducer(
  raw: unknown,
  rawPurchases: unknown,
  currency: string,
  base: Path,
  purchasesBase: Path,
  out: Salvaged,
): ProducerInput {
  const top = salvageObject(producerShape, raw, { format: 'usmca-roo/producer@1', name: '-', currency }, [
    'plants',
    'steelAluminum',
  ]);
  out.replaced.push(...top.replaced.map((k) => formatPath([...base, k])));
  const fields = isRecord(raw) ? raw : {};
  const plants = salvageList(fields.plants, (plant, i) => {
    const at = [...base, 'plants', i];
    const { value, replaced } = salvageObject(plantShape, plant, { id: `\u0000${formatPath(at)}`, country: 'US' });
    out.replaced.push(...replaced.map((k) => formatPath([...at, k])));
    if (!isRecord(plant) || typeof plant.id !== 'string' || plant.id.trim() === '') out.plantsUnknown = true;
    return value;
  });
  const sa = fields.steelAluminum;
  let salvagedSa: Record<string, unknown> | undefined;
  if (isRecord(sa)) {
    const period = { start: '2000-01-01', end: '2000-12-31', kind: 'previous-calendar-year' };
    const s = salvageObject(steelAluminum.shape as unknown as Shape, sa, { period, basis: 'all-vehicles-produced' }, [
      'purchases',
    ]);
    out.replaced.push(...s.replaced.map((k) => formatPath([...base, 'steelAluminum', k])));
    const purchases = salvageList(rawPurchases, (purchase, i) => {
      const at = [...purchasesBase, i];
      const p = salvageObject(purchaseShape, purchase, {
        id: `\u0000${formatPath(at)}`,
        metal: 'steel',
        hs: '7208.10',
        value: { amount: '0' },
        origin: 'unknown',
      });
      out.replaced.push(...p.replaced.map((k) => formatPath([...at, k])));
      return p.value;
    });
    salvagedSa = { ...s.value, purchases };
  }
  return {
    ...top.value,
    plants,
    ...(salvagedSa ? { steelAluminum: salvagedSa } : {}),
  } as unknown as ProducerInput;
}
