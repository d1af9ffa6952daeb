/** A recorded, originating decision and party documents, shared by the audit and certificate tests. */
import { stringify } from 'yaml';
import { makeRecord, type DecisionRecord } from '../../src/audit/record.js';
import { evaluate } from '../../src/evaluate.js';
import type { PartyInput } from '../../src/input/documents.js';
import { loadRulePack } from '../../src/rules/load.js';
import { claim, declaredEngine, line, load, passingProducer, type Obj } from '../helpers.js';

export const ENVELOPE = { recordedAt: '2026-03-16T10:00:00.000Z', host: 'test-host' };

export async function recordFor(doc: Obj): Promise<DecisionRecord> {
  const loaded = load(doc);
  const pack = loadRulePack();
  return makeRecord(loaded, pack, await evaluate(loaded, { pack }), ENVELOPE);
}

export const originatingClaim = (): Obj =>
  claim({
    id: 'CERT-TEST-1',
    producer: passingProducer({
      name: 'Aurora Motors de Mexico',
      address: {
        street: 'Blvd. Industrial 1200',
        city: 'Hermosillo',
        region: 'Sonora',
        postalCode: '83299',
        country: 'MX',
      },
      email: 'trade@aurora.example',
      phone: '+52 662 555 0100',
    }),
    good: { kind: 'vehicle', description: 'Aurora compact sedan', hs: '8703.23', plant: 'ASM', modelLine: 'Aurora' },
    materials: [declaredEngine(), line('SEATS', '900.00', 'non-originating', { hs: '9401.20' })],
  });

export const certifier: PartyInput = {
  format: 'usmca-roo/party@1',
  role: 'producer',
  name: 'Laura Mendez',
  title: 'Trade Compliance Director',
  company: 'Aurora Motors de Mexico',
  address: {
    street: 'Blvd. Industrial 1200',
    city: 'Hermosillo',
    region: 'Sonora',
    postalCode: '83299',
    country: 'MX',
  },
  email: 'l.mendez@aurora.example',
  phone: '+52 662 555 0100',
};

export const importer: PartyInput = {
  format: 'usmca-roo/party@1',
  name: 'Great Lakes Auto Imports LLC',
  address: { street: '400 Renaissance Center', city: 'Detroit', region: 'MI', postalCode: '48243', country: 'US' },
  email: 'customs@glai.example',
  phone: '+1 313 555 0199',
};

export const yamlOf = (o: unknown) => stringify(o);
