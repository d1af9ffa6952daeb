/**
 * YAML reader. Plain numbers are kept as the text they were written in (`3150.00` stays "3150.00"), so
 * no amount ever passes through a JavaScript number; exotic number forms (hex, octal, exponent, .inf,
 * .nan) are kept as text too and then fail validation with a clear message. Duplicate keys are errors.
 */
import { createRequire } from 'node:module';
import type { Node, Document, ScalarTag } from 'yaml';

// Loaded on first use: this full-fidelity parser is needed only to point at a line in an error message.
const lazy = createRequire(import.meta.url);
const yamlLib = (): typeof import('yaml') => lazy('yaml') as typeof import('yaml');
import { DocumentSyntaxError, type Path, type Position, type SourceDocument, type SyntaxProblem } from './source.js';

const NUMBER_TAGS = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);

const numberAsText: ScalarTag[] = [
  {
    tag: 'tag:yaml.org,2002:float',
    default: true,
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
    resolve: (str: string) => str,
  },
  {
    tag: 'tag:yaml.org,2002:float',
    default: true,
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (str: string) => str,
  },
  {
    tag: 'tag:yaml.org,2002:int',
    default: true,
    test: /^(?:0o[0-7]+|0x[0-9a-fA-F]+)$/,
    resolve: (str: string) => str,
  },
];

export function parseYaml(file: string, textContent: string): SourceDocument {
  const { LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  const doc: Document.Parsed = parseDocument(textContent, {
    lineCounter,
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: false,
    customTags: (tags) => [...tags.filter((t) => typeof t === 'string' || !NUMBER_TAGS.has(t.tag)), ...numberAsText],
  });
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    const problems: SyntaxProblem[] = doc.errors.map((e) => ({
      code: e.code === 'DUPLICATE_KEY' ? 'DUPLICATE_KEY' : 'YAML_SYNTAX',
      message: e.code === 'DUPLICATE_KEY' ? 'a key appears twice in the same mapping' : firstLine(e.message),
      position: position(e.pos[0]),
    }));
    throw new DocumentSyntaxError(file, problems);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new DocumentSyntaxError(file, [{ code: 'YAML_ALIAS', message: firstLine((err as Error).message) }]);
  }
  return {
    file,
    format: 'yaml',
    data,
    locate(path: Path): Position | undefined {
      // Walk down as far as the path exists, so a missing field points at its parent.
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
        if (node && typeof node === 'object' && 'range' in node && node.range) {
          return position(node.range[0]);
        }
        if (n === 0 && doc.contents?.range) return position(doc.contents.range[0]);
      }
      return undefined;
    },
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
