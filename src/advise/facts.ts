/**
 * What advice reads from a decision: each requirement's status, threshold and exact figures, as the engine
 * computed them. Thresholds, rates and credits come from here (the engine took them from the rule pack on the
 * decision date), never from advice's own code.
 */
import { Dec, ZERO } from '../num/decimal.js';
import type { Limb, RequirementResult } from '../requirements/result.js';
import type { Decision } from '../verdict/decision.js';

export interface PurchaseFact {
  id: string;
  value: Dec;
  originating: boolean;
}

export interface MetalFacts {
  threshold: Dec;
  total: Dec;
  originating: Dec;
  purchases: PurchaseFact[];
  /** No purchase data at all (STEEL_ALUMINUM_DATA_MISSING): nothing advice can change shows the requirement. */
  noData: boolean;
}

export interface PlantFact {
  plant: string;
  country: string;
  qualifies: boolean | null;
  rate: string | null;
  currency: string | null;
}

export interface LvcFacts {
  formula: 'net-cost' | 'annual-purchase-value';
  /** Material and manufacturing minimum, and LVC total threshold, in points. */
  materialMinimum: Dec;
  total: Dec;
  technologyCredit: Dec;
  assemblyCredit: { points: Dec; size: Dec; capacityRequired: Record<string, string>; minimumContractYears: string };
  /** Net-cost formula: the terms; annual formula: APV and TAPV (HWLC counted in both when from the BOM). */
  hwlc: Dec;
  hwm: Dec;
  hwt: Dec;
  base: Dec;
  /** Annual figures declared by the producer (the material term does not depend on the bill of materials). */
  annualDeclared: boolean;
  /** High-wage labor costs declared but not counted (the assembly plant does not qualify). */
  hwlcNotCounted: Dec;
  plants: PlantFact[];
}

export interface Facts {
  verdict: Decision['verdict'];
  currency: string;
  status: Map<string, RequirementResult['status']>;
  netCost: Dec;
  rvc?: { threshold: Dec; method: 'net-cost' | 'transaction-value'; base: Dec; vnm: Dec };
  core?: { threshold: Dec; election: string; super: { full: boolean; listed: boolean } };
  /**
   * Table A.2 groups neither marked on a line nor declared absent (CORE_PART_GROUP_UNACCOUNTED, by group id), or
   * ["every group"] when no line is marked at all (CORE_PARTS_NOT_IDENTIFIED): the core parts requirement cannot
   * pass whatever else changes (s. 14(4)); accounting.ts proposes the declarations.
   */
  coreUnaccounted: string[];
  heavy?: { threshold: Dec; declared: Array<{ key: string; originating: boolean }> };
  steel?: MetalFacts;
  aluminum?: MetalFacts;
  lvc?: LvcFacts;
  tariffShift?: { failing: Map<string, Dec>; limit: Dec };
}

const d = (text: string | undefined): Dec => new Dec(text ?? '0');

function limb(r: Limb | undefined, id: string): Limb | undefined {
  if (!r) return undefined;
  if (r.id === id) return r;
  for (const l of r.limbs ?? []) {
    const found = limb(l, id);
    if (found) return found;
  }
  return undefined;
}

function traceInputs(r: RequirementResult, id: string): Record<string, string> {
  const node = r.trace.find((t) => (t as { id?: string }).id === id) as { inputs?: Record<string, string> } | undefined;
  return node?.inputs ?? {};
}

