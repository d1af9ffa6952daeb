/**
 * Whom to notify when a decision made on estimates falls at the year-end reconciliation, and by when. Under
 * usmca.general.year_end_reconciliation (19 CFR 182.102(b)): for a covered vehicle (its classes), within the
 * rule's days of the determination, CBP in writing, and everyone given a certificate of origin for the vehicle.
 * The Uniform Regulations ask a vehicle's producer to inform them "immediately" (s. 16(9), s. 17(11)); for other
 * goods (s. 7(20)) no notice is written, and the certificates are still listed, since they no longer hold.
 */
import { addDays } from '../num/dates.js';
import type { RulePack } from '../rules/pack.js';
import type { StoredCertificate } from '../store/certificates.js';
import type { Decision } from '../verdict/decision.js';

/** A person to inform: who was given a certificate of origin that no longer holds. */
export interface Recipient {
  certificate: number;
  role: 'importer' | 'exporter';
  name: string;
  email?: string;
  phone?: string;
}

export interface Notice {
  /** Whether the rule's period applies: a covered vehicle, determined on or after the rule took effect. */
  covered: boolean;
  /** The last day to notify (YYYY-MM-DD), where the rule gives a period. */
  due: string | null;
  /** Whether customs must be notified in writing that the good is non-originating. */
  notifyCustoms: boolean;
  /** Everyone given a certificate issued from the reconciled decisions. */
  recipients: Recipient[];
  /** The provisions, and why no period applies where none does. */
  basis: string[];
}

/** The notice due for a decision that falls, determined on `determinedOn`. */
export function noticeFor(
  pack: RulePack,
  determinedOn: string,
  after: Decision,
  certificates: readonly StoredCertificate[],
): Notice {
  const recipients = certificates.flatMap((c) => c.recipients.map((r) => ({ certificate: c.seq, ...r })));
  const vehicleClass = (after.classification as { vehicleClass?: string }).vehicleClass;
  const isVehicle = (after.claim.good as { kind?: string }).kind === 'vehicle';
  const basis: string[] = [];
  const rule = pack.optional('usmca.general.year_end_reconciliation', determinedOn);
  const covered =
    rule !== undefined && vehicleClass !== undefined && rule.value.classes.includes(vehicleClass as never);
  if (rule && covered) {
    basis.push(
      `${rule.citation}: within ${rule.value.notifyWithinDays} days of the determination (${determinedOn}), notify CBP in writing that the vehicle is non-originating and inform everyone given a certificate of origin for it`,
    );
  } else if (!rule) {
    basis.push(
      `no notice period of ${pack.citation('usmca.general.year_end_reconciliation')} is in force on ${determinedOn}`,
    );
  } else {
    basis.push(
      `${rule.citation} applies to covered vehicles (${rule.value.classes.join(', ')}); this good is ${vehicleClass ? `of the class ${vehicleClass}` : 'not a vehicle'}`,
    );
  }
  if (isVehicle)
    basis.push(
      `${pack.cite('UR', 's. 16(9), s. 17(11)')}: inform immediately anyone given a certificate of origin or a written statement that the vehicle is originating`,
    );
  else
    basis.push(
      `${pack.cite('UR', 's. 7(20)')}: the year-end analysis of actual costs; no notice is written, but the certificates no longer hold`,
    );
  return {
    covered,
    due: rule && covered ? addDays(determinedOn, Number(rule.value.notifyWithinDays)) : null,
    notifyCustoms: covered && rule!.value.notifyCustoms,
    recipients,
    basis,
  };
}
