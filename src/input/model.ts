/**
 * The normalised claim the legal tests read: every amount Money in the reporting currency, every line
 * with its path in the source, the producer document resolved and checked against the claim.
 */
import type { Dec } from '../num/decimal.js';
import type { ExchangeRate, Money } from '../num/money.js';
import type { ClaimInput, MaterialInput, ProducerInput } from './documents.js';
import type { IMPORTING_COUNTRIES, InterpretationSettings } from './terms.js';

/** A BOM line's origin as declared: `originating`, `non-originating`, or `unknown` (counted as non-originating). */
export type Origin = NonNullable<MaterialInput['origin']>;

/**
 * A supplier's statement of the content of a material (UR s. 9(2)(a) or (b), averaged over a period under s. 9(4)),
 * its amounts per unit of the material in the reporting currency. It gives either `valueOfNonOriginatingMaterials`
 * or `regionalContentAmount`, exactly one (normalisation refuses otherwise, FIELD_REQUIRED / FIELD_UNKNOWN).
 */
export interface SupplierStatement {
  /**
   * The supplier's net cost per unit of the material, reporting currency: present wherever the calculation uses it
   * (a statement of the value of non-originating materials under the net cost method, s. 9(2)(a), (4)(a)); a
   * statement of an amount of net cost (s. 9(2)(b), (4)(b)) or one under the transaction value method (s. 9(3), (5))
   * need not state it.
   */
  netCost?: Money | undefined;
  /** The value of the non-originating materials used to produce the material, per unit (s. 9(2)(a)). */
  valueOfNonOriginatingMaterials?: Money | undefined;
  /** The amount of the material's net cost that is not the value of non-originating materials, per unit (s. 9(2)(b)). */
  regionalContentAmount?: Money | undefined;
  /** The costs of s. 8(2)(a)-(c) not included in the supplier's net cost (s. 9(2)(a)), per unit. */
  additionalCosts?: Money | undefined;
  /** The supplier's own reference for the statement (or `evidence ID (...)` where stored evidence supplied it). */
  reference?: string | undefined;
}

/** A quote for a BOM line from another supplier (`alternatives`), its price in the reporting currency. */
export interface Alternative {
  /** Its position in the line's `alternatives`. */
  index: number;
  /** The supplier's name, as the claim writes it. */
  supplier: string;
  /** The quoted price per unit, reporting currency. */
  unitValue: Money;
  /** The origin of what the supplier would deliver, as the quote states it. */
  origin: Origin;
  /** The country it would be produced in (ISO 3166 alpha-2), where the quote says. */
  country?: string | undefined;
  /** The producer document's plant it would come from (its id), where known: its wages count for LVC (s. 18). */
  plant?: string | undefined;
  /** The quote's own reference (an offer number), where given. */
  reference?: string | undefined;
}

/**
 * One BOM line as the legal tests read it (a material of the good, UR s. 1 "material"), its amounts in the reporting
 * currency, with the lines of its own bill of materials (`children`) for the roll-up of an intermediate or core part.
 */
