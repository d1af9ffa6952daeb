/**
 * The notice due when a decision on estimates falls at the year-end reconciliation (rule
 * usmca.general.year_end_reconciliation, 19 CFR 182.102(b)): 30 calendar days from the determination, for a
 * covered vehicle (passenger vehicle, light truck, heavy truck), from 2025-03-18 (CBP Dec. 24-18 in force).
 */
import { describe, expect, it } from 'vitest';
import { noticeFor } from '../../src/reconcile/notice.js';
import { loadRulePack } from '../../src/rules/load.js';
import type { StoredCertificate } from '../../src/store/certificates.js';
import type { Decision } from '../../src/verdict/decision.js';

const pack = loadRulePack();
const decision = (kind: string, vehicleClass?: string) =>
  ({ claim: { good: { kind } }, classification: vehicleClass ? { vehicleClass } : {} }) as unknown as Decision;
const certificate: StoredCertificate = {
  seq: 7,
  recordSeqs: [1],
  signedOn: '2026-03-20',
  blanket: null,
  certifier: 'Laura Méndez',
  importer: 'Daniel Tremblay',
  exporter: null,
  recipients: [{ role: 'importer', name: 'Daniel Tremblay', email: 'd@example.com' }],
  intact: true,
};

describe('year-end reconciliation notice', () => {
  it('gives a covered vehicle 30 calendar days from the determination, for CBP and every certificate holder', () => {
    const n = noticeFor(pack, '2027-01-20', decision('vehicle', 'passenger-vehicle'), [certificate]);
    expect(n).toMatchObject({ covered: true, due: '2027-02-19', notifyCustoms: true });
    expect(n.recipients).toEqual([
      { certificate: 7, role: 'importer', name: 'Daniel Tremblay', email: 'd@example.com' },
    ]);
    // Across a month end (2027 is not a leap year): January 31 + 30 days = March 2.
    expect(noticeFor(pack, '2027-01-31', decision('vehicle', 'heavy-truck'), []).due).toBe('2027-03-02');
    expect(noticeFor(pack, '2028-01-31', decision('vehicle', 'light-truck'), []).due).toBe('2028-03-01');
  });

  it('applies from the day the rule took effect (2025-03-18), not the day before', () => {
    expect(noticeFor(pack, '2025-03-18', decision('vehicle', 'passenger-vehicle'), []).due).toBe('2025-04-17');
    const before = noticeFor(pack, '2025-03-17', decision('vehicle', 'passenger-vehicle'), [certificate]);
    expect(before).toMatchObject({ covered: false, due: null, notifyCustoms: false });
    expect(before.basis[0]).toContain('in force on 2025-03-17');
    // The Uniform Regulations' duty to inform stands, and the certificate holders are still listed.
    expect(before.basis[1]).toMatch(/s\. 16\(9\), s\. 17\(11\).*immediately/);
    expect(before.recipients).toHaveLength(1);
  });

  it('sets no period for a good that is not a covered vehicle', () => {
    const other = noticeFor(pack, '2027-01-20', decision('vehicle', 'other-vehicle'), []);
    expect(other).toMatchObject({ covered: false, due: null, notifyCustoms: false });
    expect(other.basis[0]).toContain('this good is of the class other-vehicle');
    const part = noticeFor(pack, '2027-01-20', decision('part'), [certificate]);
    expect(part).toMatchObject({ covered: false, due: null });
    expect(part.basis[1]).toMatch(/s\. 7\(20\).*certificates no longer hold/);
    expect(part.recipients).toHaveLength(1);
  });
});
