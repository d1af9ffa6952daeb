/**
 * The decision document (format usmca-roo/decision@1), as data: what was decided, under which rules and
 * engine, for which input, and why. Amounts are exact decimal strings in the reporting currency; dates are
 * YYYY-MM-DD. Written as canonical JSON, it is byte-identical for the same input, rules and engine version.
 */
import type { NormalizedClaim } from '../input/model.js';
import { text } from '../num/decimal.js';
import { amountText } from '../num/money.js';
import type { Classification } from '../requirements/classification.js';
import type { SwitchId } from '../input/terms.js';
import type { IntermediateResult } from '../requirements/intermediate.js';
import { SWITCH_IDS, type Interpretation } from '../requirements/interpretation.js';
import type { NetCost } from '../requirements/net-cost.js';
import { packRelease, type PackRelease } from '../rules/release.js';
import type { EvidenceGap, RequirementResult, Warning } from '../requirements/result.js';
import type { StagingRegime } from '../requirements/staging-regime.js';
import { byContribution, type CoreRollUp, type RollUp } from '../requirements/vnm.js';
import { distinctFindings, sortedBy, sortedByFields } from './findings.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { Verdict } from './origin.js';
import type { OtherReading } from './other-readings.js';

/** A bill-of-materials line that counts as non-originating, and why (a CountingReason). */
export interface CountedLineOut {
  /** The line's key: ids from the top of the BOM, joined by "/". */
  material: string;
  /** The line's description, as the claim gives it. */
  description: string;
  /** Its HS code (HS 2012 subheading, "8708.99"). */
  hs: string;
  /** The code as written, where it was a national tariff number or had no dot. */
  hsAsWritten?: string;
  /** Units of the line per unit of the good. */
  quantityPerGood: string;
  /** What it adds to the VNM per unit of the good. */
  value: string;
  /**
   * Why it counts: non-originating, unknown-origin (an evidence gap, counted as non-originating), its VNM under
   * accumulation (s. 9(2)(a) or (b)), a non-originating intermediate material or core part, or no-bom-declared.
   */
  reason: string;
}

/** A JSON Patch a claim was changed by before it was evaluated (named in the decision, kept by replay). */
export interface InputPatch {
  /** sha256 of the canonical input before the patch. */
  baseSha256: string;
  /** sha256 of the canonical JSON of `operations`. */
  sha256: string;
  /** RFC 6902 operations on the claim as read (its producer document and tables inlined). */
  operations: unknown[];
}

/**
 * The decision (`usmca-roo/decision@1`; see the module comment): verdict and origin criterion, each requirement
 * with its exact value, threshold, margin, rule and article, the net cost, the non-originating materials counted,
 * the evidence gaps and warnings. What `usmca-roo evaluate --json` prints and a record keeps.
 */
export interface Decision {
  /** `usmca-roo/decision@1`. */
  format: 'usmca-roo/decision@1';
  /** The claim decided: id, decision date, reporting currency (ISO 4217), period, and the good as declared. */
  claim: {
    id: string;
    decisionDate: string;
    currency: string;
    period: { start: string; end: string; defaulted: boolean };
    good: Record<string, unknown>;
  };
  /** The engine that decided (ENGINE). */
  engine: { name: string; version: string };
  /** The rule pack: id, version, content hash, and whether it is a released version (rules/release.ts). */
  rules: { id: string; version: string; sha256: string; release: PackRelease };
  /**
   * sha256 of the canonical input evaluated (the claim with its producer document inlined); `patch` when it is
   * the claim as changed by a JSON Patch (RFC 6902: `evaluate --patch`, `--set`, a plan of `advise`): the
   * operations, their sha256 and the input's sha256 before.
   */
  input: { sha256: string; patch?: InputPatch };
  /** `originating` or `not-originating`. */
  verdict: Verdict;
  /** "B" or "C" (USMCA Art. 4.2) when originating, null otherwise. */
  originCriterion: string | null;
  /**
   * What the good is under the rules: kind, vehicle class, category, the HS 2012 subheading, the rule and
   * citation that classed it with each condition's outcome, any HS correlation, the alternative staging regime.
   */
  classification: Record<string, unknown>;
  /** Every interpretation switch: its reading, where it came from (claim, importing country, default), citation. */
  interpretation: Record<string, unknown>;
  /** In REQUIREMENT_ORDER. */
  requirements: RequirementResult[];
  /** Net cost per unit (UR s. 1, s. 7): currency, totalCost, excludedCosts, accumulationAdjustment, netCost. */
  netCost: Record<string, string>;
  /** The bill of materials rolled up (UR s. 8-10); amounts per unit of the good. */
  bom: {
    /** The reporting currency. */
    currency: string;
    /** VNM: the value of non-originating materials counted (the RVC's numerator is NC - VNM). */
    valueOfNonOriginatingMaterials: string;
    /** The value of originating materials the roll-up counted as wholly originating. */
    originatingValueRolledUp: string;
    /** How many BOM lines were read. */
    linesVisited: number;
    /** Largest contribution first. */
    counted: CountedLineOut[];
    /** Each designated intermediate material (s. 8(6)) with its own RVC test. */
    intermediateMaterials: unknown[];
  };
  /** As the claim wrote them; `rateApplied` where a rate quoted the other way was inverted. */
  exchangeRates: Array<{
    currency: string;
    rate: string;
    date: string;
    source: string;
    quote?: string;
    rateApplied?: string;
  }>;
  /** Sorted by subject and code, without duplicates. */
  evidenceGaps: EvidenceGap[];
  /** Sorted by code, subject and message, without duplicates. */
  warnings: Warning[];
}

