/**
 * The architecture, enforced: the folders of src/ in layers, each importing only from layers below it (data
 * flows one way: input and rules -> legal tests -> verdict -> audit and rendering -> command line); no cycle
 * between folders, none between modules at run time; no module passes on another folder's names as its own.
 * The layers are documented in README.md (Development).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, folderOf, importGraph, type ImportEdge } from './import-graph.js';

/** Lowest first. A folder imports from its own folder and from folders of lower layers, never sideways or up. */
export const LAYERS: ReadonlyArray<readonly string[]> = [
  // Leaves: exact numbers, trace nodes, canonical JSON and hashing, reading YAML/JSON text, the package's place.
  ['num', 'explain', 'canonical', 'documents', 'paths'],
  ['version'],
  // The claim and the law are read side by side: neither knows the other.
  ['input', 'rules'],
  ['conditions', 'tariffs', 'evidence', 'procedures'],
  // One module per legal test: pure functions of the claim, the rule values and earlier results.
  ['requirements'],
  ['verdict'],
  // The pipeline.
  ['evaluate'],
  ['audit', 'render'],
  ['batch', 'certificate', 'content', 'advise'],
  // The decision store, and what runs over the decisions it keeps.
  ['store'],
  ['queue'],
  ['impact'],
  ['reconcile', 'filing'],
  // The library's public API.
  ['index'],
  // The HTTP server: calls the library through its public API only.
  ['server'],
  // The command line (serve starts the server).
  ['cli'],
];

const layerOf = new Map(LAYERS.flatMap((folders, i) => folders.map((f) => [f, i] as const)));

/** Imports that break the layering: sideways, upwards, or from a folder no layer names. */
export function violations(edges: readonly ImportEdge[]): string[] {
  const out = new Set<string>();
  for (const e of edges) {
    const a = folderOf(e.from);
    const b = folderOf(e.to);
    if (a === b) continue;
    const la = layerOf.get(a);
    const lb = layerOf.get(b);
    if (la === undefined) out.add(`${e.from}: folder "${a}" is in no layer (add it to LAYERS)`);
    else if (lb === undefined) out.add(`${e.from} imports ${e.to}: folder "${b}" is in no layer (add it to LAYERS)`);
    else if (lb >= la) out.add(`${e.from} imports ${e.to}: ${a} (layer ${la}) may not import ${b} (layer ${lb})`);
  }
  return [...out].sort();
}

/** Every problem with a graph: layering, folder cycles, run-time module cycles, re-exports across folders. */
export function architectureProblems(edges: readonly ImportEdge[]): string[] {
  const folderCycles = cycles(edges.map((e) => [folderOf(e.from), folderOf(e.to)] as const));
  const moduleCycles = cycles(edges.filter((e) => !e.typeOnly).map((e) => [e.from, e.to] as const));
  const reExports = edges.filter((e) => e.reExport && e.from !== 'index.ts' && folderOf(e.from) !== folderOf(e.to));
  return [
    ...violations(edges),
    ...folderCycles.map((c) => `folder cycle: ${c.join(' <-> ')}`),
    ...moduleCycles.map((c) => `module cycle: ${c.join(' <-> ')}`),
    ...reExports.map((e) => `${e.from} re-exports ${e.to}: import it from its owner`),
  ];
}

describe('architecture of src/', () => {
  const edges = importGraph(join(import.meta.dirname, '../../src'));

  it('reads the import graph (sanity: the pipeline imports the legal tests)', () => {
    expect(edges.length).toBeGreaterThan(200);
    expect(edges).toContainEqual(
      expect.objectContaining({ from: 'evaluate.ts', to: 'requirements/rvc.ts', typeOnly: false }),
    );
    expect(edges).toContainEqual(expect.objectContaining({ from: 'cli/evaluate-commands.ts', to: 'cli/evaluate.ts' })); // dynamic
  });

  it('every import goes down the layers, with no cycle and no re-export across folders', () => {
    expect(architectureProblems(edges)).toEqual([]);
  });

  it('every folder of src/ has a layer', () => {
    const folders = [...new Set(edges.flatMap((e) => [folderOf(e.from), folderOf(e.to)]))].sort();
    expect(folders.filter((f) => !layerOf.has(f))).toEqual([]);
  });
});

describe('the architecture check itself', () => {
  it('reads `import { X } ...; export { X };` as a re-export, like `export { X } from`', () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-graph-'));
    try {
      mkdirSync(join(dir, 'rules'));
      mkdirSync(join(dir, 'tariffs'));
      writeFileSync(join(dir, 'rules/load.ts'), 'export class RulePackError extends Error {}\n');
      writeFileSync(
        join(dir, 'tariffs/pack.ts'),
        "import { type Other, RulePackError as E } from '../rules/load.js';\nexport { E };\nexport type { Other };\n",
      );
      expect(importGraph(dir).filter((e) => e.reExport)).toEqual([
        { from: 'tariffs/pack.ts', to: 'rules/load.ts', typeOnly: false, reExport: true },
        { from: 'tariffs/pack.ts', to: 'rules/load.ts', typeOnly: true, reExport: true },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const edge = (from: string, to: string, extra: Partial<ImportEdge> = {}): ImportEdge => ({
    from,
    to,
    typeOnly: false,
    reExport: false,
    ...extra,
  });

  it('fails on a folder cycle, even one made of type-only imports', () => {
    const graph = [
      edge('input/load-claim.ts', 'canonical/json.ts'),
      edge('canonical/json.ts', 'input/model.ts', { typeOnly: true }),
    ];
    expect(architectureProblems(graph)).toEqual([
      'canonical/json.ts imports input/model.ts: canonical (layer 0) may not import input (layer 2)',
      'folder cycle: canonical <-> input',
    ]);
  });

  it('fails on an import upwards or sideways, on a run-time module cycle and on a re-export across folders', () => {
    expect(architectureProblems([edge('rules/load.ts', 'input/read.ts')])).toEqual([
      'rules/load.ts imports input/read.ts: rules (layer 2) may not import input (layer 2)',
    ]);
    expect(
      architectureProblems([
        edge('requirements/a.ts', 'requirements/b.ts'),
        edge('requirements/b.ts', 'requirements/a.ts'),
      ]),
    ).toEqual(['module cycle: requirements/a.ts <-> requirements/b.ts']);
    expect(
      architectureProblems([
        edge('requirements/a.ts', 'requirements/b.ts'),
        edge('requirements/b.ts', 'requirements/a.ts', { typeOnly: true }),
      ]),
    ).toEqual([]);
    expect(architectureProblems([edge('input/load-claim.ts', 'documents/read.ts', { reExport: true })])).toEqual([
      'input/load-claim.ts re-exports documents/read.ts: import it from its owner',
    ]);
    expect(architectureProblems([edge('ledger/db.ts', 'num/decimal.ts')])).toEqual([
      'ledger/db.ts: folder "ledger" is in no layer (add it to LAYERS)',
    ]);
  });
});
