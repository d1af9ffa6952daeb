/**
 * A change advice may propose: the fields it edits in the claim as read and its effect on every sum the
 * requirements compare (per good, reporting currency; see bom.ts). The kinds are listed in changes.ts.
 */
import type { NormalizedClaim } from '../input/model.js';
import { Dec, ZERO, moneyText } from '../num/decimal.js';
import type { Bom, Line } from './bom.js';
import type { Facts } from './facts.js';
import type { ClaimView, PathSegment } from './view.js';

/**
 * `evidence`: a document showing a fact (a supplier's certification, wage data, a mill's certificate);
 * `declaration`: a statement about the vehicle only the producer can make (which line is a Table A.2 core part, or
 * that the vehicle has none of a group, s. 14(4)); `resourcing`: buying or making a line differently; `election`:
 * a choice the law offers.
 */
export type ChangeKind = 'evidence' | 'declaration' | 'resourcing' | 'election';

export type Edit =
  | { op: 'set'; path: PathSegment[]; value: unknown }
  | { op: 'remove'; path: PathSegment[] }
  /** An amount raised by `delta` (reporting currency): written as the new amount, in the reporting currency. */
  | { op: 'add-amount'; path: PathSegment[]; delta: Dec; current: Dec; bare: boolean };

export interface PartEffect {
  netCost: Dec;
  full: Dec;
  listed: Dec;
}

/** What a change moves, per good, in the reporting currency. */
export interface Effects {
  goodVnm: Dec;
  netCost: Dec;
  /** Total of the top-level lines' values (the LVC's annual-purchase-value base when taken from the BOM). */
  topLevelValue: Dec;
  parts: Map<string, PartEffect>;
  /** Core or heavy-truck parts whose declared origin becomes originating. */
  declaredParts: string[];
  hwm: Dec;
  /** Plants that become qualifying wage-rate plants (wage data). */
  plantsQualify: string[];
  steel: Dec;
  aluminum: Dec;
  tariffShiftFailing: Dec;
  election?: { field: 'coreAveraging' | 'corePartsMethod'; value: string };
}

export interface Change {
  /** Stable and unique: `origin:ENG/BLK`, `quote:HVAC:0`, `plant:SEATS`, `wages:RAM-ENG`, `purchase:ST-1`, ... */
  id: string;
  kind: ChangeKind;
  /** The line key, plant id, purchase id or election field it is about. */
  subject: string;
  description: string;
  /**
   * What the change asserts, in words: the fact the producer must be able to show or confirm before applying its
   * patch (an election asserts no fact: it says so).
   */
  asserts: string;
  /** Value the evidence or re-sourcing is about, per good (evidence gaps' "value at stake"). */
  valueAtStake?: Dec;
  /** Added cost per good (quotes; negative: a saving); zero where no price changes or none is quoted. */
  addedCost: Dec;
  priced: boolean;
  edits: Edit[];
  /** Values the patch tests before changing anything (the ids of the lines, plants and purchases it is about). */
  checks: Array<{ path: PathSegment[]; value: string }>;
  effects: Effects;
}

export function noEffects(): Effects {
  return {
    goodVnm: ZERO,
    netCost: ZERO,
    topLevelValue: ZERO,
    parts: new Map(),
    declaredParts: [],
    plantsQualify: [],
    hwm: ZERO,
    steel: ZERO,
    aluminum: ZERO,
    tariffShiftFailing: ZERO,
  };
}

/** What every change is computed from. */
export interface ChangeContext {
  claim: NormalizedClaim;
  view: ClaimView;
  bom: Bom;
  facts: Facts;
  qualifies: Map<string, boolean | null>;
  /** Which lines count as high-wage materials now (high-wage.ts). */
  hwm: Map<Line, { counted: boolean; covered: boolean; below: Dec }>;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const money = (d: Dec, cur: string) => `${moneyText(d)} ${cur}`;
