/**
 * The import graph of src/: every relative import and re-export of every module (static, dynamic and
 * type-only), read from the source text. The project's files are formatted by Prettier, so an import is
 * always written `import ... from '...'`, `export ... from '...'`, `import '...'` or `import('...')`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface ImportEdge {
  /** Importing module, relative to src/ with forward slashes: `requirements/rvc.ts`. */
  from: string;
  /** Imported module, likewise. */
  to: string;
  /** `import type` / `export type`: erased at run time, still a dependency of the design. */
  typeOnly: boolean;
  /** `export ... from`: the importer passes the module's names on as its own. */
  reExport: boolean;
}

const STATEMENT = /(?:^|\n)[ \t]*(import|export)(\s+type)?\s+(?:[\w*{}\s,$]+?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/g;
const DYNAMIC = /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
const NAMED_IMPORT = /(?:^|\n)import(\s+type)?\s+\{([^}]*)\}\s*from\s*['"](\.{1,2}\/[^'"]+)['"]/g;
const LOCAL_EXPORT = /(?:^|\n)export(\s+type)?\s+\{([^}]*)\}\s*;/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every relative import in the .ts files under `srcDir`. */
export function importGraph(srcDir: string): ImportEdge[] {
  const root = resolve(srcDir);
  const name = (file: string) => relative(root, file).split(sep).join('/');
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    const target = (spec: string) => name(resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
    for (const m of text.matchAll(STATEMENT)) {
      edges.push({
        from: name(file),
        to: target(m[3] as string),
        typeOnly: m[2] !== undefined,
        reExport: m[1] === 'export',
      });
    }
    for (const m of text.matchAll(DYNAMIC))
      edges.push({ from: name(file), to: target(m[1] as string), typeOnly: false, reExport: false });
    // `import { X } from './a.js'; ... export { X };` passes X on just as `export { X } from './a.js'` does.
    const importedFrom = new Map<string, { spec: string; typeOnly: boolean }>();
    for (const m of text.matchAll(NAMED_IMPORT))
      for (const part of (m[2] as string).split(',')) {
        const local = part
          .replace(/\btype\s+/, '')
          .split(/\s+as\s+/)
          .pop()
          ?.trim();
        const typeOnly = m[1] !== undefined || /^\s*type\s/.test(part);
        if (local) importedFrom.set(local, { spec: m[3] as string, typeOnly });
      }
    for (const m of text.matchAll(LOCAL_EXPORT))
      for (const part of (m[2] as string).split(',')) {
        const local = part
          .replace(/\btype\s+/, '')
          .split(/\s+as\s+/)[0]
          ?.trim();
        const imported = local ? importedFrom.get(local) : undefined;
        if (imported)
          edges.push({
            from: name(file),
            to: target(imported.spec),
            typeOnly: imported.typeOnly || m[1] !== undefined || /^\s*type\s/.test(part),
            reExport: true,
          });
      }
  }
  return edges;
}

/** The top-level folder of a module (`requirements/rvc.ts` -> `requirements`); a file directly in src/ is its own. */
export function folderOf(module: string): string {
  const parts = module.split('/');
  return parts.length > 1 ? (parts[0] as string) : (parts[0] as string).replace(/\.ts$/, '');
}

/** The cycles of a directed graph (its strongly connected components of more than one node), each sorted. */
export function cycles(edges: ReadonlyArray<readonly [string, string]>): string[][] {
  const next = new Map<string, string[]>();
  for (const [a, b] of edges) {
    if (a === b) continue;
    next.set(a, [...(next.get(a) ?? []), b]);
  }
  const nodes = [...new Set(edges.flat())].sort();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return found.sort((a, b) => (a.join() < b.join() ? -1 : 1));
}
