#!/usr/bin/env node
/**
 * Checks the chapter 87 product-specific rules in rules/usmca/psr/chapter-87.yaml against the official text:
 * s. 13 of SOR/2020-155 in sources/SOR-2020-155.xml (Department of Justice Canada consolidated XML). For every
 * rule of 87.06 to 8708.99 it compares the uses, the alternatives (by paragraph), the tariff items, whether a
 * change is required, the level "from any other ...", the codes a change is allowed from, the exceptions,
 * "whether or not there is also a change from any other heading", and the RVC thresholds with the dates their
 * steps begin. The text is parsed here on its own, without the pack's schema, so that the two readings are
 * independent. Known slips of the Canadian text are listed in SLIPS with what the pack reads instead; a slip
 * that is no longer in the text is itself reported.
 *
 * Usage: node scripts/check-psr-text.mjs [--xml FILE] [--rules FILE]   (exit 0: they agree; 1: differences)
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import yaml from 'js-yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_XML = join(ROOT, 'sources', 'SOR-2020-155.xml');
export const DEFAULT_RULES = join(ROOT, 'rules', 'usmca', 'psr', 'chapter-87.yaml');

/** The start of the product-specific rules; a flat threshold ("not less than 50%") begins with the rule. */
const RULE_START = '2020-07-01';
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Slips in the Canadian text that the pack reads differently, following 19 CFR 182 App. A (see the drafting
 * notes of chapter-87.yaml). `text` is what the XML says, `pack` what the pack holds instead.
 */
export const SLIPS = [
  {
    rule: '8708.94 (2)',
    paragraph: '(2)(b)',
    what: 'third step dated July 1, 2023 instead of July 1, 2027',
    text: { netCost: { '2020-07-01': '60', '2024-07-01': '64', '2023-07-01': '70' } },
    pack: { netCost: { '2020-07-01': '60', '2024-07-01': '64', '2027-07-01': '70' } },
  },
];

/** Alternatives the text joins to the next with "and" where the parallel rows say "or"; the pack reads "or". */
export const AND_SLIPS = ['87.07 (2)(a)', '87.07 (3)(a)', '8708.99 (3)(d)'];

// ------------------------------------------------------------------------------------------- reading the XML

function childrenOf(node) {
  const key = Object.keys(node).find((k) => k !== ':@');
  return key === undefined || !Array.isArray(node[key]) ? [] : node[key];
}
function tagOf(node) {
  return Object.keys(node).find((k) => k !== ':@');
}
function textOf(nodes) {
  let out = '';
  for (const n of nodes) {
    if ('#text' in n) out += String(n['#text']);
    else out += textOf(childrenOf(n));
  }
  return out.replace(/\s+/g, ' ').trim();
}
function find(nodes, pred) {
  for (const n of nodes) {
    if (pred(n)) return n;
    const hit = find(childrenOf(n), pred);
    if (hit) return hit;
  }
  return undefined;
}
function findAll(nodes, tag, out = []) {
  for (const n of nodes) {
    if (tagOf(n) === tag) out.push(n);
    else findAll(childrenOf(n), tag, out);
  }
  return out;
}
/** A Provision as { label, text, children } (its own Label and Text, and its nested Provisions). */
function provision(node) {
  const kids = childrenOf(node);
  const label = kids.find((k) => tagOf(k) === 'Label');
  const text = kids.find((k) => tagOf(k) === 'Text');
  return {
    label: label ? textOf(childrenOf(label)) : '',
    text: text ? textOf(childrenOf(text)) : '',
    // an unlabelled, empty Provision only wraps others (8708.50 (1)): its children stand in its place
    children: kids
      .filter((k) => tagOf(k) === 'Provision')
      .map(provision)
      .flatMap((p) => (p.label === '' && p.text === '' ? p.children : [p])),
  };
}

/** The s. 13 table of the XML as rows: { hs, provisions }. */
export function readSection13Rows(xmlText) {
  const doc = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: true,
    trimValues: false,
    parseTagValue: false,
  }).parse(xmlText);
  const body = find(doc, (n) => tagOf(n) === 'Body');
  const section = find(childrenOf(body), (n) => {
    if (tagOf(n) !== 'Section') return false;
    const label = childrenOf(n).find((k) => tagOf(k) === 'Label');
    return label !== undefined && textOf(childrenOf(label)) === '13';
  });
  if (!section) throw new Error('section 13 not found in the XML');
  const rows = findAll(childrenOf(section), 'row');
  return rows.map((row) => {
    const entries = childrenOf(row).filter((k) => tagOf(k) === 'entry');
    const hs = textOf(childrenOf(entries[0] ?? {}));
    const second = entries[1] ? childrenOf(entries[1]) : [];
    const provisions = second.filter((k) => tagOf(k) === 'Provision').map(provision);
    return { hs, provisions, text: provisions.length === 0 ? textOf(second) : '' };
  });
}

