/** Builders for claims in memory, so unit tests state their inputs in full and compute expectations by hand. */
import { join } from 'node:path';
import { stringify } from 'yaml';
import { evaluate } from '../src/evaluate.js';
import { loadClaimDocument, type LoadedClaim } from '../src/input/load-claim.js';
import { parseText } from '../src/documents/read.js';
import { InputError } from '../src/input/problems.js';
import type { Decision } from '../src/verdict/decision.js';
import type { Limb, RequirementResult } from '../src/requirements/result.js';

export type Obj = Record<string, unknown>;

export function producer(extra: Obj = {}): Obj {
  return {
    format: 'usmca-roo/producer@1',
    name: 'Test Motors',
    currency: 'USD',
    plants: [{ id: 'ASM', country: 'MX', operator: 'self', role: 'vehicle-assembly' }],
    ...extra,
  };
}

/** A vehicle claim of one unit (its core-part groups accounted for: see withCoreGroupsAccounted). */
export function claim(extra: Obj = {}): Obj {
  return withCoreGroupsAccounted({
    format: 'usmca-roo/claim@1',
    id: 'TEST-1',
    decisionDate: '2026-03-15',
    currency: 'USD',
    producer: producer(),
    good: { kind: 'vehicle', description: 'test sedan', hs: '8703.23', plant: 'ASM' },
    costs: {
      totalCost: '10000.00',
      excludedCosts: {
        salesPromotionMarketingAfterSalesService: '0',
        royalties: '0',
        shippingAndPacking: '0',
        nonAllowableInterest: '0',
      },
    },
    materials: [],
    ...extra,
  });
}

/**
 * A producer whose LVC, steel and aluminum pass with room to spare, so tests can isolate one requirement:
 * assembly plant ASM qualifies (300 MXN/h >= 294.22); HWLC 3000 per unit (30 points on a 10000 net cost);
 * technology 20 points capped at 10; assembly credit from engine plant ENG (self, 200000 engines, 30 USD/h);
 * steel and aluminum 100% originating, steel melted and poured in the region.
 */
export function passingProducer(extra: Obj = {}): Obj {
  return producer({
    plants: [
      {
        id: 'ASM',
        country: 'MX',
        operator: 'self',
        role: 'vehicle-assembly',
        wages: { period: { start: '2025-01-01', end: '2025-12-31' }, averageBaseHourlyWage: '300.00' },
      },
      {
        id: 'ENG',
        country: 'US',
        operator: 'self',
        role: 'engine',
        wages: { period: { start: '2025-01-01', end: '2025-12-31' }, averageBaseHourlyWage: '30.00' },
        capacity: { engines: '200000' },
      },
    ],
    laborValueContent: {
      highWageLaborCosts: '3000.00',
      highWageTransportCosts: '0.00',
      technology: {
        researchAndDevelopmentWages: '800000.00',
        informationTechnologyWages: '200000.00',
        directProductionWages: '5000000.00',
      },
    },
    steelAluminum: {
      period: { start: '2025-01-01', end: '2025-12-31', kind: 'previous-fiscal-year' },
      basis: 'all-vehicles-produced',
      purchases: [
        {
          id: 'ST1',
          metal: 'steel',
          hs: '7208.25',
          value: '1000.00',
          origin: 'originating',
          meltedAndPouredInRegion: true,
          channel: 'direct',
        },
        { id: 'AL1', metal: 'aluminum', hs: '7601.10', value: '100.00', origin: 'originating', channel: 'direct' },
      ],
    },
    ...extra,
  });
}

/** An engine declared originating (no figures), so the core parts requirement is met. */
export const declaredEngine = (): Obj => ({
  id: 'ENGINE',
  description: 'engine',
  hs: '8407.34',
  quantity: '1',
  unitValue: '2000.00',
  origin: 'originating',
  corePart: 'engines',
});

export function line(id: string, unitValue: string, origin: string, extra: Obj = {}): Obj {
  return { id, description: id, hs: '8708.99', quantity: '1', unitValue, origin, ...extra };
}

/** The Table A.2 groups (rules/usmca/tables/table-a2-core-parts-components.yaml). */
export const CORE_GROUPS = [
  'engines',
  'transmissions',
  'body-and-chassis',
  'axles',
  'suspension-systems',
  'steering-systems',
  'advanced-batteries',
] as const;

/**
 * Unit tests isolate one requirement: a vehicle claim that does not say which core-part groups it lacks is given
 * `good.absentCoreParts` listing every Table A.2 group none of its lines is marked with (when one is marked), so
 * that the groups a test leaves out are accounted for (s. 14(4)). A test of that accounting states
 * `absentCoreParts` itself (even []).
 */
export function withCoreGroupsAccounted(doc: Obj): Obj {
  const good = doc.good as Obj | undefined;
  if (!good || good.kind !== 'vehicle' || 'absentCoreParts' in good || !Array.isArray(doc.materials)) return doc;
  const marked = new Set<string>();
  const walk = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const m of list as Obj[]) {
      if (typeof m?.corePart === 'string') marked.add(m.corePart);
      walk(m?.materials);
    }
  };
  walk(doc.materials);
  if (marked.size === 0) return doc; // no core part at all: CORE_PARTS_NOT_IDENTIFIED, as the claim stands
  return { ...doc, good: { ...good, absentCoreParts: CORE_GROUPS.filter((g) => !marked.has(g)) } };
}

export function load(doc: Obj, file = 'claim.yaml'): LoadedClaim {
  const text = file.endsWith('.json') ? JSON.stringify(doc) : stringify(doc);
  return loadClaimDocument(parseText(file, text), () => {
    throw new Error('tests inline the producer');
  });
}

/** Evaluates a claim built by these helpers (its core-part groups accounted for: see withCoreGroupsAccounted). */
export async function decide(doc: Obj): Promise<Decision> {
  return evaluate(load(withCoreGroupsAccounted(doc)));
}

export function requirement(d: Decision, id: string): RequirementResult {
  const r = d.requirements.find((x) => x.id === id);
  if (!r) throw new Error(`no requirement ${id}`);
  return r;
}

export function limb(l: { limbs?: Limb[] | undefined }, id: string): Limb {
  const found = findLimb(l.limbs ?? [], id);
  if (!found) throw new Error(`no limb ${id}`);
  return found;
}

function findLimb(limbs: Limb[], id: string): Limb | undefined {
  for (const l of limbs) {
    if (l.id === id) return l;
    const inner = findLimb(l.limbs ?? [], id);
    if (inner) return inner;
  }
  return undefined;
}

export function problemsOf(fn: () => unknown): InputError['problems'] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error('expected input problems');
}

export async function problemsOfAsync(fn: () => Promise<unknown>): Promise<InputError['problems']> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error('expected input problems');
}

/** Runs the command line in-process from the repository root, capturing its output and exit code. */
export async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { run } = await import('../src/cli/main.js');
  let out = '';
  let err = '';
  const code = await run(args, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    cwd: join(import.meta.dirname, '..'),
  });
  return { code, out, err };
}
