/**
 * Loads and validates a rule pack directory: pack.yaml plus one YAML file per parameter (any depth).
 * Every problem in the pack is collected and reported together, naming file, line and key; a pack with
 * problems is never used. The pack's sha256 is taken over its canonical content, not its formatting. The bundled
 * pack is read from the build cache (build-cache.ts) while its files are those the cache was built from.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import { canonicalHash } from '../canonical/json.js';
import { DocumentSyntaxError, formatPath, type SourceDocument } from '../documents/source.js';
import { parseYamlFast } from '../documents/yaml-fast.js';
import { catalog, requiredParameterIds } from './catalog.js';
import type { z } from 'zod';
import { manifestSchema, parameterFileSchema, type Manifest } from './pack-schema.js';
import { checkProductSpecificRules, type PsrParameter } from './psr-checks.js';
import type { ProductSpecificRules } from './psr-schema.js';
import { BUILD_CACHE_FILE, fromBuildCache, saveBuildCache } from './build-cache.js';
import { packFiles } from './pack-files.js';
import { RulePack, type DatedEntry, type Parameter } from './pack.js';
import { referenceProblems } from './references.js';

/** One problem in a rule pack's files: where it is and what is wrong. */
export interface RuleProblem {
  /** The YAML file, relative to the pack's folder. */
  file: string;
  /** Its line, where known (1-based). */
  line?: number | undefined;
  /** The key at fault (dotted path within the file). */
  key: string;
  /** What is wrong and what was expected. */
  message: string;
}

/**
 * Thrown by loadRulePack when a pack cannot be used: a schema error, a duplicate key, two values for one date, a
 * missing parameter... `problems` lists every one found (the message prints them), naming file and key.
 */
export class RulePackError extends Error {
  constructor(
    /** Every problem found in the pack. */
    readonly problems: RuleProblem[],
  ) {
    super(
      `rule pack is invalid:\n${problems
        .map((p) => `  ${p.file}${p.line !== undefined ? `:${p.line}` : ''} ${p.key}: ${p.message}`)
        .join('\n')}`,
    );
  }
}

/** The message of the problem a pack lacking a rule this engine requires draws (replay tells it apart). */
export const REQUIRED_RULE_MISSING = 'required rule is missing from the pack';

/** Parameters holding product-specific rules (checked together at load: chapters, ranges, overlaps). */
const PSR_PREFIX = 'usmca.auto.psr.';

/** The folder of the bundled USMCA rule pack (`rules/usmca` in the package, absolute). */
export const DEFAULT_PACK_DIR = join(PACKAGE_ROOT, 'rules', 'usmca');

const cache = new Map<string, RulePack>();

/**
 * Loads the pack at `dir` (default: the bundled USMCA pack), once per process (later calls return the same
 * RulePack). Throws RulePackError naming every problem in its files.
 */
export function loadRulePack(dir: string = DEFAULT_PACK_DIR): RulePack {
  const cached = cache.get(dir);
  if (cached) return cached;
  const pack =
    (dir === DEFAULT_PACK_DIR ? fromBuildCache(dir, BUILD_CACHE_FILE) : undefined) ?? loadRulePackUncached(dir);
  cache.set(dir, pack);
  return pack;
}

/**
 * Validates the pack at `dir` from its files and writes it to `cacheFile` for loadRulePack (part of `npm run build`).
 * Throws RulePackError.
 */
export function writeBuildCache(dir: string, cacheFile: string): RulePack {
  const pack = loadRulePackUncached(dir);
  saveBuildCache(pack, dir, cacheFile);
  return pack;
}

/** The canonical content of a pack: what its sha256 covers, and what a decision record embeds. */
export interface PackContent {
  manifest: unknown;
  /** Parameter files as parsed, sorted by id. */
  parameters: unknown[];
}

/**
 * What a kind of rule pack holds: the shape of each parameter it may contain, by id, and the ids it must
 * contain. The USMCA pack is the default; other packs (the tariff measures) bring their own catalog.
 */
export interface PackKind {
  /** The shape (a zod schema) of the values of each rule id the pack may hold. */
  catalog: Readonly<Record<string, z.ZodType>>;
  /** The rule ids the pack must hold (a missing one is a problem naming it, REQUIRED_RULE_MISSING). */
  required: readonly string[];
}

/** The USMCA rules-of-origin pack: every parameter of the catalog is required, except the retired ones. */
export const USMCA_PACK_KIND: PackKind = { catalog, required: requiredParameterIds };

/**
 * Reads and checks the pack at `dir` afresh, every call (no cache, no build-time copy): for a pack being edited.
 * `kind` names the catalog of parameters and those required (default: the USMCA pack). Throws RulePackError.
 */
export function loadRulePackUncached(dir: string, kind: PackKind = USMCA_PACK_KIND): RulePack {
  const problems: RuleProblem[] = [];
  const manifestFile = join(dir, 'pack.yaml');
  let manifestDoc: SourceDocument | undefined;
  const parameterDocs: SourceDocument[] = [];
  for (const file of listYaml(dir)) {
    const rel = relative(dir, file);
    try {
      const doc = parseYamlFast(rel, readFileSync(file, 'utf8'));
      if (file === manifestFile) manifestDoc = doc;
      else parameterDocs.push(doc);
    } catch (err) {
      if (!(err instanceof DocumentSyntaxError)) throw err;
      for (const p of err.problems) {
        problems.push({
          file: rel,
          line: p.position?.line,
          key: '(document)',
          message: p.code === 'DUPLICATE_KEY' ? `${p.message} (two values for one date are a conflict)` : p.message,
        });
      }
    }
  }
  return build(manifestDoc, parameterDocs, problems, dir, kind);
}

