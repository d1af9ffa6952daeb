/**
 * The claim checked against a producer document that does not validate: so that the claim's own problems and its
 * producer document's are reported at once rather than one after the other.
 */
import type { Path, SourceDocument } from '../documents/source.js';
import { plantSchema, type ClaimInput, type ProducerInput } from './documents.js';
import { isRecord } from './list-tables.js';
import { Normalizer } from './normalize.js';
import type { InputProblem } from './problems.js';

/**
 * The claim's own problems beyond its schema (plants it names that the producer document lacks, currencies
 * without a rate, duplicate line ids, ...) when its producer document does not validate: the claim is checked
 * against the producer's plants that do validate, and only the problems in the claim (and its table) are kept,
 * so that the claim and its producer document are reported at once rather than one after the other.
 */
export function claimSideProblems(
  doc: SourceDocument,
  producerDoc: SourceDocument,
  producerBase: Path,
  claimInput: ClaimInput,
  materialsTable: SourceDocument | undefined,
): InputProblem[] {
  const raw = (producerBase.length ? (doc.data as Record<string, unknown>).producer : producerDoc.data) as unknown;
  const rawPlants = isRecord(raw) && Array.isArray(raw.plants) ? raw.plants : [];
  // A plant that does not validate still exists for the claim's references to it (only its id is used here).
  const plants = rawPlants.flatMap((p) => {
    const checked = plantSchema.safeParse(p);
    if (checked.success) return [checked.data];
    return isRecord(p) && typeof p.id === 'string' && p.id !== ''
      ? [{ id: p.id, country: 'US' } as ProducerInput['plants'][number]]
      : [];
  });
  const salvaged = {
    format: 'usmca-roo/producer@1',
    name: '-',
    currency: claimInput.currency,
    plants,
  } as ProducerInput;
  const found: InputProblem[] = [];
  try {
    new Normalizer(
      doc,
      producerDoc,
      producerBase,
      structuredClone(claimInput),
      salvaged,
      found,
      materialsTable ?? doc,
      undefined,
    ).run();
  } catch {
    return []; // what the producer document lacks may stop the checks; its own problems are reported anyway
  }
  // Only the claim's own problems: those in the claim (and its table), not under an inline producer document.
  const inClaim = new Set([doc.file, materialsTable?.file]);
  const inProducer = (path: string) =>
    producerBase.length > 0 && (path === 'producer' || path.startsWith('producer.') || path.startsWith('producer['));
  return found.filter((p) => inClaim.has(p.file) && !inProducer(p.path));
}
