/**
 * The bill of materials, normalised: every line's value in the reporting currency (quantity x unit value), its HS
 * code read to its subheading, its key; and the checks of one line against its list, its plant and the law (ids
 * unique in a list, plants known, an intermediate material self-produced under s. 8(6), a core part with both or
 * neither of its net cost and materials under s. 14(4), an origin given unless the engine computes it).
 */
import { dec, ONE, type Dec } from '../num/decimal.js';
import { money, times, zero, type Money } from '../num/money.js';
import type { MaterialInput } from './documents.js';
import { hsSubheading } from './hs.js';
import type { Material, Plant } from './model.js';
import { linePath, type NormalizeContext } from './normalize-context.js';
import { lineMoney, readAlternatives, readStatement } from './normalize-line-parts.js';
import { problemAt } from './validate.js';

/** Reads the lines of a claim's bill of materials, at any depth (one reader per claim). */
export class MaterialReader {
  constructor(private readonly ctx: NormalizeContext) {}

  /** Decimal values of repeated texts (quantities such as "1", rates), parsed once. */
  private readonly decimals = new Map<string, Dec>();

  private decimal(text: string): Dec {
    if (text === '1') return ONE;
    let d = this.decimals.get(text);
    if (d === undefined) {
      d = dec(text);
      if (this.decimals.size < 10_000) this.decimals.set(text, d);
    }
    return d;
  }

  /** The lines of `list` (under `parent`, or the top level), with their own materials, checked. */
  read(list: MaterialInput[], parent: Material | undefined, plants: Map<string, Plant>): Material[] {
    // Ids seen in this list: a short list (most are) is searched, a longer one gets a Set.
    const ids = list.length > 8 ? new Set<string>() : undefined;
    const out: Material[] = new Array(list.length);
    const reporting = this.ctx.input.currency;
    const none = zero(reporting); // until the line's amounts are known
    // Nothing in the loop below makes a closure over the line: a path is made only for a problem.
    // Keys join ids with "/"; inside an id, "~" and "/" are escaped as in a JSON Pointer (~0, ~1), so the line
    // "A/B" and the child "B" of line "A" never share a key.
    const keyPrefix = parent ? `${parent.key}/` : '';
    const doc = this.ctx.materialsDoc;
    for (let i = 0; i < list.length; i++) {
      const m = list[i] as MaterialInput;
      const lineCurrency = m.currency ?? reporting;
      const unitCurrency = m.unitValue.currency ?? lineCurrency;
      const quantity = this.decimal(m.quantity);
      const material: Material = {
        index: i,
        parent,
        id: m.id,
        key: keyPrefix + keySegment(m.id),
        description: m.description ?? '',
        hs: undefined,
        quantity,
        unitValue: none,
        value: none,
        origin: m.origin ?? 'unknown',
        originDeclared: m.origin !== undefined,
        country: m.country,
        plant: m.plant,
        selfProduced: m.selfProduced === true,
        intermediate: m.intermediate === true,
        statement: undefined,
        corePart: m.corePart,
        coreComponent: m.coreComponent,
        netCost: undefined,
        partTable: m.partTable,
        ...(m.ruleGoods !== undefined
          ? { ruleGoods: typeof m.ruleGoods === 'string' ? [m.ruleGoods] : m.ruleGoods }
          : {}),
        children: [],
      };
      const unitValue =
        unitCurrency === reporting
          ? money(dec(m.unitValue.amount), reporting)
          : this.converted(material, m.unitValue.amount, unitCurrency);
      material.unitValue = unitValue;
      material.value = times(unitValue, quantity);
      if (m.hs !== undefined) {
        const hs = hsSubheading(m.hs) === m.hs ? m.hs : this.subheading(material, m.hs);
        material.hs = hs;
        if (hs !== m.hs) material.hsAsWritten = m.hs;
      }
      if (material.intermediate) this.ctx.flags.intermediates = true;
      if (m.corePart !== undefined) this.ctx.flags.coreParts = true;
      if (ids ? ids.has(m.id) : repeatsEarlier(list, i))
        this.ctx.problems.push(
          problemAt(
            doc,
            linePath(material, 'id'),
            'BOM_DUPLICATE_ID',
            `id "${m.id}" is used twice in this material list`,
          ),
        );
      ids?.add(m.id);
      if (m.plant !== undefined && !plants.has(m.plant)) {
        this.ctx.problems.push(
          problemAt(
            doc,
            linePath(material, 'plant'),
            'PLANT_UNKNOWN',
            `plant "${m.plant}" is not among the producer document's plants`,
          ),
        );
      }
      if (material.intermediate && !material.selfProduced) {
        this.ctx.problems.push(
          problemAt(
            doc,
            linePath(material, 'intermediate'),
            'INTERMEDIATE_NOT_SELF_PRODUCED',
            'only a self-produced material can be designated an intermediate material (s. 8(6)); set selfProduced: true or remove the designation',
          ),
        );
      }
      if (m.alternatives) material.alternatives = readAlternatives(this.ctx, m, material, lineCurrency, plants);
      if (m.netCost) material.netCost = lineMoney(this.ctx, material, lineCurrency, m.netCost, 'netCost');
      if (m.allocatedTotalCost)
        material.allocatedTotalCost = lineMoney(
          this.ctx,
          material,
          lineCurrency,
          m.allocatedTotalCost,
          'allocatedTotalCost',
        );
      if (m.supplierStatement) material.statement = readStatement(this.ctx, m, material, lineCurrency);
      if (
        m.corePart !== undefined &&
        (m.netCost === undefined) !== (m.materials === undefined || m.materials.length === 0)
      ) {
        this.ctx.problems.push(
          problemAt(
            doc,
            linePath(material, m.netCost === undefined ? 'netCost' : 'materials'),
            'CORE_PART_INCOMPLETE',
            `core part ${m.id}: give both netCost and its own materials to have its origin computed (s. 14(4)), or neither to use its declared origin`,
          ),
        );
      }
      // A core part of quantity 0 (its own, or a line above it) is no part of the vehicle: marked, it would account
      // for its Table A.2 group with nothing (s. 14(4)).
      if (m.corePart !== undefined && hasZeroQuantity(material)) {
        this.ctx.problems.push(
          problemAt(
            doc,
            linePath(material, 'quantity'),
            'AMOUNT_NEGATIVE',
            `core part ${m.id}: a quantity of 0${material.quantity.isZero() ? '' : ' (of a line above it)'} puts no such part in the vehicle, so it cannot account for the ${m.corePart} group (s. 14(4)); give the quantity per unit, or remove the line and list the group in good.absentCoreParts if the vehicle has none`,
          ),
        );
      }
      if (m.origin === undefined && !originComputable(m)) {
        this.ctx.problems.push(
          problemAt(
            doc,
            linePath(material, 'origin'),
            'FIELD_REQUIRED',
            `required: one of "originating", "non-originating", "unknown". It may be left out only where the engine computes the origin: a core part with netCost and its own materials, a self-produced material with its own materials (looked through, s. 7(5)(a)), a designated intermediate material with netCost and its own materials`,
          ),
        );
      }
      if (m.materials && m.materials.length > 0) material.children = this.read(m.materials, material, plants);
      out[i] = material;
    }
    return out;
  }

