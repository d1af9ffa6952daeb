/**
 * The shapes the evaluator of a product-specific rule takes and gives (evaluate.ts): the good's non-originating
 * materials, the figures the caller computed, and each alternative's outcome with its figures and reasons. UR s. 3(2),
 * s. 5(1)-(2), (4), s. 13; Schedule 1 = USMCA Annex 4-B.
 */
import type { Money } from '../../num/money.js';
import type { Ratio } from '../../num/ratio.js';
import type { NationalItems, ProductSpecificRule } from '../../rules/psr-schema.js';
import type { TariffItemReading } from './readings.js';

/** A non-originating material of the good (value per unit of the good, in the reporting currency). */
export interface PsrMaterial {
  key: string;
  /** HS 2012 subheading; a material without one cannot be shown to make any change. */
  hs?: string | undefined;
  /** The code as the claim wrote it, where it is a national tariff number (8 or 10 digits). */
  hsAsWritten?: string | undefined;
  /**
   * The goods named in the good's rule that the material is, as the claim says (its `ruleGoods`): decides an entry
   * limited to some goods ("battery cells of 8507.90") and "any other good within that subheading"; [] says none.
   */
  goods?: readonly string[] | undefined;
  value: Money;
}

/** RVC thresholds in percent read from a parts table (s. 14(13)-(17), s. 15(2)-(3)), with the rule they come from. */
export interface TableThreshold {
  netCost: string;
  transactionValue?: string | undefined;
  rule: { id: string; effectiveFrom: string };
  citation: string;
}

/** What the evaluator needs besides the rule. */
export interface PsrInput {
  /** The good's HS 2012 subheading. */
  goodHs: string;
  rule: ProductSpecificRule;
  /** The citation of the rule's provision ("Uniform Regulations ... s. 13, 8708.10 (1)"). */
  citation: string;
  /** The citation of one alternative, by its paragraph (default: the rule's citation followed by the paragraph). */
  citeAlternative?: ((paragraph: string) => string) | undefined;
  /** The decision date (YYYY-MM-DD): picks the step of a dated threshold in force. */
  date: string;
  /** Every non-originating material, counted as the RVC counts it (s. 5(5): valued by s. 8(1)-(6)). */
  nonOriginating: readonly PsrMaterial[];
  /**
   * The value of all non-originating materials as the RVC counts them, for s. 5(4), where `nonOriginating` lists
   * self-produced materials considered themselves (s. 3(8)); default: the sum of `nonOriginating`.
   */
  allNonOriginatingValue?: Money | undefined;
  /** s. 5(1), (4): the percentage and the base (the transaction value or the total cost, whichever is met). */
  deMinimis: { percent: string; base: Money; baseName: string; citation: string };
  /** The good's RVC under each method the caller could compute; `elected` is the claim's method. */
  rvc: { netCost?: Ratio | undefined; transactionValue?: Ratio | undefined; elected: 'net-cost' | 'transaction-value' };
  /** Original equipment listed in a parts table: the table's thresholds replace the rule's own figures. */
  tableThreshold?: TableThreshold | undefined;
  /**
   * The goods of the subheading the claim says the good is, in the words of the rule ("mounted brake linings"),
   * where the rule's alternatives are for named goods; without it such alternatives are `undetermined`.
   */
  goods?: string | undefined;
  /** The good's code as the claim wrote it: a national tariff number decides an alternative for a tariff item. */
  goodAsWritten?: string | undefined;
  /** The pack's correspondence of generic tariff items to national ones (s. 1(3)(e)). */
  nationalItems?: NationalItems | undefined;
  /**
   * The Party whose tariff the claim's national numbers are read in (the claim's importing country): a number that
   * is not among that Party's confirmed numbers of an item is not of the item. Undefined: a number is placed only
   * where some Party's confirmed numbers include it, or every Party's exclude it.
   */
  nationalTariff?: string | undefined;
  /** Whether a tariff item's alternatives take precedence over its subheading's (default: `every-alternative`). */
  tariffItems?: TariffItemReading | undefined;
}

/** A material that does not make the change, with why. */
export interface FailingMaterial {
  material: string;
  hs: string;
  value: string;
  reason: string;
}

/** One alternative, tried: whether it qualifies the good and why, in figures. */
export interface AlternativeOutcome {
  paragraph: string;
  citation: string;
  /**
   * `undetermined`: met in figures, but the alternative is only for goods (or a national item) the claim does not
   * name; or met unless materials the claim does not say enough of fail the change (`change.undetermined`).
   */
  status: 'pass' | 'fail' | 'undetermined';
  reason: string;
  goods?: string | undefined;
  tariffItem?: string | undefined;
  change: {
    required: string;
    /** `undetermined`: whether the change is made turns on materials the claim does not say enough of. */
    status: 'pass' | 'fail' | 'undetermined';
    failing: FailingMaterial[];
    /** Materials whose change turns on what the claim does not say (present only where there are some). */
    undetermined?: FailingMaterial[] | undefined;
    failingValue: string;
    deMinimisLimit?: string | undefined;
    /** The materials that fail the change are within de minimis (s. 5(1)). */
    byDeMinimis: boolean;
  };
  rvc?:
    | {
        method: 'net-cost' | 'transaction-value';
        value?: string | undefined;
        threshold: string;
        status: 'pass' | 'fail';
        /** The threshold's source: the rule's own figure or the part's table. */
        thresholdFrom: string;
        /** All non-originating materials within de minimis (s. 5(4)): the RVC need not be met. */
        byDeMinimis: boolean;
      }
    | undefined;
  /** What the evaluator took as given: a listed source the text narrows to some goods of its code. */
  assumptions: string[];
}

/**
 * The rule decided: the alternative that qualified the good (the first met), and every alternative tried. Where
 * the claim leaves open which of the goods the rule tells apart the good is, `readings` gives, for each, the first
 * alternative met that is for it (or null): the good qualifies if each has one, whichever it is; `qualifiedBy`
 * then names them all ("(3)(a) or (3)(c)").
 */
export interface PsrOutcome {
  status: 'pass' | 'fail' | 'undetermined';
  qualifiedBy?: string | undefined;
  reason: string;
  alternatives: AlternativeOutcome[];
  /**
   * Where the producer's choice of s. 3(8) differs from one reading to another (self-produced-choice.ts), each
   * reading's own: `selfProducedAsMaterials`, the self-produced materials considered themselves (empty: looked through).
   */
  readings?:
    Array<{ reading: string; qualifiedBy: string | null; selfProducedAsMaterials?: string[] | undefined }> | undefined;
  /**
   * The rule has alternatives for a tariff item the good may be of: the reading of tariffItemPrecedence may decide
   * it (the decision evaluates the claim again under the other reading). Not part of the decision.
   */
  tariffItemsInPlay?: boolean | undefined;
}
