/**
 * The list a compliance team sends out: every line, plant and purchase that lacks evidence (the decision's
 * evidence gaps), grouped by supplier (a plant's operator; a line without a plant is its own), with the value at
 * stake and what to ask for. Suppliers are ordered by what settles the verdict soonest: the fewest suppliers
 * whose answers, all favourable, make the claim pass (found by the integer program with only evidence allowed,
 * and proven by evaluating the claim with those answers) come first, by value at stake; the others follow by
 * value at stake. Written as CSV (csv-stringify) or XLSX (exceljs).
 */
import type { LoadedClaim } from '../input/load-claim.js';
import { Dec, ZERO, moneyText } from '../num/decimal.js';
import { loadRulePack } from '../rules/load.js';
import type { RulePack } from '../rules/pack.js';
import { evaluate } from '../evaluate.js';
import { bomOptions, readBom } from './bom.js';
import { noEffects, type Change, type Effects } from './change.js';
import { candidateChanges } from './changes.js';
import { readFacts } from './facts.js';
import { buildProgram } from './program.js';
import { prove, prover } from './prove.js';
import { solveLp } from './solver.js';
import { spreadsheetRow } from '../render/spreadsheet.js';

/** One evidence gap to ask a supplier about (a row of the solicitation file). */
export interface SolicitationItem {
  /** The decision's evidence gap code (ORIGIN_UNKNOWN, PLANT_WAGES_MISSING, PURCHASE_ORIGIN_UNKNOWN, ...). */
  code: string;
  /** What it is about, as the gap names it (a line key, `plants.ID`, `steelAluminum.purchases.ID`). */
  subject: string;
  /** What to ask for: the document and the article it serves (a certification of origin, wage records, s. 18(5), ...). */
  request: string;
  /** The engine's message for the gap. */
  description: string;
  /** The value the gap is about, per good, reporting currency (a decimal string). */
  valueAtStake: string;
}

/** The gaps one supplier can settle, and where it stands in the order to ask. */
export interface SolicitationGroup {
  /** Its place in the order to ask, from 1: the suppliers that settle the verdict first, then by value at stake. */
  rank: number;
  /** The supplier: a plant's operator (`own plant ID` for the producer's own), a mill, or a line on its own. */
  supplier: string;
  /** Among the fewest suppliers whose evidence settles the verdict (proven), or not. */
  settles: boolean;
  /** The value at stake of its items together, per good, reporting currency (a decimal string). */
  valueAtStake: string;
  /** What to ask it for, one item per gap. */
  items: SolicitationItem[];
}

/**
 * The supplier solicitation (see the module comment): evidence gaps grouped by supplier, each item with what to
 * ask for and the value at stake (decimal string, reporting currency), suppliers that settle the verdict first.
 */
export interface Solicitation {
  /** The claim's id. */
  claim: string;
  /** The reporting currency (ISO 4217) of every value at stake. */
  currency: string;
  /** The claim's verdict as written. */
  verdict: string;
  /** Whether the answers of the suppliers marked `settles` were proven to make the claim pass. */
  settledBy: 'proven' | 'not-possible-with-evidence-alone' | 'already-originating';
  /** One group per supplier, in the order to ask them. */
  groups: SolicitationGroup[];
}

const REQUESTS: Record<string, string> = {
  ORIGIN_UNKNOWN: "supplier's certification of origin (or a statement under s. 9) for the line",
  CORE_PART_ORIGIN_UNKNOWN: "supplier's certification that the core part is originating (s. 14(4))",
  HEAVY_TRUCK_PART_ORIGIN_UNKNOWN: "supplier's certification that the part meets the Table D RVC (s. 15(4))",
  HS_MISSING: 'the HS classification of the line',
  PLANT_WAGES_MISSING: "the plant's base wages and direct production hours for a current period (s. 12, s. 18(5))",
  PURCHASE_ORIGIN_UNKNOWN: "the mill's certificate of origin for the purchase (s. 17)",
  MELTED_AND_POURED_NOT_SHOWN:
    "the mill's certificate that the steel was melted and poured in the region (s. 17(5)(b))",
};

/** Options of solicitation. */
export interface SolicitOptions {
  /** The rule pack to evaluate under (default: the bundled pack, loadRulePack()). */
  pack?: RulePack;
}

/**
 * The solicitation for a loaded claim (see the module comment). Asynchronous: it runs the integer program
 * (HiGHS). Throws InputError for an invalid claim.
 */
