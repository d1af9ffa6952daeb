/**
 * Claims for the situations advice must answer, built in memory with every figure stated, so the tests can name
 * the amounts they expect.
 */
import { claim, declaredEngine, line, passingProducer, producer, type Obj } from '../helpers.js';

/**
 * A Table B brake part (8708.30, threshold 70 %) on a net cost of 100.00 USD: non-originating materials of 38.50
 * (26.50 non-originating, 12.00 of unknown origin), so RVC 61.5 % and a shortfall of 8.50 USD. Certifying the
 * 12.00 line settles it: VNM 26.50, RVC 73.5 %.
 */
export function partShortBy850(): Obj {
  return claim({
    good: {
      kind: 'part',
      description: 'brake caliper',
      hs: '8708.30',
      partTable: 'B',
      use: 'original-equipment',
      forVehicleClass: 'passenger-vehicle',
    },
    producer: producer(),
    costs: {
      totalCost: '100.00',
      excludedCosts: {
        salesPromotionMarketingAfterSalesService: '0',
        royalties: '0',
        shippingAndPacking: '0',
        nonAllowableInterest: '0',
      },
    },
    materials: [
      line('HOUSING', '40.00', 'originating', { hs: '8708.30' }),
      line('PISTON', '26.50', 'non-originating', { hs: '8708.30', country: 'CN' }),
      line('SEALS', '12.00', 'unknown', { hs: '4016.93' }),
    ],
  });
}

/**
 * An SUV (8703.23) whose LVC falls short by 2,287.50 USD. Net cost 30,000.00; high-wage labor 3,000.00 (assembly
 * plant ASM qualifies at 300 MXN/h); high-wage material 3,712.50 (HW1, made at HIGH, 25 USD/h); no transport; the
 * technology credit capped at 10; no assembly credit (no high-wage engine plant). Material points
 * 6,712.50 / 30,000 = 22.375, LVC 32.375 %: 7.625 points under 40 = 2,287.50. Lines at LOW (150 MXN/h) could be made
 * at HIGH instead: M1 (2,400.00) alone settles it (40.375 %).
 */
