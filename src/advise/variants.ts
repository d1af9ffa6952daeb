/**
 * The elections advice searches under: the claim's own, and each further election that could help (the other LVC
 * formula of s. 18(6) when the LVC falls short; the transaction value method for a part whose RVC falls short and
 * whose claim gives a transaction value, s. 7(6)); and what advice says once about readings it does not change.
 */
import type { LoadedClaim } from '../input/load-claim.js';
import { Dec, ZERO } from '../num/decimal.js';
import type { Decision } from '../verdict/decision.js';
import { noEffects, type Change } from './change.js';
import { shortRequirements } from './prove.js';

export interface Variant {
  name: string;
  forced: Change[];
}

/** The claim's own elections, and each further election that could help (see the file comment). */
export function variantsOf(loaded: LoadedClaim, base: Decision, minMargin: Dec): Variant[] {
  const out: Variant[] = [{ name: 'as claimed', forced: [] }];
  const claim = loaded.claim;
  const short = shortRequirements(base, minMargin);
  const election = (field: string, value: string, description: string): Change => ({
    id: `election:${field}`,
    kind: 'election',
    subject: `elections.${field}`,
    description,
    asserts: 'no fact: an election the law offers the producer',
    addedCost: ZERO,
    priced: false,
    edits: [{ op: 'set', path: ['elections', field], value }],
    checks: [],
    effects: noEffects(),
  });
  if (short.has('lvc')) {
    const other = (claim.elections.lvcFormula ?? 'net-cost') === 'net-cost' ? 'annual-purchase-value' : 'net-cost';
    out.push({
      name: `lvcFormula: ${other}`,
      forced: [
        election(
          'lvcFormula',
          other,
          `elect the ${other === 'net-cost' ? 'net cost' : 'annual purchase value'} formula for the LVC (lvcFormula: ${other}; s. 18(6)(${other === 'net-cost' ? 'a' : 'b'}))`,
        ),
      ],
    });
  }
  if (
    short.has('rvc') &&
    claim.good.kind === 'part' &&
    claim.costs.transactionValue !== undefined &&
    (claim.elections.rvcMethod ?? 'net-cost') === 'net-cost'
  ) {
    out.push({
      name: 'rvcMethod: transaction-value',
      forced: [
        election(
          'rvcMethod',
          'transaction-value',
          "elect the transaction value method for the part's RVC, which its rule offers (rvcMethod: transaction-value; s. 7(2), (6))",
        ),
      ],
    });
  }
  return out;
}

/** Readings and elections advice cannot change, said once. */
export function notes(d: Decision): string[] {
  const out: string[] = [];
  const alt = (d.interpretation as { alternative?: { coreRollUp?: string; verdict?: string } }).alternative;
  if (alt?.coreRollUp)
    out.push(
      `the core-part roll-up is a reading of the law, not a change the producer can make: under "${alt.coreRollUp}" the verdict would be ${alt.verdict ?? '?'} (see the decision's interpretation)`,
    );
  out.push(
    'an averaging period (s. 16) is not proposed: the engine takes the figures of the period the claim states and computes none from another period',
  );
  return out;
}