/** Everything a decision is made of. */
export interface DecisionParts {
  claim: NormalizedClaim;
  inputSha256: string;
  /** The patch the claim was changed by, if any. */
  patch?: InputPatch | undefined;
  engine: { name: string; version: string };
  rules: RulesInForce;
  classification: Classification;
  regime: StagingRegime | undefined;
  reading: CoreRollUp;
  /** Every switch's reading, with its source and citation. */
  interpretation: Interpretation;
  /** The core-part roll-up's other reading (the RVC computed again). */
  alternative: Record<string, unknown> | undefined;
  /** The other switches in play, each evaluated under its other reading. */
  otherReadings: Partial<Record<SwitchId, OtherReading>>;
  verdict: Verdict;
  originCriterion: string | null;
  results: RequirementResult[];
  netCost: NetCost;
  bom: RollUp;
  intermediates: IntermediateResult[];
  gaps: readonly EvidenceGap[];
  warnings: readonly Warning[];
}

/** The decision document from its parts (gaps and warnings sorted and de-duplicated here). */
export function decisionDocument(d: DecisionParts): Decision {
  const { claim, classification, rules } = d;
  const pack = rules.pack;
  return {
    format: 'usmca-roo/decision@1',
    claim: {
      id: claim.id,
      decisionDate: claim.decisionDate,
      currency: claim.currency,
      period: claim.period,
      good: { ...claim.good },
    },
    engine: { ...d.engine },
    rules: { id: pack.id, version: pack.version, sha256: pack.sha256, release: packRelease(pack) },
    input: { sha256: d.inputSha256, ...(d.patch ? { patch: d.patch } : {}) },
    verdict: d.verdict,
    originCriterion: d.originCriterion,
    classification: {
      kind: claim.good.kind,
      vehicleClass: classification.vehicleClass,
      category: classification.category,
      title: classification.title,
      hs2012: classification.hs2012,
      rule: classification.rule,
      citation: classification.citation,
      conditions: classification.outcomes,
      ...(classification.correlation ? { correlation: classification.correlation } : {}),
      ...(d.regime ? { alternativeStagingRegime: d.regime } : {}),
    },
    interpretation: interpretationDocument(d),
    requirements: d.results,
    netCost: {
      currency: claim.currency,
      totalCost: amountText(d.netCost.totalCost),
      excludedCosts: amountText(d.netCost.excludedCosts),
      accumulationAdjustment: amountText(d.netCost.accumulationAdjustment),
      netCost: amountText(d.netCost.value),
    },
    bom: {
      currency: claim.currency,
      valueOfNonOriginatingMaterials: amountText(d.bom.vnm),
      originatingValueRolledUp: amountText(d.bom.originatingValue),
      linesVisited: d.bom.linesVisited,
      // Keys written in sorted order, so the canonical writer need not copy these (often many) lines.
      counted: [...d.bom.counted].sort(byContribution).map((l) => ({
        description: l.description,
        hs: l.hs ?? '',
        ...(l.hsAsWritten !== undefined ? { hsAsWritten: l.hsAsWritten } : {}),
        material: l.key,
        quantityPerGood: text(l.quantityPerGood),
        reason: l.reason,
        value: amountText(l.vnm),
      })),
      intermediateMaterials: d.intermediates,
    },
    exchangeRates: [...claim.rates.values()]
      .map((r) => ({
        currency: r.from,
        rate: r.rateText,
        date: r.date,
        source: r.source,
        ...(r.quote !== undefined ? { quote: r.quote } : {}),
        // A rate quoted as units of the currency per reporting unit was inverted: the decision shows what was applied.
        ...(r.quote?.startsWith(`${r.from} per`) ? { rateApplied: text(r.rate) } : {}),
      }))
      .sort((a, b) => (a.currency < b.currency ? -1 : 1)),
    evidenceGaps: sortedBy(distinctFindings(d.gaps), (g) => `${g.subject}\u0000${g.code}`),
    warnings: sortedByFields(distinctFindings(d.warnings), (w) => [w.code, w.subject ?? '', w.message]),
  };
}

/**
 * decision.interpretation: the core-part roll-up as decisions have always shown it (`coreRollUp`, `defaulted`,
 * `citation`, `alternative`), the importing country, and every switch with its reading, the reading's source
 * (`claim`, `importing-country` or `default`), rule and citation, whether it is in play for this claim, and the
 * outcome under its other reading where it is.
 */
function interpretationDocument(d: DecisionParts): Record<string, unknown> {
  const core = d.interpretation.coreRollUp;
  const switches: Record<string, unknown> = {};
  for (const id of SWITCH_IDS) {
    const r = d.interpretation[id];
    const other =
      id === 'coreRollUp' && d.alternative
        ? {
            value: d.alternative.coreRollUp,
            verdict: d.alternative.verdict,
            verdictDiffers: d.alternative.verdictDiffers,
          }
        : d.otherReadings[id];
    const inPlay = id === 'coreRollUp' ? d.reading !== 'none' : other !== undefined;
    switches[id] = {
      value: r.value,
      source: r.source,
      reading: r.title,
      rule: r.rule,
      citation: r.citation,
      inPlay,
      ...(r.importingCountry ? { importingCountry: r.importingCountry } : {}),
      ...(other ? { otherReading: other } : {}),
    };
  }
  return {
    coreRollUp: d.reading === 'none' ? 'not-applicable' : d.reading,
    defaulted: core.source !== 'claim',
    citation: core.citation,
    ...(d.alternative ? { alternative: d.alternative } : {}),
    importingCountry: d.claim.importingCountry ?? null,
    switches,
  };
}