  /** A line's unit value, `amount` of `currency`, in the reporting currency (see Normalizer.convert). */
  private converted(material: Material, amount: string, currency: string): Money {
    return this.ctx.convert(this.ctx.materialsDoc, () => linePath(material, 'unitValue'), amount, currency);
  }

  /** The subheading of a line's HS code written otherwise than as one (see Normalizer.subheading). */
  private subheading(material: Material, written: string): string {
    return this.ctx.subheading(this.ctx.materialsDoc, () => linePath(material, 'hs'), written);
  }
}

/** Whether the id of `list[i]` is that of an earlier line of `list`. */
function repeatsEarlier(list: readonly MaterialInput[], i: number): boolean {
  const id = (list[i] as MaterialInput).id;
  for (let j = 0; j < i; j++) if ((list[j] as MaterialInput).id === id) return true;
  return false;
}

/** An id as one segment of a line's key: "~" as "~0" and "/" as "~1" (RFC 6901), so keys never collide. */
export function keySegment(id: string): string {
  return id.includes('~') || id.includes('/') ? id.replace(/~/g, '~0').replace(/\//g, '~1') : id;
}

/**
 * Whether the engine computes a line's origin, so that the claim may leave `origin` out: a core part with its net
 * cost and materials (s. 14(4)-(5)); a self-produced material that is not an intermediate material, whose own
 * materials are counted instead (s. 7(5)(a)); a designated intermediate material with its net cost and materials
 * (s. 8). Where the engine then cannot compute it after all (a core part outside the core-parts test, an
 * intermediate material whose rule the pack does not hold), the line counts as of unknown origin and is an
 * evidence gap, as the law treats materials of undetermined origin.
 */
export function originComputable(m: MaterialInput): boolean {
  const own = m.materials !== undefined && m.materials.length > 0;
  if (!own) return false;
  if (m.selfProduced === true && m.intermediate !== true) return true;
  return m.netCost !== undefined && (m.corePart !== undefined || (m.intermediate === true && m.selfProduced === true));
}

/** Whether the line, or a line above it, has a quantity of 0 (so that none of it is in the good). */
function hasZeroQuantity(m: Material): boolean {
  for (let cur: Material | undefined = m; cur; cur = cur.parent) if (cur.quantity.isZero()) return true;
  return false;
}
