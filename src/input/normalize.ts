/**
 * Normalises a validated claim and its producer document: every amount in the reporting currency (at the claim's
 * exchange rates), HS codes read to their subheadings, the net cost computed (UR s. 1), the plants and the bill of
 * materials read; and the checks between fields and documents (periods in order, plants known, rates declared),
 * each problem added to the list given, for the caller to report with all the others.
 */
import { dec } from '../num/decimal.js';
import { convert, money, type ExchangeRate, type Money } from '../num/money.js';
import { formatPath, type Path, type SourceDocument } from '../documents/source.js';
import type { ClaimInput, ProducerInput } from './documents.js';
import type { ClaimDocuments } from './hs-check.js';
import { hsSubheading } from './hs.js';
import type { NormalizedClaim } from './model.js';
import type { InputProblem } from './problems.js';
import type { WageCurrency } from './rule-checks.js';
import { purchaseSubheading } from './fields.js';
import { readExchangeRates } from './exchange-rates.js';
import { materialsWarning, rateWarnings } from './plausibility.js';
import { problemAt } from './validate.js';
import type { NormalizeContext } from './normalize-context.js';
import { readCosts } from './normalize-costs.js';
import { MaterialReader } from './normalize-materials.js';
import { checkProducer, readPlants } from './normalize-producer.js';

/**
 * One normalisation of a claim (`run`): `materialsDoc` is where the BOM lines are (the claim, or the CSV/XLSX
 * table it names), `purchasesDoc` where the purchases are when a table. Problems go to `problems`.
 */
export class Normalizer implements NormalizeContext {
  /** What the BOM holds, so later passes can skip what is not there. */
  readonly flags = { intermediates: false, coreParts: false };
  private readonly rates = new Map<string, ExchangeRate>();
  private readonly missingRates = new Map<string, { doc: SourceDocument; path: Path; count: number }>();

  constructor(
    readonly doc: SourceDocument,
    readonly producerDoc: SourceDocument,
    readonly producerBase: Path,
    readonly input: ClaimInput,
    readonly producer: ProducerInput,
    readonly problems: InputProblem[],
    readonly materialsDoc: SourceDocument = doc,
    readonly purchasesDoc?: SourceDocument | undefined,
  ) {}

  /** Codes written otherwise than as a 6-digit subheading: how many, and the first few, for one warning. */
  private readonly rewritten = { count: 0, examples: [] as string[], first: '' };
  private readonly inputWarnings: NormalizedClaim['inputWarnings'] = [];
  /** The purchases' HS codes with where they are, for the nomenclature check. */
  readonly purchaseCodes: ClaimDocuments['purchases'] = [];
  /** Wages written in an explicit currency, for the check that their plant's rate can be compared. */
  readonly wageCurrencies: WageCurrency[] = [];

  /** The subheading of an HS code as written (see hs.ts), noting a code written otherwise for one warning. */
  subheading(doc: SourceDocument, path: Path | (() => Path), written: string, purchase = false): string {
    const sub = (purchase ? purchaseSubheading(written) : hsSubheading(written)) as string;
    const plain = purchase ? written.replace(/^ex\s+/i, '') : written;
    if (plain !== sub) {
      if (this.rewritten.count++ < 5) {
        const where = formatPath(typeof path === 'function' ? path() : path);
        if (this.rewritten.count === 1) this.rewritten.first = where;
        this.rewritten.examples.push(`${where} "${written}" as ${sub}`);
      }
    }
    return sub;
  }

  run(): NormalizedClaim {
    const { input, doc } = this;
    const goodHs = this.subheading(doc, ['good', 'hs'], input.good.hs);
    const good: NormalizedClaim['good'] =
      goodHs === input.good.hs ? input.good : { ...input.good, hs: goodHs, hsAsWritten: input.good.hs };
    for (const [currency, rate] of readExchangeRates(input, doc, this.problems)) this.rates.set(currency, rate);

    const period = input.period ?? { start: input.decisionDate, end: input.decisionDate };
    if (input.period && input.period.end < input.period.start) {
      this.problems.push(
        problemAt(
          doc,
          ['period', 'end'],
          'PERIOD_INVALID',
          `the period ends (${input.period.end}) before it starts (${input.period.start})`,
        ),
      );
    }
    if (input.good.alternativeStagingRegime) {
      const asr = input.good.alternativeStagingRegime;
      if (asr.end < asr.start)
        this.problems.push(
          problemAt(
            doc,
            ['good', 'alternativeStagingRegime', 'end'],
            'PERIOD_INVALID',
            `the regime ends (${asr.end}) before it starts (${asr.start})`,
          ),
        );
    }

    const plants = readPlants(this);
    const costs = readCosts(this);

    const materials = new MaterialReader(this).read(input.materials, undefined, plants);
    checkProducer(this);
    this.reportMissingRates();
    this.inputWarnings.push(...rateWarnings(this.rates.values()), ...materialsWarning(materials, costs.totalCost));
    if (this.rewritten.count > 0) {
      const n = this.rewritten.count;
      this.inputWarnings.push({
        code: 'HS_READ_AS_SUBHEADING',
        subject: this.rewritten.first,
        message: `${n} HS code${n === 1 ? ' was' : 's were'} written as a national tariff number or without the dot, and read to the 6-digit subheading the rules use: ${this.rewritten.examples.join('; ')}${n > 5 ? `; and ${n - 5} more` : ''}. The code as written is kept in the decision (hsAsWritten)`,
      });
    }

    const rates = this.rates;
    const reporting = input.currency;
    return {
      id: input.id,
      decisionDate: input.decisionDate,
      currency: reporting,
      good,
      hs2012: [goodHs],
      period: { start: period.start, end: period.end, defaulted: input.period === undefined },
      costs,
      materials,
      bomFlags: this.flags,
      elections: input.elections ?? {},
      interpretation: { ...input.interpretation },
      importingCountry: input.importingCountry,
      producer: this.producer,
      plants,
      rates,
      toReporting(amount: string, currency: string): Money {
        const a = money(dec(amount), currency);
        if (currency === reporting) return a;
        const rate = rates.get(currency);
        if (!rate) throw new Error(`internal: no rate for ${currency}`);
        return convert(a, rate);
      },
      files: { claim: this.doc.file, producer: this.producerDoc.file },
      inputWarnings: this.inputWarnings,
    };
  }

  /**
   * `amount` of `currency` in the reporting currency. Without a declared rate, the problem is noted once per
   * file and currency (reported by reportMissingRates) and the amount is returned as if of the reporting
   * currency, so that reading can go on to find the other problems; nothing is evaluated.
   */
  convert(doc: SourceDocument, path: Path | (() => Path), amount: string, currency: string): Money {
    const a = money(dec(amount), currency);
    if (currency === this.input.currency) return a;
    const rate = this.rates.get(currency);
    if (rate) return convert(a, rate);
    const key = `${doc.file}\u0000${currency}`;
    const seen = this.missingRates.get(key);
    if (seen) seen.count++;
    else this.missingRates.set(key, { doc, path: typeof path === 'function' ? path() : path, count: 1 });
    return money(a.amount, this.input.currency);
  }

  private reportMissingRates(): void {
    for (const [key, { doc, path, count }] of this.missingRates) {
      const currency = key.split('\u0000')[1];
      this.problems.push(
        problemAt(
          doc,
          path,
          'EXCHANGE_RATE_MISSING',
          `no exchange rate for ${currency} into ${this.input.currency}: add one to exchangeRates (${count} amount${count === 1 ? '' : 's'} in ${currency}; this is the first)`,
        ),
      );
    }
  }
}