/** Rebuilds a pack from its embedded content (a decision record), validating it as if read from disk. */
export function rulePackFromContent(content: PackContent, label = 'embedded rule pack'): RulePack {
  const docOf = (data: unknown, i: number): SourceDocument => ({
    file: `${label}: parameters[${i}]`,
    format: 'json',
    data,
    locate: () => undefined,
  });
  const params = Array.isArray(content?.parameters) ? content.parameters : [];
  return build(
    { file: `${label}: manifest`, format: 'json', data: content?.manifest, locate: () => undefined },
    params.map(docOf),
    [],
    label,
  );
}

function build(
  manifestDoc: SourceDocument | undefined,
  parameterDocs: SourceDocument[],
  problems: RuleProblem[],
  dir: string,
  kind: PackKind = USMCA_PACK_KIND,
): RulePack {
  let manifest: Manifest | undefined;
  const parameters = new Map<string, Parameter>();
  const rawParameters: unknown[] = [];
  const productSpecific: PsrParameter[] = [];
  if (manifestDoc) {
    const parsed = manifestSchema.safeParse(manifestDoc.data);
    if (!parsed.success) addIssues(problems, manifestDoc, parsed.error.issues);
    else manifest = parsed.data;
  }
  for (const doc of parameterDocs) {
    const rel = doc.file;
    const parsed = parameterFileSchema.safeParse(doc.data);
    if (!parsed.success) {
      addIssues(problems, doc, parsed.error.issues);
      continue;
    }
    const pf = parsed.data;
    const shape = Object.hasOwn(kind.catalog, pf.id) ? kind.catalog[pf.id] : undefined;
    if (!shape) {
      problems.push({ file: rel, line: doc.locate(['id'])?.line, key: 'id', message: `unknown rule id ${pf.id}` });
      continue;
    }
    if (parameters.has(pf.id)) {
      problems.push({
        file: rel,
        line: doc.locate(['id'])?.line,
        key: 'id',
        message: `rule ${pf.id} is defined twice (also in ${parameters.get(pf.id)?.file})`,
      });
      continue;
    }
    const entries: DatedEntry[] = [];
    for (const [from, entry] of Object.entries(pf.values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (entry === null) {
        entries.push({ from, value: null });
        continue;
      }
      const v = shape.safeParse(entry.value);
      if (!v.success) {
        for (const issue of v.error.issues) {
          const path = ['values', from, 'value', ...issue.path.map((s) => (typeof s === 'symbol' ? String(s) : s))];
          problems.push({ file: rel, line: doc.locate(path)?.line, key: formatPath(path), message: issue.message });
        }
        continue;
      }
      entries.push({ from, value: v.data, provision: entry.provision, note: entry.note });
      if (pf.id.startsWith(PSR_PREFIX)) {
        productSpecific.push({
          file: rel,
          from,
          value: v.data as ProductSpecificRules,
          locate: (path) => doc.locate(path)?.line,
        });
      }
    }
    if (entries[0]?.value === null) {
      problems.push({
        file: rel,
        line: doc.locate(['values'])?.line,
        key: 'values',
        message: 'the first dated value cannot be null',
      });
    }
    parameters.set(pf.id, {
      id: pf.id,
      title: pf.title,
      unit: pf.unit,
      file: rel,
      instrument: pf.reference.instrument,
      provision: pf.reference.provision,
      treaty: pf.reference.treaty,
      confidence: pf.reference.confidence,
      notes: pf.notes,
      entries,
    });
    rawParameters.push(doc.data);
  }

  for (const p of checkProductSpecificRules(productSpecific)) {
    problems.push({ file: p.file, line: p.line, key: formatPath(p.path), message: p.message });
  }
  problems.push(...referenceProblems(parameters, kind.catalog));

  if (!manifest) {
    problems.push({
      file: manifestDoc?.file ?? 'pack.yaml',
      key: '(document)',
      message: 'missing or invalid pack manifest',
    });
  } else {
    for (const p of parameters.values()) {
      if (!manifest.instruments[p.instrument]) {
        problems.push({
          file: p.file,
          key: 'reference.instrument',
          message: `instrument ${p.instrument} is not declared in pack.yaml`,
        });
      }
    }
  }
  for (const id of kind.required) {
    if (!parameters.has(id)) problems.push({ file: '(pack)', key: id, message: REQUIRED_RULE_MISSING });
  }
  if (problems.length > 0 || !manifest) throw new RulePackError(problems);

  rawParameters.sort((a, b) => {
    const ia = (a as { id: string }).id;
    const ib = (b as { id: string }).id;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
  const content: PackContent = { manifest: manifestDoc?.data, parameters: rawParameters };
  return new RulePack(manifest, parameters, canonicalHash(content), dir, content);
}

/** The YAML files of the pack at `dir`, any depth, sorted; throws RulePackError if a folder cannot be read. */
function listYaml(dir: string): string[] {
  const listed = packFiles(dir);
  if ('unreadable' in listed)
    throw new RulePackError([
      { file: listed.unreadable, key: '(directory)', message: 'rule pack directory cannot be read' },
    ]);
  return listed.files;
}

function addIssues(
  problems: RuleProblem[],
  doc: SourceDocument,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): void {
  for (const issue of issues) {
    const path = issue.path.map((s) => (typeof s === 'symbol' ? String(s) : s));
    problems.push({ file: doc.file, line: doc.locate(path)?.line, key: formatPath(path), message: issue.message });
  }
}