const isNumbered = (label) => /^\(\d+\)$/.test(label);
const isStep = (p) => /^\d+(?:\.\d+)?\s*(?:%|percent|per cent)/.test(p.text);

function dateOf(text) {
  const m = /beginning on (\w+) (\d{1,2}), (\d{4})/.exec(text);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1]) + 1;
  return `${m[3]}-${String(month).padStart(2, '0')}-${m[2].padStart(2, '0')}`;
}
function percentOf(text) {
  return /(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)/.exec(text)?.[1];
}

const LEVEL = { chapter: 'any-other-chapter', heading: 'any-other-heading', subheading: 'any-other-subheading' };
const CODE = /(\d{4}\.\d{2}(?:\.[a-z]{2})?)(?:\s+through\s+(\d{4}\.\d{2}))?/g;
function codesIn(text) {
  return [...text.matchAll(CODE)].map((m) => (m[2] ? `${m[1]}..${m[2]}` : m[1]));
}

/** One alternative of the text, in the shape the pack compares: change, tariff item and thresholds. */
function readAlternative(paragraph, text, steps) {
  const alt = { paragraph, text };
  const item = /to tariff item (\d{4}\.\d{2}\.[a-z]{2})/.exec(text);
  if (item) alt.tariffItem = item[1];
  if (/no required change in tariff classification/.test(text)) alt.change = 'none';
  else {
    const clause =
      / from (.*?)(?:, whether or not there is also a change from any other (chapter|heading|subheading)|, provided|;|$)/.exec(
        text,
      );
    if (!clause) throw new Error(`cannot read the change in ${paragraph}: ${text}`);
    const [, fromText, orLevel] = clause;
    const change = {};
    const other = /^any other (chapter|heading|subheading)\b(?:, except from (.*))?$/.exec(fromText);
    if (other) {
      change.from = LEVEL[other[1]];
      if (other[2]) change.except = codesIn(other[2]);
    } else {
      const trailing = / or any other (chapter|heading|subheading)$/.exec(fromText);
      change.from = codesIn(trailing ? fromText.slice(0, trailing.index) : fromText);
      if (trailing) change.orFrom = LEVEL[trailing[1]];
    }
    if (orLevel) change.orFrom = LEVEL[orLevel];
    alt.change = change;
  }
  if (/transaction value/.test(text)) alt.transactionValue = true;
  if (steps.length > 0) alt.netCost = Object.fromEntries(steps.map((s) => [dateOf(s.text) ?? '?', percentOf(s.text)]));
  else if (/not less than \d/.test(text)) alt.netCost = { [RULE_START]: percentOf(text.split('not less than')[1]) };
  return alt;
}

function usesOf(text) {
  if (/passenger vehicle or light truck/.test(text)) return ['light-truck', 'passenger-vehicle'];
  if (/any other vehicle or as an aftermarket part/.test(text)) return ['aftermarket', 'other-vehicle'];
  if (/heavy truck/.test(text)) return ['heavy-truck'];
  return [];
}

/** The rules of 87.06 to 8708.99 in the text, keyed "8708.10 (1)". */
export function readChapter87Parts(xmlText) {
  const rules = new Map();
  let current;
  const open = (hs, p) => {
    current = { key: `${hs} ${p.label}`, hs, number: p.label, uses: usesOf(p.text), alternatives: [] };
    rules.set(current.key, current);
    const lettered = p.children.filter((c) => !isStep(c));
    if (lettered.length === 0 && /a change to|no required change/.test(p.text)) {
      current.alternatives.push(readAlternative(p.label, p.text, p.children.filter(isStep)));
    }
    for (const c of lettered) addAlternative(c);
  };
  const addAlternative = (p) => {
    current.alternatives.push(readAlternative(`${current.number}${p.label}`, p.text, p.children.filter(isStep)));
  };
  for (const row of readSection13Rows(xmlText)) {
    const hs = row.hs.slice(0, 7);
    if (!/^87\.0[678]|^8708\./.test(hs)) continue;
    for (const p of row.provisions) {
      if (isNumbered(p.label)) open(hs, p);
      else if (current && current.hs === hs) addAlternative(p);
    }
  }
  return rules;
}

// ------------------------------------------------------------------------------------------- comparing

function packRules(rulesText) {
  const data = yaml.load(rulesText, { schema: yaml.FAILSAFE_SCHEMA });
  const [from, entry] = Object.entries(data.values)[0];
  return { from, rules: entry.value.rules };
}

