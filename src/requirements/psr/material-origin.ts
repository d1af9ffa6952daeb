/**
 * A material the producer makes, decided under its own product-specific rule: a designated intermediate material
 * or a Table B, C, D or E part inside a vehicle (UR s. 8(6)-(8), s. 14(14), (16), s. 15(2)-(3)), or the good of a
 * part claim. The one call the rest of the engine makes into the evaluator: it finds the rule in the pack, turns
 * the material's own roll-up into the evaluator's input and returns the outcome, or says why the pack cannot
 * decide (no rule, a rule not read, several "ex" scopes).
 */
import type { Money } from '../../num/money.js';
import type { Ratio } from '../../num/ratio.js';
import type { RulesInForce } from '../../rules/in-force.js';
import type { PsrPartTable, PsrUse } from '../../rules/psr-schema.js';
import type { Material } from '../../input/model.js';
import { sumMoney } from '../../num/money.js';
import { selfProducedCandidates } from '../self-produced.js';
import type { CountedLine, ResolvedOrigin } from '../vnm.js';
import { decideWithChoice } from './self-produced-choice.js';
import { deMinimisBase, deMinimisValue } from '../de-minimis.js';
import { evaluateProductSpecificRule, type PsrMaterial, type PsrOutcome, type TableThreshold } from './evaluate.js';
import { productSpecificRuleFor, type HeldRule, type RuleLookup } from './lookup.js';
import type { TariffItemReading } from './readings.js';

/** What is known of the material: its code, use, figures and its own non-originating materials. */
export interface MaterialFacts {
  hs: string;
  use: PsrUse;
  /** The "ex" scope of the rule the claim names (e.g. "body stampings"), where the subheading has several. */
  scope?: string | undefined;
  /** The parts table the material is listed in: picks the rule of its "ex" scope where the claim names none. */
  partTable?: PsrPartTable | undefined;
  /** The goods the claim says the material is, where the rule's alternatives name goods. */
  goods?: string | undefined;
  /** The material's code as written, where it is a national tariff number (decides tariff-item alternatives). */
  hsAsWritten?: string | undefined;
  /** Its non-originating materials as its roll-up counts them. */
  counted: readonly CountedLine[];
  /** The de minimis base (s. 5(1), (4)): total cost, and the transaction value where one is given. */
  totalCost: Money;
  transactionValue?: Money | undefined;
  rvc: { netCost?: Ratio | undefined; transactionValue?: Ratio | undefined; elected: 'net-cost' | 'transaction-value' };
  /** Original equipment listed in a parts table: the table's thresholds. */
  tableThreshold?: TableThreshold | undefined;
  /**
   * The material's own materials as the claim lists them, and the origins computed, so that a self-produced one
   * among them may be considered itself for the change in tariff classification (s. 3(8)).
   */
  selfProduced?: { materials: readonly Material[]; origins: ReadonlyMap<Material, ResolvedOrigin> } | undefined;
  /** The reading of tariffItemPrecedence in force for the claim. */
  tariffItems: TariffItemReading;
  /** The Party whose tariff the claim's national numbers are read in (its importing country), where given. */
  nationalTariff?: string | undefined;
}

/** The rule decided, or why the pack could not decide it. */
export type MaterialRuleOutcome =
  | {
      held: true;
      rule: HeldRule;
      outcome: PsrOutcome;
      /** s. 3(8): the self-produced materials considered themselves in the outcome (empty: looked through). */
      selfProducedAsMaterials: string[];
    }
  | { held: false; lookup: RuleLookup };

/**
 * The counted lines of a roll-up as the evaluator's non-originating materials, each at its value for de minimis
 * (s. 5(5): its s. 8 value, not a supplier's statement of its content, deMinimisValue).
 */
export function nonOriginatingMaterials(counted: readonly CountedLine[]): PsrMaterial[] {
  return counted.map((c) => ({
    key: c.key,
    hs: c.hs,
    hsAsWritten: c.hsAsWritten,
    ...(c.ruleGoods !== undefined ? { goods: c.ruleGoods } : {}),
    value: deMinimisValue(c),
  }));
}

/** Decides a material (or a part) under its own product-specific rule on the rules' date. */
export function materialUnderOwnRule(rules: RulesInForce, facts: MaterialFacts): MaterialRuleOutcome {
  const lookup = productSpecificRuleFor(rules, facts.hs, facts.use, facts.scope, facts.partTable);
  if (lookup.found !== 'held') return { held: false, lookup };
  const dm = rules.at('usmca.general.de_minimis');
  const base = deMinimisBase(facts.totalCost, facts.transactionValue);
  const nationalItems = rules.at('usmca.hs.national_items').value;
  const allNonOriginatingValue = sumMoney(facts.counted.map(deMinimisValue), facts.totalCost.currency);
  const evaluate = (lines: readonly CountedLine[]) =>
    evaluateProductSpecificRule({
      goodHs: facts.hs,
      rule: lookup.rule,
      citation: lookup.citation,
      citeAlternative: lookup.citeAlternative,
      date: rules.date,
      nonOriginating: nonOriginatingMaterials(lines),
      allNonOriginatingValue,
      deMinimis: {
        percent: dm.value,
        base: base.value,
        baseName: base.name,
        citation: rules.citation('usmca.general.de_minimis', 's. 5(1), (4)'),
      },
      rvc: facts.rvc,
      tableThreshold: facts.tableThreshold,
      goods: facts.goods,
      goodAsWritten: facts.hsAsWritten,
      nationalItems,
      nationalTariff: facts.nationalTariff,
      tariffItems: facts.tariffItems,
    });
  // s. 3(8): the self-produced materials among the material's own may each be considered themselves.
  const candidates = facts.selfProduced
    ? selfProducedCandidates(facts.selfProduced.materials, { counted: [...facts.counted] }, facts.selfProduced.origins)
    : [];
  const decided = decideWithChoice(
    {
      rule: lookup.rule,
      goodHs: facts.hs,
      goodAsWritten: facts.hsAsWritten,
      nationalItems,
      nationalTariff: facts.nationalTariff,
    },
    { counted: [...facts.counted] },
    candidates,
    evaluate,
  );
  const { found: _found, ...rule } = lookup;
  return { held: true, rule, outcome: decided.outcome, selfProducedAsMaterials: decided.chosen };
}
