/**
 * Validation of a parsed document against its zod schema, turning every zod issue into an input problem
 * with a code, the field's path, the file and the line. Structural hazards that would make a recursive
 * schema loop or overflow (a cycle made with YAML aliases, absurd nesting) are caught first.
 */
import type { z } from 'zod';
import type { InputProblem, ProblemCode } from './problems.js';
import { fieldsAt } from './schema-keys.js';
import { didYouMeanText } from './suggest.js';
import { formatPath, type Path, type SourceDocument } from '../documents/source.js';

/** The deepest nesting of lists and mappings a document may have (bills of materials nest). */
export const MAX_DEPTH = 64;
/** Objects and lists a document may hold once its aliases are expanded (a guard against alias bombs). */
export const MAX_NODES = 20_000_000;

/**
 * Checks `data` (default: the document's) against `schema`: the value the schema outputs, or every problem as
 * an InputProblem with its code (FIELD_REQUIRED, FIELD_TYPE, DECIMAL_INVALID, ...), field path under `basePath`,
 * file and line. Catches alias cycles and nesting beyond MAX_DEPTH first. Never throws for bad input.
 */
export function validateDocument<S extends z.ZodType>(
  doc: SourceDocument,
  schema: S,
  basePath: Path = [],
  data: unknown = doc.data,
): { ok: true; value: z.output<S> } | { ok: false; problems: InputProblem[] } {
  // JSON cannot hold a cycle or an alias bomb; only the nesting of bills of materials needs a bound there.
  const structural = doc.format === 'json' ? checkNesting(doc, data, basePath) : checkStructure(doc, data, basePath);
  if (structural.length > 0) return { ok: false, problems: structural };
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const problems: InputProblem[] = [];
  for (const issue of result.error.issues) {
    problems.push(...toProblems(doc, data, basePath, issue, schema));
  }
  return { ok: false, problems: anotherKind(problems, data, basePath) ?? problems };
}

/** The document kinds, by format, for saying what a document given in the wrong place is. */
const KINDS: Readonly<Record<string, string>> = {
  'usmca-roo/claim@1': 'a claim document',
  'usmca-roo/producer@1': 'a producer document',
  'usmca-roo/party@1': 'a party document',
  'usmca-roo/mapping@1': 'a column mapping',
  'usmca-roo/decision@1': 'a decision',
  'usmca-roo/record@1': 'a decision record',
  'usmca-roo/certificate@1': 'a certificate',
  'usmca-roo/evidence@1': 'a supplier evidence document',
  'usmca-roo/tariff-scenario@1': 'a tariff scenario',
};

/**
 * A document of another kind (a producer document given as a claim): one problem saying so, instead of one
 * for every field the two kinds do not share; undefined when the document is not of another known kind.
 */
function anotherKind(problems: InputProblem[], data: unknown, basePath: Path): InputProblem[] | undefined {
  const atFormat = formatPath([...basePath, 'format']);
  const format = problems.find((p) => p.code === 'DOCUMENT_FORMAT' && p.path === atFormat);
  const written = (data as { format?: unknown } | null)?.format;
  if (!format || typeof written !== 'string') return undefined;
  const kind = KINDS[written];
  const wanted = /"([^"]+)"/.exec(format.message)?.[1];
  if (kind === undefined || wanted === undefined) return undefined;
  return [
    {
      ...format,
      message: `this is ${kind} (format "${written}"), not ${KINDS[wanted] ?? `a document of format "${wanted}"`}${wanted === 'usmca-roo/claim@1' && written === 'usmca-roo/producer@1' ? ': give the claim, which names its producer document in `producer`' : ''}`,
    },
  ];
}

export function problemAt(doc: SourceDocument, path: Path, code: ProblemCode, message: string): InputProblem {
  const problem: InputProblem = { code, path: formatPath(path), message, file: doc.file, line: doc.locate(path)?.line };
  // A CSV or XLSX table (src/input/tabular) also names the sheet and the column header.
  const table = (doc as { table?: { sheet?: string | undefined; columnHeader(p: Path): string | undefined } }).table;
  if (table) {
    if (table.sheet !== undefined) problem.sheet = table.sheet;
    const column = table.columnHeader(path);
    if (column !== undefined) problem.column = column;
  }
  return problem;
}

