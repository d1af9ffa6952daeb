#!/usr/bin/env node
/**
 * Writes rules/usmca/hs/nomenclature.yaml, the 6-digit subheadings of HS 2012, HS 2017 and HS 2022, from the
 * United Nations Statistics Division's UN Comtrade classification files (classificationH4.json = HS 2012,
 * classificationH5.json = HS 2017, classificationH6.json = HS 2022; https://comtrade.un.org/Data/cache/):
 *
 *   node scripts/hs-nomenclature.mjs H4.json H5.json H6.json > rules/usmca/hs/nomenclature.yaml
 *
 * HS 2012 is written in full, one line per heading ("87.03": the last two digits of its subheadings); HS 2017 and HS 2022 as the headings whose subheadings
 * changed from the edition before (the heading's whole list in the new edition; "" for a deleted heading).
 * UN Comtrade's "999999" (commodities not specified according to kind) is not an HS subheading and is left out.
 */
import { readFileSync } from 'node:fs';

const [h4, h5, h6] = process.argv.slice(2);
if (!h6) {
  console.error(
    'usage: node scripts/hs-nomenclature.mjs classificationH4.json classificationH5.json classificationH6.json',
  );
  process.exit(2);
}

function subheadings(file, className) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  if (doc.className !== className) throw new Error(`${file}: expected ${className}, got ${doc.className}`);
  return doc.results
    .map((r) => r.id)
    .filter((id) => /^\d{6}$/.test(id) && id !== '999999')
    .sort();
}

function byHeading(codes) {
  const out = new Map();
  for (const c of codes) {
    const h = `${c.slice(0, 2)}.${c.slice(2, 4)}`; // a heading as the HS writes it, "87.03"
    out.set(h, out.has(h) ? `${out.get(h)} ${c.slice(4)}` : c.slice(4));
  }
  return out;
}

function changed(before, after) {
  const out = new Map();
  for (const h of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(h) ?? '';
    const b = after.get(h) ?? '';
    if (a !== b) out.set(h, b);
  }
  return out;
}

const editions = [
  ['HS2012', subheadings(h4, 'HS2012')],
  ['HS2017', subheadings(h5, 'HS2017')],
  ['HS2022', subheadings(h6, 'HS2022')],
];
const maps = editions.map(([, codes]) => byHeading(codes));
const lines = (map) => [...map].map(([h, s]) => `          "${h}": "${s}"`).join('\n');

process.stdout.write(`id: usmca.hs.nomenclature
title: The 6-digit subheadings of the Harmonized System, HS 2012, HS 2017 and HS 2022
description: >-
  Every subheading of the three editions of the Harmonized System a claim may be written in (good.hsEdition; HS
  2012, the edition of the Uniform Regulations, unless it says otherwise). An HS code in a claim or a producer
  document that is well formed but is not a subheading of the edition used is an input problem (HS_UNKNOWN).
  Each heading ("87.03") lists the last two digits of its subheadings. HS 2012 is given in full (${editions[0][1].length} subheadings); HS 2017
  (${editions[1][1].length}) and HS 2022 (${editions[2][1].length}) list only the headings whose subheadings changed from the edition
  before, each with its whole list in the new edition ("" for a heading the edition deleted).
unit: table
reference:
  instrument: HS
  provision: >-
    Nomenclature of the Harmonized Commodity Description and Coding System, HS 2012, HS 2017 and HS 2022 editions
    (WCO), 6-digit subheadings
  url: https://unstats.un.org/unsd/classifications/Econ
  confidence: confirmed
notes:
  - status: info
    text: >-
      Source: United Nations Statistics Division, UN Comtrade classification files classificationH4.json (HS
      2012), classificationH5.json (HS 2017) and classificationH6.json (HS 2022), as kept in the data-raw folder
      of the MIT-licensed R package "concordance" (github.com/insongkim/concordance, commit 201c812); only the
      subheading numbers are used, not the WCO's descriptions. Written by scripts/hs-nomenclature.mjs.
      Cross-checked: the UNSD correlation tables HS2017-HS2012 and HS2022-HS2017/HS2012 (same folder) list
      exactly these subheadings.
values:
  2020-07-01:
    value:
      HS2012:
        headings:
${lines(maps[0])}
      HS2017:
        basedOn: HS2012
        headings:
${lines(changed(maps[0], maps[1]))}
      HS2022:
        basedOn: HS2017
        headings:
${lines(changed(maps[1], maps[2]))}
`);
