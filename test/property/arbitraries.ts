/** fast-check generators for claims: BOM trees with random origins, values and quantities. */
import fc from 'fast-check';
import { claim, passingProducer, type Obj } from '../helpers.js';

export const cents = fc.integer({ min: 1, max: 500_000 }).map((c) => (c / 100).toFixed(2));
export const origin = fc.constantFrom('originating', 'non-originating', 'unknown');

type Node = {
  id: string;
  origin: string;
  unitValue: string;
  quantity: string;
  selfProduced: boolean;
  materials: Node[];
};

const node = (depth: number): fc.Arbitrary<Omit<Node, 'id'>> =>
  fc.record({
    origin,
    unitValue: cents,
    quantity: fc.integer({ min: 1, max: 4 }).map(String),
    selfProduced: fc.boolean(),
    materials: depth <= 0 ? fc.constant([]) : fc.array(node(depth - 1), { maxLength: 3 }).map(withIds),
  }) as fc.Arbitrary<Omit<Node, 'id'>>;

function withIds(list: Array<Omit<Node, 'id'>>): Node[] {
  return list.map((n, i) => ({ id: `M${i}`, ...n }));
}

export const bom = fc.array(node(2), { minLength: 1, maxLength: 8 }).map(withIds);

export function toMaterials(nodes: Node[]): Obj[] {
  return nodes.map((n) => ({
    id: n.id,
    description: `line ${n.id}`,
    hs: '8708.99',
    quantity: n.quantity,
    unitValue: n.unitValue,
    origin: n.origin,
    ...(n.selfProduced ? { selfProduced: true } : {}),
    ...(n.materials.length ? { materials: toMaterials(n.materials) } : {}),
  }));
}

/** A claim whose total cost covers its materials, so net cost stays positive. */
export function claimFor(nodes: Node[], extra: Obj = {}): Obj {
  const total = nodes.reduce((s, n) => s + Math.round(Number(n.unitValue) * 100) * Number(n.quantity), 0) + 100_000;
  return claim({
    producer: passingProducer(),
    costs: {
      totalCost: (total / 100).toFixed(2),
      excludedCosts: {
        salesPromotionMarketingAfterSalesService: '100.00',
        royalties: '0',
        shippingAndPacking: '0',
        nonAllowableInterest: '0',
      },
    },
    materials: toMaterials(nodes),
    ...extra,
  });
}

export function shuffleDeep<T extends { materials?: T[] }>(list: T[], seed: number): T[] {
  let s = seed >>> 0 || 1;
  const rand = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const walk = (xs: T[]): T[] => {
    const out = xs.map((x) => (x.materials ? { ...x, materials: walk(x.materials) } : x));
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return walk(list);
}

export type { Node };