function toProblems(
  doc: SourceDocument,
  data: unknown,
  basePath: Path,
  issue: z.core.$ZodIssue,
  schema: z.ZodType,
): InputProblem[] {
  const rel = issue.path.map((s) => (typeof s === 'symbol' ? String(s) : s));
  const path = [...basePath, ...rel];
  const params = (issue as { params?: { code?: ProblemCode } }).params;
  if (params?.code) return [problemAt(doc, path, params.code, issue.message)];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        problemAt(
          doc,
          [...path, key],
          'FIELD_UNKNOWN',
          `unknown field "${key}" (check its spelling against the document format)${didYouMeanText(key, fieldsAt(schema, rel))}`,
        ),
      );
    case 'invalid_type': {
      const present = valueAt(data, rel) !== undefined;
      if (!present) return [problemAt(doc, path, 'FIELD_REQUIRED', `required: expected ${expected(issue.expected)}`)];
      return [
        problemAt(doc, path, 'FIELD_TYPE', `expected ${expected(issue.expected)}, got ${describe(valueAt(data, rel))}`),
      ];
    }
    case 'invalid_value': {
      const last = rel[rel.length - 1];
      if (last === 'format' && rel.length === 1) {
        return [
          problemAt(
            doc,
            path,
            'DOCUMENT_FORMAT',
            `expected format "${issue.values.map(String).join('", "')}", got ${describe(valueAt(data, rel))}`,
          ),
        ];
      }
      if (valueAt(data, rel) === undefined) {
        return [
          problemAt(
            doc,
            path,
            'FIELD_REQUIRED',
            `required: one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
          ),
        ];
      }
      return [
        problemAt(
          doc,
          path,
          'VALUE_NOT_ALLOWED',
          `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(valueAt(data, rel))}${suggestion(valueAt(data, rel), issue.values)}`,
        ),
      ];
    }
    case 'too_small':
      return [problemAt(doc, path, 'FIELD_REQUIRED', `must not be empty`)];
    case 'invalid_union':
      return [problemAt(doc, path, 'FIELD_TYPE', `unexpected value ${describe(valueAt(data, rel))}`)];
    default:
      return [problemAt(doc, path, 'FIELD_TYPE', issue.message)];
  }
}

function expected(e: string): string {
  if (e === 'object') return 'a mapping';
  if (e === 'array') return 'a list';
  if (e === 'boolean') return 'true or false';
  return e === 'string' ? 'text' : e;
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  return `${typeof value} ${String(value)}`;
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** Iterative depth-first walk: cycles (YAML aliases only), nesting deeper than MAX_DEPTH, alias bombs. */
function checkStructure(doc: SourceDocument, data: unknown, basePath: Path): InputProblem[] {
  interface Frame {
    value: object;
    parent: Frame | undefined;
    key: string | number;
    depth: number;
    exit: boolean;
  }
  const pathOf = (f: Frame): (string | number)[] => {
    const out: (string | number)[] = [];
    for (let cur: Frame | undefined = f; cur && cur.parent; cur = cur.parent) out.unshift(cur.key);
    return [...basePath, ...out];
  };
  const problems: InputProblem[] = [];
  if (data === null || typeof data !== 'object') return problems;
  const onPath = new Set<object>();
  const checkCycles = doc.format === 'yaml' && doc.aliasFree !== true; // no alias, no cycle
  const maxDepth = MAX_DEPTH * 2 + 4;
  const stack: Frame[] = [{ value: data, parent: undefined, key: '', depth: 0, exit: false }];
  let nodes = 0;
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const value = frame.value;
    if (frame.exit) {
      onPath.delete(value);
      continue;
    }
    if (++nodes > MAX_NODES) {
      problems.push(
        problemAt(
          doc,
          basePath,
          'YAML_ALIAS',
          `the document expands to more than ${MAX_NODES} values (through aliases); it is refused`,
        ),
      );
      break;
    }
    if (checkCycles) {
      if (onPath.has(value)) {
        problems.push(problemAt(doc, pathOf(frame), 'BOM_CYCLE', 'this value contains itself (a circular YAML alias)'));
        continue;
      }
      onPath.add(value);
      stack.push({ value, parent: frame.parent, key: frame.key, depth: frame.depth, exit: true });
    }
    if (frame.depth > maxDepth) {
      problems.push(problemAt(doc, pathOf(frame), 'BOM_TOO_DEEP', `nested more than ${MAX_DEPTH} levels deep`));
      continue;
    }
    const depth = frame.depth + 1;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const v: unknown = value[i];
        if (v !== null && typeof v === 'object') stack.push({ value: v, parent: frame, key: i, depth, exit: false });
      }
    } else {
      for (const k in value) {
        const v: unknown = (value as Record<string, unknown>)[k];
        if (v !== null && typeof v === 'object') stack.push({ value: v, parent: frame, key: k, depth, exit: false });
      }
    }
  }
  return problems;
}

/**
 * For JSON: the depth of nested `materials` lists, checked by a bounded recursion that allocates nothing
 * unless it finds a problem (other nesting is bounded by the schemas).
 */
function checkNesting(doc: SourceDocument, data: unknown, basePath: Path): InputProblem[] {
  const tooDeep = (list: unknown, depth: number): (string | number)[] | undefined => {
    if (!Array.isArray(list)) return undefined;
    for (let i = 0; i < list.length; i++) {
      const line: unknown = list[i];
      if (line === null || typeof line !== 'object') continue;
      const children = (line as { materials?: unknown }).materials;
      if (children === undefined) continue;
      if (depth >= MAX_DEPTH) return [i, 'materials'];
      const below = tooDeep(children, depth + 1);
      if (below) return [i, 'materials', ...below];
    }
    return undefined;
  };
  const root = data !== null && typeof data === 'object' ? (data as { materials?: unknown }).materials : undefined;
  const deep = Array.isArray(data) ? tooDeep(data, 1) : tooDeep(root, 1);
  if (!deep) return [];
  const path = [...basePath, ...(Array.isArray(data) ? [] : ['materials']), ...deep];
  return [problemAt(doc, path, 'BOM_TOO_DEEP', `nested more than ${MAX_DEPTH} levels deep`)];
}

/** "; did you mean ...?" for a text value close to one of the allowed values, else "". */
function suggestion(value: unknown, allowed: readonly unknown[]): string {
  return typeof value === 'string'
    ? didYouMeanText(
        value,
        allowed.filter((v): v is string => typeof v === 'string'),
      )
    : '';
}