export interface Material {
  /** Position in its list, and the line it belongs to (for locating the line in the claim). */
  index: number;
  /** The line whose bill of materials holds this one; undefined at the top of the BOM. */
  parent?: Material | undefined;
  /** The line's id (a part number), unique among its siblings. */
  id: string;
  /** Ids from the top of the BOM down to this line, joined by "/" ("~" and "/" inside an id written ~0 and ~1). */
  key: string;
  /** What the material is, as the claim writes it. */
  description: string;
  /** The 6-digit subheading ("8708.80"), read from the code as written. */
  hs?: string | undefined;
  /** The code as written, where it was not the subheading itself (a national tariff number, no dot). */
  hsAsWritten?: string | undefined;
  /**
   * The goods named in the product-specific rule of the good it goes into that it is, in the rule's words
   * (`["battery cells"]`); `[]`: none of them. Decides "except from battery cells of 8507.90" and "from any other
   * good within that subheading" (UR s. 3(2); Schedule 1).
   */
  ruleGoods?: readonly string[] | undefined;
  /** Units of this material per unit of its parent (of the good at the top), an exact decimal. */
  quantity: Dec;
  /** Unit value in the reporting currency. */
  unitValue: Money;
  /** quantity x unitValue, in the reporting currency. */
  value: Money;
  /** As declared; 'unknown' where the claim left it out (allowed only where the engine computes it). */
  origin: Origin;
  /** Whether the claim declared the origin (it may leave it out where the engine computes it). */
  originDeclared: boolean;
  /** Country of production (ISO 3166 alpha-2), where declared. */
  country?: string | undefined;
  /** The producer document's plant that made it (its id): its wages decide the line's LVC (s. 18(4), (7)). */
  plant?: string | undefined;
  /** Produced by the claimant itself (a self-produced material, s. 1; never covered by a supplier's evidence). */
  selfProduced: boolean;
  /** Designated an intermediate material (s. 8(6)): its own origin is decided from its children. */
  intermediate: boolean;
  /** The supplier's statement of its content (s. 9(2)), where the claim gives one. */
  statement?: SupplierStatement | undefined;
  /** The Table A.2 core-part group it belongs to (s. 14), by the rule pack's group id. */
  corePart?: string | undefined;
  /** The component of that group (Table A.2 column 2) it is, where the group lists several. */
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

/** A plant of the producer document (its own or a supplier's), as the LVC test reads it (UR s. 12, s. 18). */
export interface Plant {
  /** The plant's id, unique in the producer document; BOM lines and the good name it. */
  id: string;
  /** Its name, where given. */
  name?: string | undefined;
  /** The country it is in (ISO 3166 alpha-2): selects the high-wage rate it is held to (s. 12). */
  country: string;
  /** Who operates it: `self` (the producer) or the supplier's name. */
  operator?: string | undefined;
  /** What it makes: vehicle-assembly, parts, engine, transmission, advanced-battery or transport (s. 12, s. 18). */
  role?: string | undefined;
  /** Where it is in the producer document, e.g. `plants[2]`. */
  path: string;
  /** The plant as the producer document writes it (wages, capacity, contract years). */
  input: ProducerInput['plants'][number];
}

/**
 * The claim as the legal tests read it: the good, its costs and bill of materials in the reporting currency, the
 * producer document resolved, the elections and readings settled. Built by loadClaimFile / loadClaimDocument, which
 * throw InputError with every problem of the input instead.
 */
export interface NormalizedClaim {
  /** The claim's id, as written. */
  id: string;
  /** The date the rules in force are read on (YYYY-MM-DD): the date of importation or of the claim. */
  decisionDate: string;
  /** The reporting currency (ISO 4217) every Money of the claim is in. */
  currency: string;
  /** The good as claimed, its `hs` read to the 6-digit subheading (the code as written in `hsAsWritten`). */
  good: ClaimInput['good'] & { hsAsWritten?: string };
  /** The good's HS code in HS 2012 (after correlation when hsEdition says another edition). */
  hs2012: string[];
  /**
   * The period the costs cover (YYYY-MM-DD, both days included; an averaging period of s. 16 or 17 where elected);
   * `defaulted` when the claim gave none and the decision date stands in for both ends.
   */
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
    /** The good's transaction value per unit (s. 1), where given: the base of the transaction value method. */
    transactionValue?: Money | undefined;
  };
  /** The bill of materials of one unit of the good: its top-level lines, each with its own `children`. */
  materials: Material[];
  /** Whether any BOM line is a designated intermediate material, or a core part. */
  bomFlags: { intermediates: boolean; coreParts: boolean };
  /** The claimant's elections as written (RVC method, LVC formula, averaging, ...); absent ones take their defaults. */
  elections: NonNullable<ClaimInput['elections']>;
  /** The readings the claim settles itself; the others take their defaults (requirements/interpretation.ts). */
  interpretation: InterpretationSettings;
  /** The country of importation, whose readings of disputed points are the defaults; undefined if not given. */
  importingCountry?: (typeof IMPORTING_COUNTRIES)[number] | undefined;
  /** The producer document as read (inlined or from the file the claim names). */
  producer: ProducerInput;
  /** The producer document's plants, by id. */
  plants: Map<string, Plant>;
  /** The declared exchange rates into the reporting currency, by the currency they convert from. */
  rates: Map<string, ExchangeRate>;
  /**
   * An amount written in `currency` (a decimal string), in the reporting currency: converted at the declared
   * rate (the claim was checked to declare one for every currency it uses).
   */
  toReporting(amount: string, currency: string): Money;
  /** The files the claim and its producer document were read from, as named (the claim's own for an inline one). */
  files: { claim: string; producer: string };
  /** Readings of the input the decision must mention (e.g. national tariff numbers read to subheadings). */
  inputWarnings: { code: string; subject?: string; message: string }[];
}
