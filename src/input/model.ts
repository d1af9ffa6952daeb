/**
 * The normalised claim the legal tests read: every amount Money in the reporting currency, every line
 * with its path in the source, the producer document resolved and checked against the claim.
 */
import type { Dec } from '../num/decimal.js';
import type { ExchangeRate, Money } from '../num/money.js';
import type { ClaimInput, MaterialInput, ProducerInput } from './documents.js';
import type { IMPORTING_COUNTRIES, InterpretationSettings } from './terms.js';

export type Origin = NonNullable<MaterialInput['origin']>;

export interface SupplierStatement {
  /**
   * The supplier's net cost per unit of the material, reporting currency: present wherever the calculation uses it
   * (a statement of the value of non-originating materials under the net cost method, s. 9(2)(a), (4)(a)); a
   * statement of an amount of net cost (s. 9(2)(b), (4)(b)) or one under the transaction value method (s. 9(3), (5))
   * need not state it.
   */
  netCost?: Money | undefined;
  valueOfNonOriginatingMaterials?: Money | undefined;
  regionalContentAmount?: Money | undefined;
  additionalCosts?: Money | undefined;
  reference?: string | undefined;
}

/** A quote for a BOM line from another supplier (`alternatives`), its price in the reporting currency. */
export interface Alternative {
  /** Its position in the line's `alternatives`. */
  index: number;
  supplier: string;
  /** The quoted price per unit, reporting currency. */
  unitValue: Money;
  origin: Origin;
  country?: string | undefined;
  plant?: string | undefined;
  reference?: string | undefined;
}

export interface Material {
  /** Position in its list, and the line it belongs to (for locating the line in the claim). */
  index: number;
  parent?: Material | undefined;
  id: string;
  /** Ids from the top of the BOM down to this line, joined by "/" ("~" and "/" inside an id written ~0 and ~1). */
  key: string;
  description: string;
  /** The 6-digit subheading ("8708.80"), read from the code as written. */
  hs?: string | undefined;
  /** The code as written, where it was not the subheading itself (a national tariff number, no dot). */
  hsAsWritten?: string | undefined;
  quantity: Dec;
  /** Unit value in the reporting currency. */
  unitValue: Money;
  /** quantity x unitValue, in the reporting currency. */
  value: Money;
  /** As declared; 'unknown' where the claim left it out (allowed only where the engine computes it). */
  origin: Origin;
  /** Whether the claim declared the origin (it may leave it out where the engine computes it). */
  originDeclared: boolean;
  country?: string | undefined;
  plant?: string | undefined;
  selfProduced: boolean;
  intermediate: boolean;
  statement?: SupplierStatement | undefined;
  corePart?: string | undefined;
  coreComponent?: string | undefined;
  /** The part's own net cost per unit, reporting currency. */
  netCost?: Money | undefined;
  /**
   * A designated intermediate material's value (s. 8(8)): the total cost reasonably allocated to one unit, without
   * profit, reporting currency. Where absent, the unit value stands in (warning INTERMEDIATE_VALUE_NOT_ALLOCATED).
   */
  allocatedTotalCost?: Money | undefined;
  /** Declared parts table, where an "ex" HS code appears in more than one table. */
  partTable?: 'A.1' | 'B' | 'C' | 'D' | 'E' | undefined;
  /** The bill of materials of ONE unit of this line. */
  children: Material[];
  /** Quotes from other suppliers, if the claim lists any (read by advice only). */
  alternatives?: Alternative[] | undefined;
}

/** "declared originating", or, where the claim left the origin to the engine, "no origin declared (...)". */
export function declaredOrigin(m: Pick<Material, 'origin' | 'originDeclared'>): string {
  return m.originDeclared ? `declared ${m.origin}` : 'no origin declared (it counts as unknown)';
}

/** Where a line is in the claim, e.g. `materials[0].materials[1]`. */
export function materialPath(m: Material): (string | number)[] {
  const out: (string | number)[] = [];
  for (let cur: Material | undefined = m; cur; cur = cur.parent) out.unshift('materials', cur.index);
  return out;
}

export interface Plant {
  id: string;
  name?: string | undefined;
  country: string;
  operator?: string | undefined;
  role?: string | undefined;
  path: string;
  input: ProducerInput['plants'][number];
}

export interface NormalizedClaim {
  id: string;
  decisionDate: string;
  currency: string;
  /** The good as claimed, its `hs` read to the 6-digit subheading (the code as written in `hsAsWritten`). */
  good: ClaimInput['good'] & { hsAsWritten?: string };
  /** The good's HS code in HS 2012 (after correlation when hsEdition says another edition). */
  hs2012: string[];
  period: { start: string; end: string; defaulted: boolean };
  /** Per unit of the good, in the reporting currency. */
  costs: {
    totalCost: Money;
    salesPromotionMarketingAfterSalesService: Money;
    royalties: Money;
    shippingAndPacking: Money;
    nonAllowableInterest: Money;
    /** The four excluded-cost categories together (UR s. 1 "net cost"). */
    excludedCosts: Money;
    /** totalCost - excludedCosts: the net cost before any restatement for accumulation (s. 9(2)(a)). */
    netCost: Money;
    transactionValue?: Money | undefined;
  };
  materials: Material[];
  /** Whether any BOM line is a designated intermediate material, or a core part. */
  bomFlags: { intermediates: boolean; coreParts: boolean };
  elections: NonNullable<ClaimInput['elections']>;
  /** The readings the claim settles itself; the others take their defaults (requirements/interpretation.ts). */
  interpretation: InterpretationSettings;
  /** The country of importation, whose readings of disputed points are the defaults; undefined if not given. */
  importingCountry?: (typeof IMPORTING_COUNTRIES)[number] | undefined;
  producer: ProducerInput;
  plants: Map<string, Plant>;
  /** The declared exchange rates into the reporting currency, by the currency they convert from. */
  rates: Map<string, ExchangeRate>;
  /**
   * An amount written in `currency` (a decimal string), in the reporting currency: converted at the declared
   * rate (the claim was checked to declare one for every currency it uses).
   */
  toReporting(amount: string, currency: string): Money;
  files: { claim: string; producer: string };
  /** Readings of the input the decision must mention (e.g. national tariff numbers read to subheadings). */
  inputWarnings: { code: string; subject?: string; message: string }[];
}
