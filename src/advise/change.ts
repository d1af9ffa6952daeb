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

/**
 * One edit of the claim as read, at `path` (segments of a JSON Pointer): set a value, remove it, or raise an amount
 * by `delta` (per unit of the line, reporting currency; `current` the amount as read, `bare` when it is written as a
 * bare decimal rather than `{ amount, currency }`).
 */
export type Edit =
  | { op: 'set'; path: PathSegment[]; value: unknown }
  | { op: 'remove'; path: PathSegment[] }
  /** An amount raised by `delta` (reporting currency): written as the new amount, in the reporting currency. */
  | { op: 'add-amount'; path: PathSegment[]; delta: Dec; current: Dec; bare: boolean };

/** What a change moves in one core or heavy-truck part's RVC (s. 14(7), s. 15(4)), per good, reporting currency. */
export interface PartEffect {
  /** The change of the part's net cost. */
  netCost: Dec;
  /** The change of its value of non-originating materials counted in full (s. 14(7)(a)). */
  full: Dec;
  /** The change of that value counting only the listed components (Table A.2 column 2, s. 14(7)(b)). */
  listed: Dec;
}

/** What a change moves, per good, in the reporting currency. */
export interface Effects {
  /** The change of the good's value of non-originating materials (the RVC's VNM, s. 7). */
  goodVnm: Dec;
  /** The change of the good's net cost (s. 7(3)). */
  netCost: Dec;
  /** Total of the top-level lines' values (the LVC's annual-purchase-value base when taken from the BOM). */
  topLevelValue: Dec;
  /** Per core or heavy-truck part (by line key), what moves in its RVC. */
  parts: Map<string, PartEffect>;
  /** Core or heavy-truck parts whose declared origin becomes originating. */
  declaredParts: string[];
  /** The change of the high-wage materials (HWM) of the LVC (s. 18(4), (7)). */
  hwm: Dec;
  /** Plants that become qualifying wage-rate plants (wage data). */
  plantsQualify: string[];
  /** The change of the originating value of the producer's steel purchases (s. 17). */
  steel: Dec;
  /** The change of the originating value of its aluminum purchases (s. 17). */
  aluminum: Dec;
  /** The change of the value of non-originating materials that fail the vehicle's tariff shift (s. 13, de minimis s. 5). */
  tariffShiftFailing: Dec;
  /** The core-parts election the change makes, where it is one (s. 14(7), (10), (12)). */
  election?: { field: 'coreAveraging' | 'corePartsMethod'; value: string };
}

/** A candidate change: what it edits in the claim as read, and what it moves, per good (reporting currency). */
export interface Change {
  /** Stable and unique: `origin:ENG/BLK`, `quote:HVAC:0`, `plant:SEATS`, `wages:RAM-ENG`, `purchase:ST-1`, ... */
  id: string;
  /** evidence, declaration, resourcing or election. */
  kind: ChangeKind;
  /** The line key, plant id, purchase id or election field it is about. */
  subject: string;
  /** The change in words. */
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
  /** Whether a quote in the line's `alternatives` prices it (otherwise the line's current price stands). */
  priced: boolean;
  /** What it writes in the claim as read. */
  edits: Edit[];
  /** Values the patch tests before changing anything (the ids of the lines, plants and purchases it is about). */
  checks: Array<{ path: PathSegment[]; value: string }>;
  /** What it moves in every sum the requirements compare. */
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
