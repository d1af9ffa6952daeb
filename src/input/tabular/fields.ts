/**
 * The spec fields a column mapping can fill, per kind of table, and how a cell becomes each field's value.
 * Field names are those of the claim format (claim-format.md); `parentId` and `level` are structural
 * (they shape the bill of materials and are not written into it).
 */
import { CORE_PART_GROUPS, ORIGINS, PART_TABLES } from '../terms.js';

/** What the rows of a table are: BOM lines of a claim (`materials`) or a producer's metal purchases (`purchases`). */
export type TableKind = 'materials' | 'purchases';

/** How a cell is read: text as written, a decimal amount, true/false, or a BOM level (1 = top). */
export type FieldType = 'text' | 'decimal' | 'boolean' | 'level';

export interface FieldSpec {
  type: FieldType;
  /** The values the field may take, where the claim format restricts them. */
  allowed?: readonly string[];
  /** Structural: shapes the tree, is not written into a material. */
  structural?: boolean;
}

export const MATERIAL_FIELDS: Readonly<Record<string, FieldSpec>> = {
  id: { type: 'text' },
  parentId: { type: 'text', structural: true },
  level: { type: 'level', structural: true },
  description: { type: 'text' },
  hs: { type: 'text' },
  quantity: { type: 'decimal' },
  unitValue: { type: 'decimal' },
  currency: { type: 'text' },
  origin: { type: 'text', allowed: ORIGINS },
  country: { type: 'text' },
  plant: { type: 'text' },
  selfProduced: { type: 'boolean' },
  intermediate: { type: 'boolean' },
  corePart: { type: 'text', allowed: CORE_PART_GROUPS },
  coreComponent: { type: 'text' },
  netCost: { type: 'decimal' },
  allocatedTotalCost: { type: 'decimal' },
  partTable: { type: 'text', allowed: PART_TABLES },
  // One name of the goods its part's rule names that the line is (claim-format.md, material ruleGoods).
  ruleGoods: { type: 'text' },
  // A supplier statement (s. 9(2)): its amounts are in the line's currency.
  'supplierStatement.netCost': { type: 'decimal' },
  'supplierStatement.valueOfNonOriginatingMaterials': { type: 'decimal' },
  'supplierStatement.regionalContentAmount': { type: 'decimal' },
  'supplierStatement.additionalCosts': { type: 'decimal' },
  'supplierStatement.period.start': { type: 'text' },
  'supplierStatement.period.end': { type: 'text' },
  'supplierStatement.reference': { type: 'text' },
  'evidence.ref': { type: 'text' },
};

/**
 * The fields of a quote from another supplier (a line's `alternatives`): a table maps the N-th quote of each row
 * (N from 0) as `alternatives[N].supplier`, `alternatives[N].unitValue`, ...; quotes whose cells are all empty
 * are left out, and the others keep their order.
 */
export const ALTERNATIVE_FIELDS: Readonly<Record<string, FieldSpec>> = {
  supplier: { type: 'text' },
  unitValue: { type: 'decimal' },
  currency: { type: 'text' },
  origin: { type: 'text', allowed: ORIGINS },
  country: { type: 'text' },
  plant: { type: 'text' },
  reference: { type: 'text' },
};

/** The most quotes a row may give (`alternatives[0]` to `alternatives[9]`). */
export const MAX_ALTERNATIVES = 10;

const ALTERNATIVE_FIELD = /^alternatives\[([0-9])\]\.([A-Za-z]+)$/;

/** A quote's field name parsed: its index and its field, or undefined. */
export function alternativeField(name: string): { index: number; field: string } | undefined {
  const m = ALTERNATIVE_FIELD.exec(name);
  return m && m[2] !== undefined && m[2] in ALTERNATIVE_FIELDS ? { index: Number(m[1]), field: m[2] } : undefined;
}

/** How a field of a table of `kind` is read, or undefined when the kind has no such field. */
export function fieldSpec(kind: TableKind, name: string): FieldSpec | undefined {
  const spec = fieldsOf(kind)[name];
  if (spec) return spec;
  const alt = kind === 'materials' ? alternativeField(name) : undefined;
  return alt ? ALTERNATIVE_FIELDS[alt.field] : undefined;
}

/** The field names of a kind, for messages (a quote's fields written once, with N). */
export function fieldNames(kind: TableKind): string {
  const names = Object.keys(fieldsOf(kind));
  if (kind === 'materials') names.push(...Object.keys(ALTERNATIVE_FIELDS).map((f) => `alternatives[N].${f}`));
  return names.join(', ');
}

export const PURCHASE_FIELDS: Readonly<Record<string, FieldSpec>> = {
  id: { type: 'text' },
  metal: { type: 'text', allowed: ['steel', 'aluminum'] },
  hs: { type: 'text' },
  description: { type: 'text' },
  value: { type: 'decimal' },
  currency: { type: 'text' },
  origin: { type: 'text', allowed: ORIGINS },
  meltedAndPouredInRegion: { type: 'boolean' },
  metalContent: { type: 'boolean' },
  channel: { type: 'text', allowed: ['direct', 'directed-buy', 'body-in-white'] },
  country: { type: 'text' },
};

export function fieldsOf(kind: TableKind): Readonly<Record<string, FieldSpec>> {
  return kind === 'materials' ? MATERIAL_FIELDS : PURCHASE_FIELDS;
}

/** Fields every row needs: from a column, or from `defaults`. (`id` always needs a column.) */
export const REQUIRED_FIELDS: Readonly<Record<TableKind, readonly string[]>> = {
  materials: ['quantity', 'unitValue'],
  purchases: ['metal', 'hs', 'value', 'origin'],
};

/** Output order of a material's and a purchase's fields (that of the claim format). */
export const MATERIAL_ORDER = [
  'id',
  'description',
  'hs',
  'quantity',
  'unitValue',
  'currency',
  'origin',
  'country',
  'plant',
  'selfProduced',
  'intermediate',
  'corePart',
  'coreComponent',
  'netCost',
  'allocatedTotalCost',
  'partTable',
  'ruleGoods',
  'supplierStatement.netCost',
  'supplierStatement.valueOfNonOriginatingMaterials',
  'supplierStatement.regionalContentAmount',
  'supplierStatement.additionalCosts',
  'supplierStatement.period.start',
  'supplierStatement.period.end',
  'supplierStatement.reference',
  'evidence.ref',
] as const;
export const PURCHASE_ORDER = [
  'id',
  'metal',
  'hs',
  'description',
  'value',
  'origin',
  'meltedAndPouredInRegion',
  'metalContent',
  'channel',
  'country',
] as const;

/** Fields whose value is money: a `currency` in the path below them is read from the currency column. */
export const MONEY_FIELDS: ReadonlySet<string> = new Set(['unitValue', 'netCost', 'value']);

/** Where the imported list sits in a claim (materials) or a producer document (purchases). */
export const BASE_PATH: Readonly<Record<TableKind, readonly string[]>> = {
  materials: ['materials'],
  purchases: ['steelAluminum', 'purchases'],
};
