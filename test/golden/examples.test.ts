/**
 * The examples are the project's contract with its users: each claim's decision must be byte-identical to
 * its checked-in expectation, across runs; each must replay identically from a record; each originating one
 * must certify in all four formats and validate against its record; each failing one must be refused.
 * The comparison leaves out the engine version and the rule pack's version and hash, which are checked on their
 * own against the running engine and pack: a change of rules that changes no figure does not force rewriting
 * every expectation. A missing expectation fails; it is never written by a test run.
 * (After a deliberate change, `npm run build && node scripts/examples.mjs --update` rewrites the expectations;
 * review the diff. The key figures in each example's key-figures.yaml are checked by key-figures.test.ts.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prettyJson } from '../../src/canonical/json.js';
import { makeRecord } from '../../src/audit/record.js';
import { replay } from '../../src/audit/replay.js';
import { buildCertificate } from '../../src/certificate/build.js';
import { checkCertificate } from '../../src/certificate/check.js';
import { matchRecords } from '../../src/certificate/match.js';
import { CertificateRefused } from '../../src/certificate/model.js';
import { renderCertificate } from '../../src/certificate/render.js';
import { evaluate } from '../../src/evaluate.js';
import { partySchema } from '../../src/input/documents.js';
import { loadClaimFile } from '../../src/input/load-claim.js';
import { readDocument } from '../../src/documents/read.js';
import { loadRulePack, rulePackFromContent } from '../../src/rules/load.js';
import { ENGINE } from '../../src/version.js';
// @ts-expect-error: a plain ES module shared with the update script
import { exampleClaims, EXAMPLES } from '../../scripts/examples.mjs';

const claims = exampleClaims() as Array<[string, string]>;
const party = (f: string) => partySchema.parse(readDocument(join(EXAMPLES, 'parties', f)).data);

/** The decision as pretty JSON without its version stamps (engine version, rule pack version and hash). */
function withoutStamps(json: string): string {
  const d = JSON.parse(json);
  delete d.engine.version;
  delete d.rules.version;
  delete d.rules.sha256;
  return JSON.stringify(d, null, 2);
}

/** What each example is for (see examples/README.md). */
const VERDICTS: Record<string, string> = {
  'aurora-sedan/claim.yaml': 'originating',
  'borealis-hatchback/claim.yaml': 'not-originating',
  'brake-module-part/claim.yaml': 'originating',
  'cascade-crossover/claim.yaml': 'not-originating',
  'meltpour-sedan-2027/claim-2027-06-30.yaml': 'originating',
  'meltpour-sedan-2027/claim-2027-q3.yaml': 'not-originating',
  'meltpour-sedan-2027/claim.yaml': 'originating',
  'rollup-coupe/claim-rvc-only.yaml': 'not-originating',
  'rollup-coupe/claim.yaml': 'originating',
  'sierra-pickup/claim.yaml': 'originating',
  'sonora-suv/claim-limited.yaml': 'originating',
  'sonora-suv/claim.yaml': 'originating',
  'titan-class8/claim.yaml': 'originating',
  'volta-ev/claim.yaml': 'originating',
};

describe('examples', () => {
  it('are all listed', () => {
    expect(claims.map(([c]) => c.slice(EXAMPLES.length + 1)).sort()).toEqual(Object.keys(VERDICTS).sort());
  });

  for (const [claim, expected] of claims) {
    const name = claim.slice(EXAMPLES.length + 1);
    it(`${name}: decision matches its expectation byte for byte, twice`, async () => {
      expect(
        existsSync(expected),
        `${expected} is missing: write it with scripts/examples.mjs --update and review it`,
      ).toBe(true);
      const a = prettyJson(await evaluate(loadClaimFile(claim)));
      const b = prettyJson(await evaluate(loadClaimFile(claim)));
      expect(b).toBe(a);
      expect(withoutStamps(a)).toBe(withoutStamps(readFileSync(expected, 'utf8')));
      expect(JSON.parse(a).verdict).toBe(VERDICTS[name]);
      // The stamps, on their own: the running engine and rule pack; the expectation's stamps are well formed.
      const pack = loadRulePack();
      expect(JSON.parse(a)).toMatchObject({
        engine: { ...ENGINE },
        rules: { id: pack.id, version: pack.version, sha256: pack.sha256 },
      });
      expect(JSON.parse(readFileSync(expected, 'utf8'))).toMatchObject({
        engine: { name: ENGINE.name, version: expect.stringMatching(/^\d+\.\d+\.\d+$/) },
        rules: {
          id: pack.id,
          version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
      });
    });

    it(`${name}: replays identically and certifies only if originating`, async () => {
      const loaded = loadClaimFile(claim);
      const pack = loadRulePack();
      const decision = await evaluate(loaded, { pack });
      const record = JSON.parse(
        prettyJson(makeRecord(loaded, pack, decision, { recordedAt: '2026-11-22T00:00:00.000Z', host: 'ci' })),
      );
      expect((await replay(record)).status).toBe('identical');
      const options = {
        certifier: party('certifier-aurora.yaml'),
        exporter: 'same' as const,
        importer: party('importer-maple.yaml'),
        signedOn: decision.claim.decisionDate,
      };
      const recorded = rulePackFromContent(record.hashed.rulePack);
      const inputs = [{ record, pack: recorded }];
      if (decision.verdict !== 'originating') {
        expect(() => buildCertificate(inputs, options)).toThrow(CertificateRefused);
        return;
      }
      const built = buildCertificate(inputs, options);
      expect(built.problems).toEqual([]);
      const cert = built.certificate!;
      for (const format of ['json', 'md', 'html', 'pdf'] as const) {
        const out = await renderCertificate(cert, format);
        expect(out.length).toBeGreaterThan(500);
      }
      const json = JSON.parse((await renderCertificate(cert, 'json')) as string);
      expect([...checkCertificate(json, recorded), ...matchRecords(json, inputs)]).toEqual([]);
    });
  }
});

describe('the other core-part reading', () => {
  for (const [claim] of claims) {
    it(`${claim.slice(EXAMPLES.length + 1)}: the alternative reported equals a full evaluation under that reading`, async () => {
      const loaded = loadClaimFile(claim);
      const d = await evaluate(loaded);
      const alt = d.interpretation.alternative as
        | { coreRollUp: 'full' | 'rvc-only'; rvc: string; valueOfNonOriginatingMaterials: string; verdict: string }
        | undefined;
      if (!alt) {
        expect(d.interpretation.coreRollUp).toBe('not-applicable');
        return;
      }
      loaded.claim.interpretation = { ...loaded.claim.interpretation, coreRollUp: alt.coreRollUp };
      const other = await evaluate(loaded);
      expect(other.bom.valueOfNonOriginatingMaterials).toBe(alt.valueOfNonOriginatingMaterials);
      expect(other.requirements.find((r) => r.id === 'rvc')?.value).toBe(alt.rvc);
      expect(other.verdict).toBe(alt.verdict);
    });
  }
});
