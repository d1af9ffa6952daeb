/**
 * The YAML reader for claims and producer documents: js-yaml, several times faster than a full-fidelity
 * parser on large bills of materials. Plain numbers are kept as the text they were written in (`3150.00`
 * stays "3150.00"); duplicate keys are errors; aliases keep their identity (a circular one is caught by
 * validation). Line numbers for error messages are found lazily: only when a problem must be reported is
 * the text parsed again with a listener that records where every node starts.
 */
import yaml from 'js-yaml';
import { DocumentSyntaxError, type Path, type Position, type SourceDocument } from './source.js';
import { parseYaml } from './yaml.js';

/** Below this size, problems are located with the full-fidelity parser (exact line and column). */
const EXACT_LOCATE_MAX_BYTES = 2_000_000;

const NUMBERISH =
  /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$|^0o[0-7_]+$|^0x[0-9a-fA-F_]+$/;

/** Numbers resolve to their own text, so no amount passes through a JavaScript number. */
const numberAsText = new yaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string) => data !== null && NUMBERISH.test(data),
  construct: (data: string) => data,
});

type TaggedType = yaml.Type & { tag: string };
const core = (yaml.CORE_SCHEMA as unknown as { implicit: TaggedType[] }).implicit;
const coreType = (tag: string): TaggedType => {
  const t = core.find((x) => x.tag === tag);
  if (!t) throw new Error(`internal: js-yaml has no ${tag}`);
  return t;
};
const SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [coreType('tag:yaml.org,2002:null'), coreType('tag:yaml.org,2002:bool'), numberAsText],
});

interface Frame {
  line: number;
  column: number;
  kind?: string;
  result?: unknown;
  children: Frame[];
}

export function parseYamlFast(file: string, text: string): SourceDocument {
  let data: unknown;
  try {
    data = yaml.load(text, { schema: SCHEMA, filename: file, json: false, maxDepth: 1000 } as yaml.LoadOptions);
  } catch (err) {
    const e = err as yaml.YAMLException;
    const reason = e.reason ?? e.message;
    const code = /duplicated mapping key/.test(reason)
      ? 'DUPLICATE_KEY'
      : /unidentified alias|alias/.test(reason)
        ? 'YAML_ALIAS'
        : 'YAML_SYNTAX';
    const message = code === 'DUPLICATE_KEY' ? 'a key appears twice in the same mapping' : reason;
    throw new DocumentSyntaxError(file, [
      { code, message, ...(e.mark ? { position: { line: e.mark.line + 1, column: e.mark.column + 1 } } : {}) },
    ]);
  }
  let index: Frame | undefined;
  let exact: SourceDocument | undefined | null;
  return {
    file,
    format: 'yaml',
    data,
    aliasFree: !text.includes('*'),
    locate(path: Path): Position | undefined {
      if (text.length <= EXACT_LOCATE_MAX_BYTES && exact !== null) {
        try {
          exact ??= parseYaml(file, text);
          return exact.locate(path);
        } catch {
          exact = null; // the full parser refuses the text (e.g. an alias bomb): locate as large files do
        }
      }
      // Large files: a second js-yaml pass with a listener; inside a flow collection ({ ... } or [ ... ])
      // the position given is that of the collection.
      index ??= positions(text);
      let frame: Frame | undefined = index;
      let best: Position | undefined = index ? { line: index.line, column: index.column } : undefined;
      for (const seg of path) {
        frame = frame ? child(frame, seg) : undefined;
        if (!frame) break;
        best = { line: frame.line, column: frame.column };
      }
      return best;
    },
  };
}

function child(frame: Frame, seg: string | number): Frame | undefined {
  if (frame.kind === 'sequence') return typeof seg === 'number' ? frame.children[seg] : undefined;
  if (frame.kind === 'mapping') {
    for (let i = 0; i + 1 < frame.children.length; i += 2) {
      if (String(frame.children[i]?.result) === String(seg)) return frame.children[i + 1];
    }
  }
  return undefined;
}

/** Parses again, recording where each node starts: a tree of frames mirroring the document. */
function positions(text: string): Frame | undefined {
  const root: Frame = { line: 1, column: 1, children: [] };
  const stack: Frame[] = [root];
  try {
    yaml.load(text, {
      schema: SCHEMA,
      listener(
        this: unknown,
        event: string,
        state: { line: number; position: number; lineStart: number; kind: string; result: unknown; input: string },
      ) {
        if (event === 'open') {
          // Skip blanks so the node starts where its first character is.
          let pos = state.position;
          let line = state.line;
          let lineStart = state.lineStart;
          const input = state.input;
          while (pos < input.length) {
            const c = input.charCodeAt(pos);
            if (c === 0x20 || c === 0x09) pos++;
            else if (c === 0x0a) {
              pos++;
              line++;
              lineStart = pos;
            } else if (c === 0x23) {
              while (pos < input.length && input.charCodeAt(pos) !== 0x0a) pos++;
            } else break;
          }
          stack.push({ line: line + 1, column: pos - lineStart + 1, children: [] });
        } else {
          const frame = stack.pop() as Frame;
          frame.kind = state.kind;
          frame.result = state.result;
          stack[stack.length - 1]?.children.push(frame);
        }
      },
    } as yaml.LoadOptions);
  } catch {
    return undefined;
  }
  return root.children[0];
}