export function readFacts(decision: Decision): Facts {
  const req = new Map(decision.requirements.map((r) => [r.id, r]));
  const applies = (id: string) => {
    const r = req.get(id as RequirementResult['id']);
    return r && r.status !== 'not-applicable' ? r : undefined;
  };
  const facts: Facts = {
    verdict: decision.verdict,
    currency: decision.claim.currency,
    status: new Map(decision.requirements.map((r) => [r.id, r.status])),
    netCost: d(decision.netCost.netCost),
    coreUnaccounted: decision.evidenceGaps.some((g) => g.code === 'CORE_PARTS_NOT_IDENTIFIED')
      ? ['every group']
      : decision.evidenceGaps
          .filter((g) => g.code === 'CORE_PART_GROUP_UNACCOUNTED')
          .map((g) => g.subject.slice('core-parts.'.length)),
  };
  const rvc = applies('rvc');
  if (rvc) {
    const method =
      (rvc.details as { method?: string } | undefined)?.method === 'transaction-value'
        ? 'transaction-value'
        : 'net-cost';
    const percent = rvc.trace.find((t) => (t as { id?: string }).id === 'rvc.percent') as
      { inputs?: Record<string, string> } | undefined;
    const inputs = percent?.inputs ?? {};
    facts.rvc = {
      threshold: d(rvc.threshold),
      method,
      base: d(method === 'net-cost' ? inputs.NC : inputs.TV),
      vnm: d(inputs.VNM ?? decision.bom.valueOfNonOriginatingMaterials),
    };
  }
  const core = applies('core-parts');
  if (core && core.threshold !== undefined) {
    const superAvailable = (id: string) => {
      const l = limb(core, id);
      return l !== undefined && l.value !== undefined;
    };
    facts.core = {
      threshold: d(core.threshold),
      election: String((core.details as { election?: string } | undefined)?.election ?? 'best'),
      super: {
        full: superAvailable('core-parts.super-core-full'),
        listed: superAvailable('core-parts.super-core-listed'),
      },
    };
  }
  const heavy = applies('heavy-truck-parts');
  if (heavy && heavy.threshold !== undefined) {
    facts.heavy = {
      threshold: d(heavy.threshold),
      declared: (heavy.limbs ?? [])
        .filter((l) => (l.details as { netCost?: string } | undefined)?.netCost === undefined)
        .map((l) => ({ key: l.id.slice('heavy-truck-parts.'.length), originating: l.status === 'pass' })),
    };
  }
  for (const metal of ['steel', 'aluminum'] as const) {
    const r = applies(metal);
    if (!r) continue;
    const details = (r.details ?? {}) as { purchases?: Array<{ id: string; value: string; originating: boolean }> };
    const purchases = (details.purchases ?? []).map((p) => ({
      id: p.id,
      value: d(p.value),
      originating: p.originating,
    }));
    facts[metal] = {
      threshold: d(r.threshold),
      total: purchases.reduce((s, p) => s.plus(p.value), ZERO),
      originating: purchases.filter((p) => p.originating).reduce((s, p) => s.plus(p.value), ZERO),
      purchases,
      noData: details.purchases === undefined,
    };
  }
  const lvc = applies('lvc');
  if (lvc) facts.lvc = lvcFacts(lvc, decision);
  const shift = applies('tariff-shift');
  if (shift && decision.claim.good.kind === 'vehicle') {
    const details = (shift.details ?? {}) as {
      failingMaterials?: Array<{ material: string; value: string }>;
      deMinimis?: { limit?: string };
    };
    facts.tariffShift = {
      failing: new Map((details.failingMaterials ?? []).map((f) => [f.material, d(f.value)])),
      limit: d(details.deMinimis?.limit),
    };
  }
  return facts;
}

function lvcFacts(lvc: RequirementResult, decision: Decision): LvcFacts {
  const details = (lvc.details ?? {}) as { formula?: string; plants?: PlantFact[] };
  const formula = details.formula === 'annual-purchase-value' ? 'annual-purchase-value' : 'net-cost';
  const material = limb(lvc, 'lvc.material-and-manufacturing');
  const tech = limb(lvc, 'lvc.technology-credit');
  const ac = limb(lvc, 'lvc.assembly-credit');
  const total = limb(lvc, 'lvc.total');
  const acDetails = (ac?.details ?? {}) as { capacityRequired?: Record<string, string>; minimumContractYears?: string };
  const nc = traceInputs(lvc, 'lvc.materialAndManufacturing');
  const apv = traceInputs(lvc, 'lvc.annualPurchaseValue');
  const gap = decision.evidenceGaps.find((g) => g.code === 'ASSEMBLY_PLANT_NOT_QUALIFYING');
  return {
    formula,
    materialMinimum: d(material?.threshold),
    total: d(total?.threshold),
    technologyCredit: d(tech?.value),
    assemblyCredit: {
      points: d(ac?.value),
      size: d(ac?.threshold),
      capacityRequired: acDetails.capacityRequired ?? {},
      minimumContractYears: acDetails.minimumContractYears ?? '0',
    },
    hwlc: d(formula === 'net-cost' ? nc.HWLC : apv.HWLC),
    hwm: d(formula === 'net-cost' ? nc.HWM : apv.APV),
    hwt: d(formula === 'net-cost' ? nc.HWT : '0'),
    base: d(formula === 'net-cost' ? nc.NC : apv.TAPV),
    annualDeclared: formula === 'annual-purchase-value' && apv.HWLC === undefined,
    hwlcNotCounted: d(gap?.valueAtStake),
    plants: details.plants ?? [],
  };
}
