/**
 * Each example carries a few key figures worked out by hand from its claim (examples/<name>/key-figures.yaml, the
 * arithmetic in its comments): the verdict, net cost, VNM and the requirements' values. They are checked here
 * against the engine's own decision, independently of the byte-for-byte expected decision, so that regenerating
 * the expectations after a change cannot slip a wrong figure through unnoticed. A claim without key figures fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { evaluate, loadClaimFile, type Decision, type Limb } from '../../src/index.js';
// @ts-expect-error: a plain ES module shared with the update script
import { exampleClaims, EXAMPLES } from '../../scripts/examples.mjs';

const figures = z
  .object({
    verdict: z.enum(['originating', 'not-originating']),
    netCost: z.string(),
    vnm: z.string(),
    requirements: z.record(z.string(), z.string()),
    limbs: z.record(z.string(), z.string()).optional(),
    intermediateMaterials: z.record(z.string(), z.string()).optional(),
    alternative: z
      .object({ rvc: z.string(), verdict: z.enum(['originating', 'not-originating']) })
      .strict()
      .optional(),
  })
  .strict();
const file = z.record(z.string().regex(/^claim.*\.(ya?ml|json)$/), figures);

function findLimb(limbs: readonly Limb[], id: string): Limb | undefined {
  for (const l of limbs) {
    if (l.id === id) return l;
    const inner = findLimb(l.limbs ?? [], id);
    if (inner) return inner;
  }
  return undefined;
}

const claims = exampleClaims() as Array<[string, string]>;

describe('examples: hand-worked key figures', () => {
  it('every example folder has its key figures, for every claim in it and no other', () => {
    const folders = [...new Set(claims.map(([c]) => dirname(c)))];
    for (const folder of folders) {
      const kf = join(folder, 'key-figures.yaml');
      expect(existsSync(kf), `${kf} is missing`).toBe(true);
      const listed = Object.keys(file.parse(parse(readFileSync(kf, 'utf8')))).sort();
      const present = claims
        .filter(([c]) => dirname(c) === folder)
        .map(([c]) => basename(c))
        .sort();
      expect(listed, kf).toEqual(present);
    }
  });

  for (const [claim] of claims) {
    const name = claim.slice(EXAMPLES.length + 1);
    it(`${name}: the engine's figures are the hand-worked ones`, async () => {
      const kf = join(dirname(claim), 'key-figures.yaml');
      const want = file.parse(parse(readFileSync(kf, 'utf8')))[basename(claim)];
      expect(want, `${kf} has no entry for ${basename(claim)}`).toBeDefined();
      const d: Decision = await evaluate(loadClaimFile(claim));
      const f = want!;
      expect(d.verdict, 'verdict').toBe(f.verdict);
      expect(d.netCost.netCost, 'net cost').toBe(f.netCost);
      expect(d.bom.valueOfNonOriginatingMaterials, 'VNM').toBe(f.vnm);
      for (const [id, value] of Object.entries(f.requirements)) {
        expect(d.requirements.find((r) => r.id === id)?.value, `requirement ${id}`).toBe(value);
      }
      for (const [id, value] of Object.entries(f.limbs ?? {})) {
        expect(findLimb(d.requirements, id)?.value, `limb ${id}`).toBe(value);
      }
      for (const [key, rvc] of Object.entries(f.intermediateMaterials ?? {})) {
        const found = (d.bom.intermediateMaterials as Array<{ material: string; rvc?: string }>).find(
          (m) => m.material === key,
        );
        expect(found?.rvc, `intermediate ${key}`).toBe(rvc);
      }
      if (f.alternative) expect(d.interpretation.alternative, 'other reading').toMatchObject(f.alternative);
    });
  }
});
