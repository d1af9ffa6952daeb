/**
 * Realistic synthetic vehicles for the benchmark: a bill of materials of N lines, up to six levels deep,
 * three currencies, core parts with their own net cost and components, high-wage and low-wage plants, and a
 * steel and aluminum purchase ledger. Deterministic: the same size always gives the same claim.
 */
const CURRENCIES = [
  { code: 'USD', rate: null, plants: ['US-P1', 'US-P2', 'US-P3'] },
  { code: 'MXN', rate: '0.0545', plants: ['MX-P1', 'MX-P2', 'MX-P3', 'MX-P4'] },
  { code: 'CAD', rate: '0.7310', plants: ['CA-P1', 'CA-P2'] },
];
const HS = [
  '8708.29',
  '8708.99',
  '8708.30',
  '8708.80',
  '8708.94',
  '8708.50',
  '8708.40',
  '8409.91',
  '8483.10',
  '8544.30',
  '9401.20',
  '4009.42',
  '8512.20',
  '8536.50',
  '7318.15',
  '3926.90',
  '8708.10',
  '8708.70',
  '8507.60',
  '8537.10',
];
const CORE = [
  ['engines', '8407.34', ['blocks', '8409.91'], ['crankshafts', '8483.10'], ['pistons', '8409.91']],
  ['transmissions', '8708.40', ['gear-boxes', '8708.40'], ['torque-converters', '8708.40']],
  ['body-and-chassis', '8708.29', ['major-body-panel-stampings', '8708.29'], ['stamped-frame-components', '8708.99']],
  ['axles', '8708.50', ['axle-shafts', '8708.50'], ['differentials', '8708.50']],
  ['suspension-systems', '8708.80', ['struts', '8708.80'], ['control-arms', '8708.80']],
  ['steering-systems', '8708.94', ['steering-columns', '8708.94'], ['steering-gears-racks', '8708.94']],
];

function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

