/**
 * The public API as written: every name src/index.ts exports, traced to the declaration that makes it, and
 * whether a doc comment (`/** ... *\/`) stands right above that declaration, and above each member of an
 * exported interface or class. Read from the source text: the project's files are formatted by Prettier,
 * so a declaration always starts its line with `export` and a member its line within the body.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** One exported name and where it is declared. */
export interface PublicSymbol {
  /** The name as src/index.ts exports it. */
  name: string;
  /** The declaring module, relative to src/ with forward slashes; undefined if not found. */
  module: string | undefined;
  /** The declaration's kind: `function`, `class`, `interface`, `type`, `const`, `enum`. */
  kind: string | undefined;
  /** Whether a doc comment stands right above the declaration. */
  documented: boolean;
  /** Members (properties and methods) of an exported interface or class that have no doc comment. */
  undocumentedMembers: string[];
}

const EXPORT_FROM = /(?:^|\n)export\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every name a module passes on with `export { a, type B, c as d } from './x.js'`: exported name -> [original, module]. */
function reExports(file: string): Map<string, { original: string; file: string }> {
  const text = readFileSync(file, 'utf8');
  const out = new Map<string, { original: string; file: string }>();
  for (const m of text.matchAll(EXPORT_FROM)) {
    const target = resolve(dirname(file), (m[2] as string).replace(/\.js$/, '.ts'));
    for (const raw of (m[1] as string).split(',')) {
      const spec = raw.replace(/\btype\s+/, '').trim();
      if (!spec) continue;
      const [original, alias] = spec.split(/\s+as\s+/) as [string, string | undefined];
      out.set(alias ?? original, { original, file: target });
    }
  }
  return out;
}

/** The text before `index` with trailing whitespace removed ends a doc comment. */
function docCommentBefore(text: string, index: number): boolean {
  const before = text.slice(0, index).trimEnd();
  if (!before.endsWith('*/')) return false;
  const open = before.lastIndexOf('/*');
  return open >= 0 && before.startsWith('/**', open);
}

/** The body of the declaration starting at `from` (between its first `{` and the matching `}`). */
function bodyOf(text: string, from: number): { start: number; end: number } | undefined {
  const open = text.indexOf('{', from);
  if (open < 0) return undefined;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return { start: open + 1, end: i };
  }
  return undefined;
}

