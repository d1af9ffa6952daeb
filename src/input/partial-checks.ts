/**
 * The checks between fields and documents (plants named, ids unique, rates declared, periods in order, core parts
 * complete, supplier statements consistent, HS codes in the nomenclature...) on a claim whose documents have
 * problems of their own: run on every part of the claim and its producer document that can still be read
 * (salvage.ts), so that a claim with a schema problem and a cross-check problem reports both at once, not the
 * second only after the first is fixed. No problem is reported where a stand-in was put, or where one is already.
 */
import type { SourceDocument } from '../documents/source.js';
import type { ProducerInput } from './documents.js';
import { isRecord } from './list-tables.js';
import { Normalizer } from './normalize.js';
import type { InputProblem } from './problems.js';
import type { ClaimReading } from './read-claim-documents.js';
import { checkAgainstRules, type RuleFacts } from './rule-checks.js';
import { salvageClaim, salvageProducer, type Salvaged } from './salvage.js';

/**
 * The problems the cross-checks find in what can be read of the claim `doc` and the documents `reading` read with
 * it (and, with `rules`, the checks against the rule pack), not already among `reading.problems`.
 */
export function partialChecks(doc: SourceDocument, reading: ClaimReading, rules?: RuleFacts): InputProblem[] {
  // A document that contains itself or nests too deep is not walked again.
  if (reading.problems.some((p) => UNWALKABLE.has(p.code))) return [];
  const out: Salvaged = { replaced: [], lines: [], ratesUnknown: false, plantsUnknown: false };
  const raw = isRecord(doc.data) ? doc.data : {};
  const { tables, producerBase } = reading;
  const claim = salvageClaim(raw, tables.materials ? tables.materials.data : raw.materials, out);
  if (!claim) return [];
  let producer: ProducerInput;
  const producerDoc = reading.producerDoc ?? doc;
  if (reading.producerDoc) {
    const rawProducer = producerBase.length > 0 ? raw.producer : reading.producerDoc.data;
    const sa = isRecord(rawProducer) && isRecord(rawProducer.steelAluminum) ? rawProducer.steelAluminum : {};
    const purchasesBase = tables.purchases
      ? ['steelAluminum', 'purchases']
      : [...producerBase, 'steelAluminum', 'purchases'];
    const rawPurchases = tables.purchases ? tables.purchases.data : sa.purchases;
    producer = salvageProducer(rawProducer, rawPurchases, claim.currency, producerBase, purchasesBase, out);
  } else {
    producer = { format: 'usmca-roo/producer@1', name: '-', currency: claim.currency, plants: [] } as ProducerInput;
    out.plantsUnknown = true;
  }
  const found: InputProblem[] = [];
  try {
    const materialsDoc = tables.materials ?? doc;
    const normalizer = new Normalizer(
      doc,
      producerDoc,
      producerBase,
      claim,
      producer,
      found,
      materialsDoc,
      tables.purchases,
    );
    const normalized = normalizer.run();
    if (rules) {
      const documents = {
        claim: doc,
        materials: materialsDoc,
        purchases: normalizer.purchaseCodes,
        wages: normalizer.wageCurrencies,
      };
      found.push(...checkAgainstRules(normalized, documents, rules));
    }
  } catch {
    // A stand-in the checks could not work with: what they found so far is still reported.
  }
  return found.filter(reportable(reading.problems, out));
}

/** Problems that say a document cannot be walked safely (a circular alias, nesting too deep, an alias bomb). */
const UNWALKABLE: ReadonlySet<string> = new Set(['BOM_CYCLE', 'BOM_TOO_DEEP', 'YAML_ALIAS']);

/** The checks of a BOM line that weigh several of its fields together (see normalize-materials.ts). */
const LINE_CHECKS: ReadonlySet<string> = new Set([
  'INTERMEDIATE_NOT_SELF_PRODUCED',
  'CORE_PART_INCOMPLETE',
  'FIELD_REQUIRED',
  'FIELD_UNKNOWN',
  'SUPPLIER_STATEMENT_INCONSISTENT',
]);

/** Whether a problem found on the salvaged documents is reported: not at a stand-in, nor where one already is. */
function reportable(known: readonly InputProblem[], out: Salvaged): (p: InputProblem) => boolean {
  const key = (file: string, path: string) => `${file}\u0000${path}`;
  const knownAt = new Set(known.map((p) => key(p.file, p.path)));
  const otherKind = new Set(known.filter((p) => p.code === 'DOCUMENT_FORMAT').map((p) => p.file));
  const same = new Set(known.map((p) => `${key(p.file, p.path)}\u0000${p.code}\u0000${p.message}`));
  const replaced = new Set(out.replaced);
  const prefixes = (path: string): string[] => {
    const all: string[] = [];
    for (let i = path.length; i > 0; i = Math.max(path.lastIndexOf('.', i - 1), path.lastIndexOf('[', i - 1)))
      all.push(path.slice(0, i));
    return all;
  };
  return (p) => {
    if (otherKind.has(p.file)) return false;
    if (same.has(`${key(p.file, p.path)}\u0000${p.code}\u0000${p.message}`)) return false;
    if (out.ratesUnknown && p.code === 'EXCHANGE_RATE_MISSING') return false;
    if (out.plantsUnknown && p.code === 'PLANT_UNKNOWN') return false;
    for (const at of prefixes(p.path)) if (knownAt.has(key(p.file, at)) || replaced.has(at)) return false;
    // A line with a field left out or replaced: the problems that weigh its fields together are not reported
    // (they may be about the field left out); those of one field each, and its own lines', are.
    if (LINE_CHECKS.has(p.code))
      for (const line of out.lines)
        if (p.path === line || (p.path.startsWith(`${line}.`) && !p.path.startsWith(`${line}.materials[`)))
          return false;
    return true;
  };
}
