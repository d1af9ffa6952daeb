/**
 * Loads and validates a rule pack directory: pack.yaml plus one YAML file per parameter (any depth).
 * Every problem in the pack is collected and reported together, naming file, line and key; a pack with
 * problems is never used. The pack's sha256 is taken over its canonical content, not its formatting.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
 * The bundled pack as validated at build time (`npm run build` writes dist/rule-pack-cache.json), used only
 * while the rule files are byte for byte the ones it was built from; otherwise the files are read again.
 */
export const BUILD_CACHE_FILE = join(PACKAGE_ROOT, 'dist', 'rule-pack-cache.json');

interface BuildCache {
  format: 'usmca-roo/rule-pack-cache@1';
  sources: string;
  sha256: string;
  manifest: Manifest;
  content: PackContent;
  parameters: Parameter[];
}

/** sha256 over every rule file's path and text: what a build cache must match. */
export function sourcesDigest(dir: string): string {
  const hash = createHash('sha256');
  for (const file of listYaml(dir)) hash.update(`${relative(dir, file)}\u0000${readFileSync(file, 'utf8')}\u0000`);
  return hash.digest('hex');
}

export function writeBuildCache(dir: string, cacheFile: string): RulePack {
  const pack = loadRulePackUncached(dir);
  const cacheData: BuildCache = {
    format: 'usmca-roo/rule-pack-cache@1',
    sources: sourcesDigest(dir),
    sha256: pack.sha256,
    manifest: pack.manifest,
    content: pack.content,
    parameters: [...pack.parameters.values()],
  };
  writeFileSync(cacheFile, JSON.stringify(cacheData));
  return pack;
}

export function fromBuildCache(dir: string, cacheFile: string): RulePack | undefined {
  let data: BuildCache;
  try {
    data = JSON.parse(readFileSync(cacheFile, 'utf8')) as BuildCache;
  } catch {
    return undefined;
  }
  if (data.format !== 'usmca-roo/rule-pack-cache@1' || data.sources !== sourcesDigest(dir)) return undefined;
  return new RulePack(data.manifest, new Map(data.parameters.map((p) => [p.id, p])), data.sha256, dir, data.content);
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
  catalog: Readonly<Record<string, z.ZodType>>;
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

function listYaml(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new RulePackError([{ file: dir, key: '(directory)', message: 'rule pack directory cannot be read' }]);
  }
  const out: string[] = [];
  for (const name of names.sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listYaml(full));
    else if (name.endsWith('.yaml') || name.endsWith('.yml')) out.push(full);
  }
  return out;
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
