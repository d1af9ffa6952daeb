/**
 * The claim as hashed: validated values (so a YAML number and a quoted string hash alike), the producer
 * inlined, keys sorted, and every list whose order carries no meaning sorted by its key (so reordering BOM
 * lines, rates, plants or purchases changes no byte of the decision).
 */
import type { ClaimInput, MaterialInput, ProducerInput } from './documents.js';

function byKey<T>(key: (t: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}

const byId = byKey((x: { id: string }) => x.id);

/** Whether a list is already in order (sorting allocates even when there is nothing to move). */
function inOrder<T>(list: T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < list.length; i++) if (compare(list[i - 1] as T, list[i] as T) > 0) return false;
  return true;
}

function orderMaterials(list: MaterialInput[]): void {
  if (!inOrder(list, byId)) list.sort(byId);
  for (const m of list) if (m.materials) orderMaterials(m.materials);
}

/** Sorts, in place, the lists of a validated claim and producer whose order carries no meaning. */
export function orderLists(input: { claim: Omit<ClaimInput, 'producer'> & { producer: ProducerInput } }): void {
  const c = input.claim;
  c.exchangeRates.sort(byKey((r) => r.currency));
  orderMaterials(c.materials);
  c.producer.plants.sort(byId);
  c.producer.steelAluminum?.purchases.sort(byId);
}