export function generate(lines, seed = 42) {
  const r = rng(seed + lines);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const money = (max) => (1 + Math.floor(r() * max * 100)) / 100;
  let count = 0;
  let total = 0;
  const makeLine = (id, depth) => {
    count++;
    const cur = pick(CURRENCIES);
    const origin = r() < 0.62 ? 'originating' : r() < 0.9 ? 'non-originating' : 'unknown';
    const unit = money(depth === 1 ? 400 : 60);
    const qty = depth >= 4 ? 1 + Math.floor(r() * 4) : 1;
    const line = {
      id,
      description: `part ${id}`,
      hs: pick(HS),
      quantity: String(qty),
      unitValue: cur.rate ? { amount: (unit / Number(cur.rate)).toFixed(2), currency: cur.code } : unit.toFixed(2),
      origin,
      country: cur.code === 'USD' ? 'US' : cur.code === 'MXN' ? 'MX' : 'CA',
      plant: pick(cur.plants),
    };
    if (depth === 1) total += unit * qty;
    return line;
  };
  const materials = [];
  // Core parts first: each with a net cost and a few column-2 components.
  for (const [group, hs, ...components] of CORE) {
    const id = `CORE-${group}`;
    const part = makeLine(id, 1);
    Object.assign(part, { hs, corePart: group, origin: 'originating', netCost: part.unitValue, materials: [] });
    for (const [component, chs] of components) {
      const c = makeLine(`${id}-${component}`, 2);
      Object.assign(c, { hs: chs, coreComponent: component });
      part.materials.push(c);
    }
    materials.push(part);
  }
  // The rest: assemblies up to six levels, filled breadth-first until the line count is reached.
  const queue = [];
  let top = 0;
  while (count < lines) {
    if (queue.length === 0 || r() < 0.25) {
      const l = makeLine(`A${top++}`, 1);
      materials.push(l);
      queue.push([l, 1]);
      continue;
    }
    const i = Math.floor(r() * queue.length);
    const [parent, depth] = queue[i];
    if (depth >= 6) {
      queue.splice(i, 1);
      continue;
    }
    parent.materials ??= [];
    if (parent.materials.length === 0 && r() < 0.5) parent.selfProduced = true;
    const child = makeLine(`${parent.id}.${parent.materials.length}`, depth + 1);
    parent.materials.push(child);
    if (r() < 0.6) queue.push([child, depth + 1]);
    if (parent.materials.length >= 6) queue.splice(i, 1);
  }
  const totalCost = (total * 1.35 + 2500).toFixed(2);
  const plants = CURRENCIES.flatMap((c) =>
    c.plants.map((id, i) => ({
      id,
      country: c.code === 'USD' ? 'US' : c.code === 'MXN' ? 'MX' : 'CA',
      operator: i === 0 ? 'self' : `Supplier ${id}`,
      role: i === 0 ? 'engine' : 'parts',
      wages: {
        period: { start: '2025-01-01', end: '2025-12-31' },
        averageBaseHourlyWage:
          c.code === 'USD'
            ? (14 + i * 2).toFixed(2)
            : c.code === 'MXN'
              ? (180 + i * 60).toFixed(2)
              : (19 + i * 3).toFixed(2),
      },
      ...(i === 0 ? { capacity: { engines: '150000' } } : {}),
    })),
  );
  const purchases = [];
  const steel = ['7208.25', '7209.16', '7210.49', '7225.99', '7306.30', '7318.15'];
  for (let i = 0; i < Math.max(20, Math.floor(lines / 50)); i++) {
    const metal = r() < 0.8 ? 'steel' : 'aluminum';
    purchases.push({
      id: `PO-${i}`,
      metal,
      hs: metal === 'steel' ? pick(steel) : pick(['7601.10', '7606.12', '7604.29']),
      value: money(90000).toFixed(2),
      origin: r() < 0.8 ? 'originating' : 'non-originating',
      ...(metal === 'steel' ? { meltedAndPouredInRegion: r() < 0.9 } : {}),
      channel: pick(['direct', 'directed-buy', 'body-in-white']),
    });
  }
  return {
    format: 'usmca-roo/claim@1',
    id: `BENCH-${lines}`,
    decisionDate: '2026-06-15',
    currency: 'USD',
    exchangeRates: [
      { currency: 'MXN', rate: '0.0545', date: '2025-12-31', source: 'synthetic' },
      { currency: 'CAD', rate: '0.7310', date: '2025-12-31', source: 'synthetic' },
    ],
    producer: {
      format: 'usmca-roo/producer@1',
      name: 'Bench Motors',
      currency: 'USD',
      plants: [
        {
          id: 'ASM',
          country: 'MX',
          operator: 'self',
          role: 'vehicle-assembly',
          wages: { period: { start: '2025-01-01', end: '2025-12-31' }, averageBaseHourlyWage: '310.00' },
        },
        ...plants,
      ],
      laborValueContent: {
        highWageLaborCosts: '2100.00',
        highWageTransportCosts: '180.00',
        technology: {
          researchAndDevelopmentWages: '41000000.00',
          informationTechnologyWages: '9000000.00',
          directProductionWages: '520000000.00',
        },
      },
      steelAluminum: {
        period: { start: '2025-01-01', end: '2025-12-31', kind: 'previous-fiscal-year' },
        basis: 'all-vehicles-produced',
        purchases,
      },
    },
    good: {
      kind: 'vehicle',
      description: `synthetic sedan, ${lines} BOM lines`,
      hs: '8703.23',
      plant: 'ASM',
      modelLine: 'Bench',
      // A combustion sedan has no advanced battery (Table A.2): declared absent, as s. 14(4) asks of every group.
      absentCoreParts: ['advanced-batteries'],
    },
    period: { start: '2025-01-01', end: '2025-12-31' },
    costs: {
      totalCost,
      excludedCosts: {
        salesPromotionMarketingAfterSalesService: '610.00',
        royalties: '240.00',
        shippingAndPacking: '385.00',
        nonAllowableInterest: '0.00',
      },
    },
    elections: { corePartsMethod: 'best', lvcFormula: 'net-cost' },
    materials,
  };
}

/** Every line as a flat row (for CSV), with its parent id. */
export function flatten(materials, parent = '') {
  const rows = [];
  const stack = materials.map((m) => [m, parent]).reverse();
  while (stack.length) {
    const [m, p] = stack.pop();
    rows.push([m, p]);
    for (const c of [...(m.materials ?? [])].reverse()) stack.push([c, m.id]);
  }
  return rows;
}