export function suvShortOnLvc(): Obj {
  const wages = (avg: string) => ({ period: { start: '2025-01-01', end: '2025-12-31' }, averageBaseHourlyWage: avg });
  return claim({
    producer: passingProducer({
      plants: [
        { id: 'ASM', country: 'MX', operator: 'self', role: 'vehicle-assembly', wages: wages('300.00') },
        { id: 'LOW', country: 'MX', operator: 'Bajío Partes', role: 'parts', wages: wages('150.00') },
        { id: 'HIGH', country: 'US', operator: 'Ohio Components', role: 'parts', wages: wages('25.00') },
        { id: 'ENG', country: 'MX', operator: 'self', role: 'engine', wages: wages('200.00') },
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
    }),
    good: { kind: 'vehicle', description: 'compact SUV', hs: '8703.23', plant: 'ASM' },
    costs: {
      totalCost: '30000.00',
      excludedCosts: {
        salesPromotionMarketingAfterSalesService: '0',
        royalties: '0',
        shippingAndPacking: '0',
        nonAllowableInterest: '0',
      },
    },
    materials: [
      { ...declaredEngine(), plant: 'ENG' },
      line('HW1', '3712.50', 'originating', { plant: 'HIGH', country: 'US' }),
      line('M1', '2400.00', 'originating', { plant: 'LOW', country: 'MX' }),
      line('M2', '1500.00', 'originating', { plant: 'LOW', country: 'MX' }),
      line('M3', '900.00', 'originating', { plant: 'LOW', country: 'MX' }),
    ],
  });
}

/**
 * A sedan whose transmission is a core part declared non-originating, without figures (1,800.00 USD): the core
 * parts requirement fails. It must be originating: at most 25 % non-originating content, 450.00 USD if its net
 * cost is its price. With `quote`, the claim lists an originating quote at 1,900.00 (100.00 more per vehicle).
 */
export function sedanWithNonOriginatingTransmission(quote = false): Obj {
  return claim({
    producer: passingProducer(),
    materials: [
      declaredEngine(),
      {
        id: 'TRANS',
        description: 'six-speed automatic transmission',
        hs: '8708.40',
        quantity: '1',
        unitValue: '1800.00',
        origin: 'non-originating',
        country: 'JP',
        corePart: 'transmissions',
        ...(quote
          ? {
              alternatives: [
                {
                  supplier: 'Transmisiones del Norte',
                  unitValue: '1900.00',
                  origin: 'originating',
                  country: 'MX',
                  reference: 'Q-2026-117',
                },
              ],
            }
          : {}),
      },
      line('BODY', '3000.00', 'originating'),
    ],
  });
}

/**
 * A sedan with two axles (core parts with figures) and an engine declared without figures (so no super-core).
 * Front axle: net cost 1,000.00, non-originating drive axle 400.00 (60 %, fails 75 % both ways); rear axle: net
 * cost 1,000.00, all originating (100 %). Each on its own fails; averaged as a parts category (s. 14(12)) the
 * axles hold 400.00 of 2,000.00: 80 %.
 */
export function sedanWithAxles(): Obj {
  const axle = (id: string, driveAxleOrigin: string) => ({
    id,
    description: `${id} axle`,
    hs: '8708.50',
    quantity: '1',
    unitValue: '1000.00',
    netCost: '1000.00',
    origin: 'originating',
    selfProduced: true,
    corePart: 'axles',
    materials: [
      line(`${id}-DA`, '400.00', driveAxleOrigin, { hs: '8708.50', coreComponent: 'drive-axles' }),
      line(`${id}-HUB`, '300.00', 'originating', { hs: '8708.50', coreComponent: 'axle-hubs' }),
    ],
  });
  return claim({
    producer: passingProducer(),
    materials: [declaredEngine(), axle('FRONT', 'non-originating'), axle('REAR', 'originating')],
  });
}

/**
 * The brake part with its unknown lines at three suppliers: Sellos SA (SEALS 12.00, plant P1), Tornillos (BOLTS
 * 5.00 and CLIP 3.00, plant P2), and GASKET (4.00, no plant named). VNM 39.00 (with PISTON 15.00) on a net cost
 * of 100.00: RVC 61 %, 9.00 short of 70 %. Sellos's certification alone settles it (VNM 27.00); Tornillos's
 * (8.00) would not.
 */
export function partWithThreeSuppliers(): Obj {
  const doc = partShortBy850();
  doc.producer = producer({
    plants: [
      { id: 'ASM', country: 'MX', operator: 'self', role: 'vehicle-assembly' },
      { id: 'P1', country: 'MX', operator: 'Sellos SA', role: 'parts' },
      { id: 'P2', country: 'MX', operator: 'Tornillos', role: 'parts' },
    ],
  });
  doc.materials = [
    line('HOUSING', '40.00', 'originating', { hs: '8708.30' }),
    line('PISTON', '15.00', 'non-originating', { hs: '8708.30', country: 'CN' }),
    line('SEALS', '12.00', 'unknown', { hs: '4016.93', plant: 'P1' }),
    line('BOLTS', '5.00', 'unknown', { hs: '7318.15', plant: 'P2' }),
    line('CLIP', '3.00', 'unknown', { hs: '7326.90', plant: 'P2' }),
    line('GASKET', '4.00', 'unknown', { hs: '4016.93' }),
  ];
  return doc;
}

/**
 * The SUV of suvShortOnLvc with no high-wage plant left to move lines to, its assembly plant paying 250 MXN an
 * hour (under the rate of 294.22) and the net-cost LVC formula elected: no change advice may propose saves it.
 */
export function suvWithLowWageAssembly(): Obj {
  const doc = suvShortOnLvc();
  const producer = doc.producer as { plants: Obj[] };
  producer.plants = producer.plants
    .filter((p) => p.id !== 'HIGH')
    .map((p) =>
      p.id === 'ASM'
        ? { ...p, wages: { period: { start: '2025-01-01', end: '2025-12-31' }, averageBaseHourlyWage: '250.00' } }
        : p,
    );
  (doc.materials as Obj[])[1] = { ...(doc.materials as Obj[])[1], plant: 'LOW' };
  doc.elections = { lvcFormula: 'net-cost' };
  return doc;
}

/**
 * The part of partShortBy850 (8.50 USD short of 70 %) with two ways out: PISTON (26.50, non-originating) quoted at
 * 31.00 from an originating supplier, one change that adds 4.50 to the total cost (VNM 12.00 on 104.50: 88.516746 %);
 * or certifications for SEAL1 and SEAL2 (6.00 each, unknown origin), two changes that add nothing (VNM 26.50:
 * 73.5 %). The fewest changes and the least added cost disagree.
 */
export function partWithQuoteOrTwoCertificates(): Obj {
  const doc = partShortBy850();
  doc.materials = [
    line('HOUSING', '40.00', 'originating', { hs: '8708.30' }),
    line('PISTON', '26.50', 'non-originating', {
      hs: '8708.30',
      country: 'CN',
      alternatives: [{ supplier: 'Pistones del Norte', unitValue: '31.00', origin: 'originating', country: 'MX' }],
    }),
    line('SEAL1', '6.00', 'unknown', { hs: '4016.93' }),
    line('SEAL2', '6.00', 'unknown', { hs: '4016.93' }),
  ];
  return doc;
}

/**
 * A sedan (the passing producer, net cost 10,000.00 USD) whose transmission is on the bill of materials but not marked
 * corePart: TRANS (8708.40, a Table A.2 subheading of transmissions), 1,500.00, originating. Every other group is
 * accounted for (the engine declared originating, the rest declared absent), so the core parts requirement fails
 * only for transmissions (CORE_PART_GROUP_UNACCOUNTED). Marking TRANS accounts for it: declared originating, it
 * passes. SEATS (9401.20) is not a candidate.
 */
export function sedanWithUnmarkedTransmission(): Obj {
  return claim({
    producer: passingProducer(),
    good: {
      kind: 'vehicle',
      description: 'test sedan',
      hs: '8703.23',
      plant: 'ASM',
      absentCoreParts: ['body-and-chassis', 'axles', 'suspension-systems', 'steering-systems', 'advanced-batteries'],
    },
    materials: [
      declaredEngine(),
      line('TRANS', '1500.00', 'originating', { hs: '8708.40', description: 'six-speed automatic transmission' }),
      line('SEATS', '900.00', 'originating', { hs: '9401.20' }),
    ],
  });
}

/**
 * A combustion sedan whose claim accounts for every group but the advanced battery, and has no line of 8507 (nor
 * any other Table A.2 subheading of advanced-batteries): no line can be it, so only the producer's declaration
 * that the car has none accounts for it.
 */
export function sedanWithoutBatteryDeclared(): Obj {
  return claim({
    producer: passingProducer(),
    good: {
      kind: 'vehicle',
      description: 'test sedan',
      hs: '8703.23',
      plant: 'ASM',
      absentCoreParts: ['transmissions', 'body-and-chassis', 'axles', 'suspension-systems', 'steering-systems'],
    },
    materials: [declaredEngine(), line('SEATS', '900.00', 'originating', { hs: '9401.20' })],
  });
}

/**
 * The sedan of sedanWithUnmarkedTransmission, its transmission made by the producer with its figures: net cost
 * 1,000.00, GEARS (gears and gear blanks, a listed column-2 component, 8708.40) 600.00 of unknown origin, CASE
 * 400.00 originating. Marked, TRANS holds 600.00 of 1,000.00 non-originating by either VNM method: RVC 40 %, under
 * 75 %; the supplier's certification of GEARS makes it 100 %. Two changes, found together.
 */
export function sedanWithUnmarkedTransmissionShort(): Obj {
  const doc = sedanWithUnmarkedTransmission();
  (doc.materials as Obj[])[1] = {
    id: 'TRANS',
    description: 'six-speed automatic transmission',
    hs: '8708.40',
    quantity: '1',
    unitValue: '1500.00',
    netCost: '1000.00',
    origin: 'originating',
    selfProduced: true,
    materials: [
      line('GEARS', '600.00', 'unknown', { hs: '8708.40', coreComponent: 'gears-and-gear-blanks' }),
      line('CASE', '400.00', 'originating', { hs: '8708.40', coreComponent: 'transmission-cases' }),
    ],
  };
  return doc;
}
