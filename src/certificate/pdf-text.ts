/**
 * What the page of a PDF certificate must show: the texts renderPdf draws, in its order (the document title, each
 * section's heading in capitals and its lines, then the afterword), and the comparison of a PDF's visible text with
 * them. The page must show every one of them, in that order, and nothing else: a line missing means the page was
 * edited; a text the certificate does not hold (a good, a party or a condition added beside the genuine lines)
 * means the page claims more than the certificate its signature covers. Whitespace and letter case are ignored,
 * because a PDF reader breaks and joins lines its own way.
 */
import { LABELS } from './i18n.js';
import { afterword, sections } from './lines.js';
import type { Certificate } from './model.js';

/** The texts renderPdf draws for `c`, in order (keep in step with render-pdf.ts). */
export function shownTexts(c: Certificate): string[] {
  return [
    LABELS[c.lang].documentTitle,
    ...sections(c).flatMap((s) => [s.title.toUpperCase(), ...s.lines]),
    ...afterword(c).flatMap((s) => [s.title, ...s.lines]),
  ];
}

/** `s` without whitespace, lower case character by character; `at[i]` is the index in `s` of folded unit i. */
function fold(s: string): { text: string; at: number[] } {
  let text = '';
  const at: number[] = [];
  let i = 0;
  for (const ch of s) {
    if (!/\s/u.test(ch)) {
      const lower = ch.toLowerCase();
      text += lower;
      for (let k = 0; k < lower.length; k++) at.push(i);
    }
    i += ch.length;
  }
  return { text, at };
}

/**
 * Compares a PDF's visible text with the texts it must show (`shownTexts`): `missing`, the texts it does not show
 * (in order, as written in the certificate); `extra`, the stretches of visible text that are none of them (as the
 * PDF shows them, white space collapsed). Both empty: the page shows exactly the certificate.
 */
export function compareShownText(pdfText: string, texts: string[]): { missing: string[]; extra: string[] } {
  const page = fold(pdfText);
  const missing: string[] = [];
  const extra: string[] = [];
  const stretch = (from: number, to: number) =>
    pdfText
      .slice(page.at[from], (page.at[to - 1] as number) + 1)
      .replace(/\s+/g, ' ')
      .trim();
  let pos = 0;
  for (const t of texts) {
    const want = fold(t).text;
    if (want === '') continue;
    const found = page.text.indexOf(want, pos);
    if (found < 0) {
      missing.push(t);
      continue;
    }
    if (found > pos) extra.push(stretch(pos, found));
    pos = found + want.length;
  }
  if (pos < page.text.length) extra.push(stretch(pos, page.text.length));
  return { missing, extra };
}
