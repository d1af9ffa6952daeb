/**
 * Scenario tests written as data: every test/scenarios/*.yaml file is a list of small claims, each with the
 * figures the law gives (computed by hand, written as exact decimal strings) and the article it exercises.
 * Each claim goes through the public path a user's file takes: the claim document is read, validated and
 * evaluated, and the decision's figures are compared with the expectation. See scenario-format.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { evaluate, InputError, loadClaimDocument, parseText, type Decision, type Limb } from '../../src/index.js';
import { mergeClaim, scenarioFileSchema, type Expectation, type ScenarioFile } from './scenario-format.js';

const DIR = import.meta.dirname;
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function readScenarioFile(name: string): ScenarioFile {
  let data: unknown;
  try {
    data = parse(readFileSync(join(DIR, name), 'utf8'));
  } catch (err) {
    throw new Error(`${name}: ${(err as Error).message}`);
  }
  const parsed = scenarioFileSchema.safeParse(data);
  if (!parsed.success) throw new Error(`${name}: ${JSON.stringify(parsed.error.issues, null, 1)}`);
  return parsed.data;
}

async function decide(name: string, index: number, claim: unknown): Promise<Decision | InputError> {
  const doc = parseText(`${name.replace(/\.yaml$/, '')}-${index + 1}.yaml`, stringify(claim));
  try {
    const loaded = loadClaimDocument(doc, () => {
      throw new Error('scenarios give the producer inline');
    });
    return await evaluate(loaded);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
}

function findLimb(limbs: readonly Limb[], id: string): Limb | undefined {
  for (const l of limbs) {
    if (l.id === id) return l;
    const inner = findLimb(l.limbs ?? [], id);
    if (inner) return inner;
  }
  return undefined;
}

function check(d: Decision, e: Expectation): void {
  if (e.verdict !== undefined) expect(d.verdict, 'verdict').toBe(e.verdict);
  if (e.originCriterion !== undefined) expect(d.originCriterion, 'originCriterion').toBe(e.originCriterion);
  if (e.vehicleClass !== undefined) expect(d.classification.vehicleClass, 'vehicle class').toBe(e.vehicleClass);
  for (const [id, want] of Object.entries(e.requirements ?? {})) {
    const r = d.requirements.find((x) => x.id === id);
    expect(r, `requirement ${id}`).toBeDefined();
    expect(r, `requirement ${id}`).toMatchObject(want);
  }
  for (const [id, want] of Object.entries(e.limbs ?? {})) {
    const l = findLimb(d.requirements, id);
    expect(l, `limb ${id}`).toBeDefined();
    expect(l, `limb ${id}`).toMatchObject(want);
  }
  for (const id of e.absentLimbs ?? [])
    expect(findLimb(d.requirements, id), `limb ${id} must be absent`).toBeUndefined();
  if (e.netCost !== undefined) expect(d.netCost.netCost, 'net cost').toBe(e.netCost);
  if (e.vnm !== undefined) expect(d.bom.valueOfNonOriginatingMaterials, 'VNM').toBe(e.vnm);
  if (e.counted !== undefined) {
    matchEvery(
      'counted VNM lines',
      d.bom.counted,
      e.counted,
      (c, want) => c.material === want.material,
      (c, want) => {
        expect(c.value, `${c.material}: value counted`).toBe(want.value);
        if (want.reason !== undefined) expect(c.reason, `${c.material}: reason`).toBe(want.reason);
      },
    );
  }
  if (e.evidenceGaps !== undefined) {
    matchEvery(
      'evidence gaps',
      d.evidenceGaps,
      e.evidenceGaps,
      (g, want) => g.code === want.code && (want.subject === undefined || g.subject === want.subject),
      (g, want) => {
        if (want.valueAtStake !== undefined)
          expect(g.valueAtStake, `${g.code} ${g.subject}: value at stake`).toBe(want.valueAtStake);
        if (want.says !== undefined) expect(g.message, `${g.code} ${g.subject}: message`).toContain(want.says);
      },
    );
  }
  const codes = d.warnings.map((w) => w.code);
  for (const c of e.warnings ?? []) expect(codes, `warning ${c}`).toContain(c);
  for (const c of e.absentWarnings ?? []) expect(codes, `warning ${c} must be absent`).not.toContain(c);
  for (const [key, want] of Object.entries(e.intermediateMaterials ?? {})) {
    const im = (d.bom.intermediateMaterials as Array<{ material: string }>).find((x) => x.material === key);
    expect(im, `intermediate material ${key}`).toMatchObject(want);
  }
  const lvc = d.requirements.find((r) => r.id === 'lvc')?.details as
    { plants?: Array<{ plant: string }>; highWageMaterials?: Array<{ material: string; value: string }> } | undefined;
  for (const [plant, want] of Object.entries(e.plants ?? {})) {
    expect(
      lvc?.plants?.find((p) => p.plant === plant),
      `plant ${plant}`,
    ).toMatchObject(want);
  }
  if (e.highWageMaterials !== undefined) {
    const actual = Object.fromEntries((lvc?.highWageMaterials ?? []).map((m) => [m.material, m.value]));
    expect(actual, 'high-wage materials').toEqual(e.highWageMaterials);
  }
  for (const [metal, want] of Object.entries(e.purchases ?? {})) {
    const details = d.requirements.find((r) => r.id === metal)?.details as
      { purchases?: Array<{ id: string; value: string; originating: boolean }> } | undefined;
    const actual = Object.fromEntries(
      (details?.purchases ?? []).map((p) => [p.id, { value: p.value, originating: p.originating }]),
    );
    expect(actual, `${metal} purchases`).toEqual(want);
  }
  if (e.alternative !== undefined) expect(d.interpretation.alternative, 'other reading').toMatchObject(e.alternative);
  if (e.interpretation !== undefined) expect(d.interpretation, 'interpretation').toMatchObject(e.interpretation);
}

/** Pairs every expected entry with one actual entry; none may be missing, none left over. */
function matchEvery<A, W>(
  what: string,
  actual: readonly A[],
  wanted: readonly W[],
  same: (a: A, w: W) => boolean,
  compare: (a: A, w: W) => void,
): void {
  const left = [...actual];
  const missing: W[] = [];
  for (const w of wanted) {
    const i = left.findIndex((a) => same(a, w));
    if (i < 0) missing.push(w);
    else compare(left.splice(i, 1)[0] as A, w);
  }
  expect({ missing, unexpected: left }, what).toEqual({ missing: [], unexpected: [] });
}