function packChange(change) {
  if (change === 'none') return 'none';
  const out = {
    from: Array.isArray(change.from) ? change.from.map((s) => (typeof s === 'string' ? s : s.hs)) : change.from,
  };
  if (change.except) out.except = change.except;
  if (change.orFrom) out.orFrom = change.orFrom;
  return out;
}
function steps(v, from) {
  if (v === undefined) return undefined;
  return typeof v === 'string' ? { [from]: v } : v;
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const sortedKeys = (o) =>
  o === undefined ? undefined : Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));

/** Differences between the text and the pack's chapter 87 rules, as sentences naming rule and paragraph. */
export function compare(xmlText, rulesText) {
  const problems = [];
  const text = readChapter87Parts(xmlText);
  const pack = packRules(rulesText);
  const slipsSeen = new Set();
  const covered = new Set();
  for (const rule of pack.rules) {
    const number = /\((\d+)\)$/.exec(rule.provision)?.[0];
    const key = `${rule.hs} ${number}`;
    const t = text.get(key);
    if (!t) {
      problems.push(`${key}: the pack holds a rule (${rule.provision}) that s. 13 does not print`);
      continue;
    }
    covered.add(key);
    if (!same([...rule.uses].sort(), t.uses))
      problems.push(`${key}: uses ${rule.uses.join(', ')}; the text says ${t.uses.join(', ')}`);
    const paras = (rule.alternatives ?? []).map((a) => a.paragraph);
    const textParas = t.alternatives.map((a) => a.paragraph);
    if (!same(paras, textParas))
      problems.push(`${key}: alternatives ${paras.join(' ')}; the text has ${textParas.join(' ')}`);
    for (const a of rule.alternatives ?? []) {
      const ta = t.alternatives.find((x) => x.paragraph === a.paragraph);
      if (!ta) continue;
      const where = `${key} ${a.paragraph}`;
      if ((a.tariffItem ?? null) !== (ta.tariffItem ?? null))
        problems.push(`${where}: tariff item ${a.tariffItem ?? 'none'}; the text says ${ta.tariffItem ?? 'none'}`);
      const pc = packChange(a.change);
      if (!same(pc, ta.change))
        problems.push(
          `${where}: change ${JSON.stringify(pc)}; the text says ${JSON.stringify(ta.change)} ("${ta.text}")`,
        );
      if (a.rvc?.transactionValue !== undefined || ta.transactionValue)
        problems.push(`${where}: a transaction value method in ${ta.transactionValue ? 'the text' : 'the pack'} only`);
      let expected = sortedKeys(ta.netCost);
      const slip = SLIPS.find((s) => s.rule === key && s.paragraph === a.paragraph);
      if (slip) {
        slipsSeen.add(slip);
        if (!same(expected, sortedKeys(slip.text.netCost)))
          problems.push(
            `${where}: the slip "${slip.what}" is no longer in the text: it says ${JSON.stringify(ta.netCost)}`,
          );
        else expected = sortedKeys(slip.pack.netCost);
      }
      const got = sortedKeys(steps(a.rvc?.netCost, pack.from));
      if (!same(got, expected))
        problems.push(
          `${where}: net cost thresholds ${JSON.stringify(got)}; the text says ${JSON.stringify(expected)}`,
        );
    }
  }
  const ands = [...text.values()].flatMap((r) =>
    r.alternatives.filter((a) => /; and$/.test(a.text)).map((a) => `${r.hs} ${a.paragraph}`),
  );
  if (!same(ands, AND_SLIPS))
    problems.push(
      `alternatives joined by "and" in the text: ${ands.join(', ')}; the pack reads "or" only for ${AND_SLIPS.join(', ')}`,
    );
  for (const key of text.keys())
    if (!covered.has(key)) problems.push(`${key}: printed in s. 13 but missing from the pack`);
  for (const slip of SLIPS)
    if (!slipsSeen.has(slip)) problems.push(`${slip.rule} ${slip.paragraph}: listed as a slip but not compared`);
  return {
    problems,
    rules: text.size,
    alternatives: [...text.values()].reduce((n, r) => n + r.alternatives.length, 0),
  };
}

function main(argv) {
  const opt = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
  };
  const xmlFile = opt('--xml', DEFAULT_XML);
  const rulesFile = opt('--rules', DEFAULT_RULES);
  const { problems, rules, alternatives } = compare(readFileSync(xmlFile, 'utf8'), readFileSync(rulesFile, 'utf8'));
  for (const p of problems) console.log(p);
  console.log(
    `${rules} rules, ${alternatives} alternatives of s. 13 (87.06-8708.99) compared: ${problems.length === 0 ? 'the pack agrees with the text' : `${problems.length} differences`}`,
  );
  return problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = main(process.argv.slice(2));