export async function solicitation(loaded: LoadedClaim, options: SolicitOptions = {}): Promise<Solicitation> {
  const pack = options.pack ?? loadRulePack();
  const decision = await evaluate(loaded, { pack });
  const claim = loaded.claim;
  const p = prover(loaded, pack, ZERO);
  const facts = readFacts(decision);
  const bom = readBom(claim, bomOptions(claim, decision));
  const evidence = candidateChanges(claim, p.view, bom, facts).filter((c) => c.kind === 'evidence');
  const supplierOf = (code: string, subject: string): string => {
    if (code === 'PLANT_WAGES_MISSING') {
      const plant = claim.plants.get(subject.replace(/^plants\./, ''));
      return plant?.operator === 'self' ? `own plant ${plant.id}` : (plant?.operator ?? subject);
    }
    if (code === 'PURCHASE_ORIGIN_UNKNOWN' || code === 'MELTED_AND_POURED_NOT_SHOWN')
      return `mill of purchase ${subject.replace(/^steelAluminum\.purchases\./, '')}`;
    const line = bom.byKey.get(subject)?.m;
    const plant = line?.plant !== undefined ? claim.plants.get(line.plant) : undefined;
    if (!plant) return `supplier of ${subject} (no plant named)`;
    return plant.operator === 'self' ? `own plant ${plant.id}` : (plant.operator ?? plant.id);
  };
  const groups = new Map<string, { items: SolicitationItem[]; value: Dec; changes: Change[] }>();
  for (const g of decision.evidenceGaps) {
    const request = REQUESTS[g.code];
    if (!request) continue;
    const supplier = supplierOf(g.code, g.subject);
    const group = groups.get(supplier) ?? { items: [], value: ZERO, changes: [] };
    const value = new Dec(g.valueAtStake ?? '0');
    group.items.push({
      code: g.code,
      subject: g.subject,
      request,
      description: g.message,
      valueAtStake: moneyText(value),
    });
    group.value = group.value.plus(value);
    const subject = g.subject.replace(/^plants\./, '').replace(/^steelAluminum\.purchases\./, '');
    group.changes.push(...evidence.filter((c) => c.subject === subject && !group.changes.includes(c)));
    groups.set(supplier, group);
  }
  // The fewest suppliers whose evidence settles the verdict: one change per supplier, all its evidence at once.
  const merged = [...groups].map(([supplier, g]) => merge(`supplier:${supplier}`, supplier, g.changes));
  let settling = new Set<string>();
  let settledBy: Solicitation['settledBy'] =
    decision.verdict === 'originating' ? 'already-originating' : 'not-possible-with-evidence-alone';
  if (decision.verdict !== 'originating' && merged.length > 0) {
    const program = buildProgram({ claim, facts, bom, changes: merged, objective: 'lines', minMargin: ZERO, cuts: [] });
    const solution = await solveLp(program.lp);
    const chosen = merged.filter((c) => solution.chosen.has(program.variable.get(c.id) as string));
    if (solution.status !== 'infeasible' && (await prove(p, chosen, 'solicitation')).passes) {
      settling = new Set(chosen.map((c) => c.subject));
      settledBy = 'proven';
    }
  }
  const ordered = [...groups]
    .map(([supplier, g]) => ({ supplier, ...g, settles: settling.has(supplier) }))
    .sort(
      (a, b) =>
        Number(b.settles) - Number(a.settles) || b.value.comparedTo(a.value) || (a.supplier < b.supplier ? -1 : 1),
    );
  return {
    claim: claim.id,
    currency: claim.currency,
    verdict: decision.verdict,
    settledBy,
    groups: ordered.map((g, i) => ({
      rank: i + 1,
      supplier: g.supplier,
      settles: g.settles,
      valueAtStake: moneyText(g.value),
      items: g.items.sort((a, b) =>
        a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.code < b.code ? -1 : 1,
      ),
    })),
  };
}

/** Several changes as one: all their edits, the sum of their effects. */
function merge(id: string, subject: string, changes: Change[]): Change {
  const e: Effects = noEffects();
  for (const c of changes) {
    const f = c.effects;
    e.goodVnm = e.goodVnm.plus(f.goodVnm);
    e.netCost = e.netCost.plus(f.netCost);
    e.topLevelValue = e.topLevelValue.plus(f.topLevelValue);
    e.hwm = e.hwm.plus(f.hwm);
    e.steel = e.steel.plus(f.steel);
    e.aluminum = e.aluminum.plus(f.aluminum);
    e.tariffShiftFailing = e.tariffShiftFailing.plus(f.tariffShiftFailing);
    e.declaredParts.push(...f.declaredParts);
    e.plantsQualify.push(...f.plantsQualify);
    for (const [k, v] of f.parts) {
      const cur = e.parts.get(k) ?? { netCost: ZERO, full: ZERO, listed: ZERO };
      e.parts.set(k, {
        netCost: cur.netCost.plus(v.netCost),
        full: cur.full.plus(v.full),
        listed: cur.listed.plus(v.listed),
      });
    }
  }
  return {
    id,
    kind: 'evidence',
    subject,
    description: subject,
    asserts: changes.map((c) => c.asserts).join('; '),
    addedCost: ZERO,
    priced: false,
    edits: changes.flatMap((c) => c.edits),
    checks: changes.flatMap((c) => c.checks),
    effects: e,
  };
}

const HEAD = [
  'rank',
  'supplier',
  'settles the verdict',
  'request',
  'subject',
  'gap',
  'value at stake',
  'currency',
  'why',
];

function rows(s: Solicitation): string[][] {
  return s.groups.flatMap((g) =>
    g.items.map((i) => [
      String(g.rank),
      g.supplier,
      g.settles ? 'yes (with the others marked yes)' : 'no',
      i.request,
      i.subject,
      i.code,
      i.valueAtStake,
      s.currency,
      i.description,
    ]),
  );
}

/** Writes the list as CSV or XLSX (by the file's extension). */
export async function writeSolicitation(
  s: Solicitation,
  file: string,
  write: (f: string, data: string | Uint8Array) => void,
): Promise<void> {
  if (/\.csv$/i.test(file)) {
    const { stringify } = await import('csv-stringify/sync');
    // Names from the claim (suppliers, descriptions) never reach a spreadsheet as formulas (spreadsheet.ts).
    write(file, stringify([HEAD, ...rows(s).map(spreadsheetRow)]));
    return;
  }
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  // Fixed metadata, so the same list gives the same workbook content.
  workbook.creator = 'usmca-roo';
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  const sheet = workbook.addWorksheet('Requests');
  sheet.addRow(HEAD).font = { bold: true };
  for (const r of rows(s)) {
    const row = sheet.addRow(r);
    row.getCell(1).value = Number(r[0]);
  }
  sheet.columns.forEach((c, i) => {
    c.width = [6, 32, 12, 48, 28, 28, 16, 9, 60][i] ?? 20;
  });
  write(file, new Uint8Array(await workbook.xlsx.writeBuffer()));
}