function sortByKey<T>(list: readonly T[], key: keyof T): T[] {
  return [...list].sort((a, b) => (String(a[key]) < String(b[key]) ? -1 : String(a[key]) > String(b[key]) ? 1 : 0));
}

describe('scenario files', () => {
  it('exist', () => expect(files.length).toBeGreaterThan(0));
});

for (const name of files) {
  let file: ScenarioFile;
  try {
    file = readScenarioFile(name);
  } catch (err) {
    it(`${name} is a valid scenario file`, () => {
      throw err;
    });
    continue;
  }
  describe(`${name}: ${file.title} (${file.article})`, () => {
    file.scenarios.forEach((s, i) => {
      const test = s.knownFailure === undefined ? it : it.fails;
      test(`${s.name} [${s.article}]${s.knownFailure === undefined ? '' : ` (known failure: ${s.knownFailure})`}`, async () => {
        const claim = mergeClaim({ format: 'usmca-roo/claim@1', id: 'SCENARIO', ...file.base }, s.claim);
        const outcome = await decide(name, i, claim);
        if (s.expect.inputProblems !== undefined) {
          expect(outcome, 'the claim is refused as input').toBeInstanceOf(InputError);
          const problems = (outcome as InputError).problems.map((p) => ({ code: p.code, path: p.path }));
          expect(sortByKey(problems, 'path')).toEqual(sortByKey(s.expect.inputProblems, 'path'));
          return;
        }
        if (outcome instanceof InputError) throw new Error(`input refused: ${outcome.message}`);
        check(outcome, s.expect);
      });
    });
  });
}