/** Members of an interface or class body, at its first level of nesting, without a doc comment right above. */
function undocumentedMembers(text: string, body: { start: number; end: number }, kind: string): string[] {
  const inner = text.slice(body.start, body.end);
  // The member lines are those indented by exactly the body's first indentation (Prettier: two spaces).
  const MEMBER =
    kind === 'class'
      ? /\n {2}(?!private\b|#|\/|\*|\}|\)|static \{)(?:(?:public|protected|static|readonly|abstract|override|async|get|set)\s+)*([A-Za-z_$][\w$]*)\??[(<:=;]/g
      : /\n {2}(?!\/|\*|\}|\))(?:readonly\s+)?([A-Za-z_$][\w$]*|'[^']+'|\[[^\]]+\])\??[(<:]/g;
  const out: string[] = [];
  for (const m of inner.matchAll(MEMBER)) {
    const name = m[1] as string;
    if (name === 'constructor') continue;
    if (!docCommentBefore(inner, m.index + 1)) out.push(name);
  }
  // A class's parameter properties (`constructor(readonly problems: ...)`) are public members too.
  const ctor = kind === 'class' ? /\n {2}constructor\(/.exec(inner) : null;
  if (ctor) {
    const params = inner.slice(ctor.index, inner.indexOf('\n  )', ctor.index) + 1 || inner.indexOf(')', ctor.index));
    const oneLine = /^\n {2}constructor\((?:public|readonly)\s/.test(params);
    const PARAM = /(?:\n {4}|constructor\()(?!private\b)((?:(?:public|protected|readonly)\s+)+)([A-Za-z_$][\w$]*)/g;
    for (const m of params.matchAll(PARAM)) {
      if (oneLine || !docCommentBefore(params, m.index + 1)) out.push(m[2] as string);
    }
  }
  return out;
}

/** Finds `name` declared (or passed on) by `file`, following re-exports. */
function declaration(name: string, file: string, srcDir: string, seen = new Set<string>()): Omit<PublicSymbol, 'name'> {
  const module = relative(srcDir, file).split(sep).join('/');
  if (seen.has(`${file}#${name}`) || !existsSync(file))
    return { module: undefined, kind: undefined, documented: false, undocumentedMembers: [] };
  seen.add(`${file}#${name}`);
  const text = readFileSync(file, 'utf8');
  const decl = new RegExp(
    `(?:^|\\n)export\\s+(?:declare\\s+)?(?:abstract\\s+)?(?:async\\s+)?(function\\*?|class|interface|type|const|let|enum)\\s+${name.replace(/\$/g, '\\$')}\\b`,
  ).exec(text);
  if (decl) {
    const at = decl.index + (decl[0].startsWith('\n') ? 1 : 0);
    const kind = (decl[1] as string).replace('*', '');
    const body = kind === 'interface' || kind === 'class' ? bodyOf(text, at) : undefined;
    return {
      module,
      kind,
      documented: docCommentBefore(text, at),
      undocumentedMembers: body ? undocumentedMembers(text, body, kind) : [],
    };
  }
  const passed = reExports(file).get(name);
  if (passed) return declaration(passed.original, passed.file, srcDir, seen);
  return { module: undefined, kind: undefined, documented: false, undocumentedMembers: [] };
}

/** Every name exported by `srcDir`/index.ts with its declaration and documentation, sorted by name. */
export function publicSymbols(srcDir: string): PublicSymbol[] {
  const root = resolve(srcDir);
  const index = join(root, 'index.ts');
  return [...reExports(index).keys()].sort().map((name) => ({ name, ...declaration(name, index, root) }));
}

/** `import { A, type B, C as D } from './x.js'` of a module: local name -> [original, module]. */
function imports(file: string): Map<string, { original: string; file: string }> {
  const text = readFileSync(file, 'utf8');
  const out = new Map<string, { original: string; file: string }>();
  for (const m of text.matchAll(/(?:^|\n)import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const target = resolve(dirname(file), (m[2] as string).replace(/\.js$/, '.ts'));
    for (const raw of (m[1] as string).split(',')) {
      const spec = raw.replace(/\btype\s+/, '').trim();
      if (!spec) continue;
      const [original, alias] = spec.split(/\s+as\s+/) as [string, string | undefined];
      out.set(alias ?? original, { original, file: target });
    }
  }
  return out;
}

/** The text of the declaration of `name` in `text` starting at `at`: a signature, or a type's whole body. */
function declarationText(text: string, at: number, kind: string): string {
  if (kind === 'interface' || kind === 'class') {
    const body = bodyOf(text, at);
    return body ? text.slice(at, body.end) : text.slice(at, text.indexOf('\n', at));
  }
  if (kind === 'function') {
    // Up to the body: the first `{` at the start of a line's end after the closing parenthesis of the parameters.
    const end = text.indexOf(' {\n', at);
    return text.slice(at, end < 0 ? undefined : end);
  }
  // type, const: up to the first blank line or the end of the statement.
  const end = text.indexOf(';\n', at);
  return text.slice(at, end < 0 ? undefined : end);
}

/** One type a public symbol's signature or shape uses, exported by a module of src/. */
export interface ReachableSymbol {
  /** Its name where declared. */
  name: string;
  /** Its module, relative to src/. */
  module: string;
  /** Whether a doc comment stands right above its declaration. */
  documented: boolean;
  /** Members (properties and methods) of an interface or class that have no doc comment. */
  undocumentedMembers: string[];
  /** The public symbol through which it is reached first (its chain, outermost first). */
  via: string[];
}

/**
 * Every exported type, interface, class or enum of src/ that a public symbol's signature or shape names, and what
 * those name in turn (transitively): what a program using the library reads in the declaration files.
 */
export function reachableSymbols(srcDir: string): ReachableSymbol[] {
  const root = resolve(srcDir);
  const seen = new Map<string, ReachableSymbol>();
  const queue: Array<{ name: string; file: string; via: string[] }> = [];
  const index = join(root, 'index.ts');
  for (const [name, target] of reExports(index)) queue.push({ name: target.original, file: target.file, via: [name] });
  while (queue.length > 0) {
    const { name, file, via } = queue.shift() as { name: string; file: string; via: string[] };
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const decl = new RegExp(
      `(?:^|\\n)export\\s+(?:declare\\s+)?(?:abstract\\s+)?(?:async\\s+)?(function\\*?|class|interface|type|const|let|enum)\\s+${name.replace(/\$/g, '\\$')}\\b`,
    ).exec(text);
    if (!decl) {
      const passed = reExports(file).get(name);
      if (passed) queue.push({ name: passed.original, file: passed.file, via });
      continue;
    }
    const key = `${file}#${name}`;
    if (seen.has(key)) continue;
    const at = decl.index + (decl[0].startsWith('\n') ? 1 : 0);
    const kind = (decl[1] as string).replace('*', '');
    const body = kind === 'interface' || kind === 'class' ? bodyOf(text, at) : undefined;
    seen.set(key, {
      name,
      module: relative(root, file).split(sep).join('/'),
      documented: docCommentBefore(text, at),
      undocumentedMembers: body ? undocumentedMembers(text, body, kind) : [],
      via,
    });
    const shape = declarationText(text, at, kind)
      .replace(/\/\*[\s\S]*?\*\//g, ' ')
      .replace(/\/\/.*$/gm, ' ');
    const imported = imports(file);
    for (const m of shape.matchAll(/\b([A-Z][A-Za-z0-9_]*)\b/g)) {
      const used = m[1] as string;
      if (used === name) continue;
      const from = imported.get(used);
      if (from) queue.push({ name: from.original, file: from.file, via: [...via, used] });
      else if (
        new RegExp(
          `(?:^|\\n)export\\s+(?:declare\\s+)?(?:abstract\\s+)?(class|interface|type|enum)\\s+${used}\\b`,
        ).test(text)
      )
        queue.push({ name: used, file, via: [...via, used] });
    }
  }
  return [...seen.values()].sort((a, b) => (a.module + a.name < b.module + b.name ? -1 : 1));
}
