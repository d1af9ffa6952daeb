/**
 * The hot path of claim validation: a BOM line checked by hand, field by field, exactly as
 * `materialReferenceSchema` (documents.ts) would check it, producing the same output (keys in sorted order,
 * money as `{ amount, currency? }`). It answers only "valid, here is the value" or "not sure": anything it
 * does not accept goes to the zod schema, which then reports the problems, so messages never differ. A
 * 100,000-line bill of materials is checked several times faster this way. test/property/material-fast
 * compares the two on generated lines, valid and broken.
 */
import type { z } from 'zod';
import { DECIMAL_PATTERN, withinDigits } from '../num/decimal.js';
import type { MaterialInput } from './documents.js';
import { hsSubheading } from './hs.js';
import { CORE_PART_GROUPS, ORIGINS, PART_TABLES } from './terms.js';

const KEYS = new Set([
  'allocatedTotalCost',
  'coreComponent',
  'corePart',
  'country',
  'currency',
  'description',
  'evidence',
  'hs',
  'id',
  'intermediate',
  'materials',
  'netCost',
  'origin',
  'partTable',
  'plant',
  'quantity',
  'selfProduced',
  'supplierStatement',
  'unitValue',
]);
const ORIGIN_SET = new Set<string>(ORIGINS);
const CORE = new Set<string>(CORE_PART_GROUPS);
const TABLES = new Set<string>(PART_TABLES);
const CURRENCY = /^[A-Z]{3}$/;
const COUNTRY = /^[A-Z]{2}$/;
const ZERO_TEXT = /^-?0+(?:\.0+)?$/;

function nonNegative(v: unknown): string | undefined {
  if (typeof v === 'string') {
    if (!DECIMAL_PATTERN.test(v) || !withinDigits(v)) return undefined;
    if (v.charCodeAt(0) === 45 && !ZERO_TEXT.test(v)) return undefined;
    return v;
  }
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && !Object.is(v, -0)) return String(v);
  return undefined;
}

function money(v: unknown): { amount: string; currency?: string } | undefined {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    for (const k in o) if (k !== 'amount' && k !== 'currency') return undefined;
    const amount = nonNegative(o.amount);
    if (amount === undefined) return undefined;
    if (o.currency === undefined) return 'currency' in o ? undefined : { amount };
    return typeof o.currency === 'string' && CURRENCY.test(o.currency) ? { amount, currency: o.currency } : undefined;
  }
  const amount = nonNegative(v);
  return amount === undefined ? undefined : { amount };
}

const optionalText = (v: unknown, nonEmpty: boolean): boolean =>
  v === undefined || (typeof v === 'string' && (!nonEmpty || v.length > 0));

export function fastMaterial(value: unknown, statementSchema: z.ZodType): MaterialInput | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const m = value as Record<string, unknown>;
  for (const k in m) {
    if (!KEYS.has(k) || m[k] === undefined) return undefined;
  }
  const {
    id,
    description,
    hs,
    currency,
    origin,
    country,
    plant,
    selfProduced,
    intermediate,
    corePart,
    coreComponent,
    partTable,
  } = m;
  if (typeof id !== 'string' || id.trim().length === 0) return undefined;
  if (!optionalText(description, false) || !optionalText(plant, true) || !optionalText(coreComponent, true))
    return undefined;
  if (hs !== undefined && !(typeof hs === 'string' && hsSubheading(hs) !== undefined)) return undefined;
  if (currency !== undefined && !(typeof currency === 'string' && CURRENCY.test(currency))) return undefined;
  if (country !== undefined && !(typeof country === 'string' && COUNTRY.test(country))) return undefined;
  if (origin !== undefined && !(typeof origin === 'string' && ORIGIN_SET.has(origin))) return undefined;
  if (selfProduced !== undefined && typeof selfProduced !== 'boolean') return undefined;
  if (intermediate !== undefined && typeof intermediate !== 'boolean') return undefined;
  if (corePart !== undefined && !(typeof corePart === 'string' && CORE.has(corePart))) return undefined;
  if (partTable !== undefined && !(typeof partTable === 'string' && TABLES.has(partTable))) return undefined;
  const quantity = nonNegative(m.quantity);
  const unitValue = money(m.unitValue);
  if (quantity === undefined || unitValue === undefined) return undefined;
  let netCost: { amount: string; currency?: string } | undefined;
  if (m.netCost !== undefined) {
    netCost = money(m.netCost);
    if (netCost === undefined) return undefined;
  }
  let allocatedTotalCost: { amount: string; currency?: string } | undefined;
  if (m.allocatedTotalCost !== undefined) {
    allocatedTotalCost = money(m.allocatedTotalCost);
    if (allocatedTotalCost === undefined) return undefined;
  }
  let supplierStatement: MaterialInput['supplierStatement'];
  if (m.supplierStatement !== undefined) {
    const s = statementSchema.safeParse(m.supplierStatement);
    if (!s.success) return undefined;
    supplierStatement = s.data as MaterialInput['supplierStatement'];
  }
  let evidence: { ref: string } | undefined;
  if (m.evidence !== undefined) {
    const e = m.evidence;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) return undefined;
    for (const k in e) if (k !== 'ref') return undefined;
    const ref = (e as { ref?: unknown }).ref;
    if (typeof ref !== 'string' || ref.length === 0) return undefined;
    evidence = { ref };
  }
  let materials: MaterialInput[] | undefined;
  if (m.materials !== undefined) {
    if (!Array.isArray(m.materials)) return undefined;
    materials = new Array<MaterialInput>(m.materials.length);
    for (let i = 0; i < m.materials.length; i++) {
      const child = fastMaterial(m.materials[i], statementSchema);
      if (child === undefined) return undefined;
      materials[i] = child;
    }
  }
  // Keys in sorted order, as the reference schema writes them; absent optional fields are left out.
  const out: Record<string, unknown> = {};
  if (allocatedTotalCost !== undefined) out.allocatedTotalCost = allocatedTotalCost;
  if (coreComponent !== undefined) out.coreComponent = coreComponent;
  if (corePart !== undefined) out.corePart = corePart;
  if (country !== undefined) out.country = country;
  if (currency !== undefined) out.currency = currency;
  if (description !== undefined) out.description = description;
  if (evidence !== undefined) out.evidence = evidence;
  if (hs !== undefined) out.hs = hs;
  out.id = id;
  if (intermediate !== undefined) out.intermediate = intermediate;
  if (materials !== undefined) out.materials = materials;
  if (netCost !== undefined) out.netCost = netCost;
  if (origin !== undefined) out.origin = origin;
  if (partTable !== undefined) out.partTable = partTable;
  if (plant !== undefined) out.plant = plant;
  out.quantity = quantity;
  if (selfProduced !== undefined) out.selfProduced = selfProduced;
  if (supplierStatement !== undefined) out.supplierStatement = supplierStatement;
  out.unitValue = unitValue;
  return out as unknown as MaterialInput;
}
