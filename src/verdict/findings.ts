/**
 * The evidence gaps and warnings of a decision as it lists them: without repeats, in a fixed order. Tests report
 * what they find in the order found, and a finding may be reported by more than one (the same gap found under
 * both readings of a switch); the decision keeps the first of each and sorts them by a key of their fields.
 */

/**
 * `list` without the findings whose JSON repeats an earlier one's, in their order in `list`. Findings with the same
 * JSON have the same code and subject, so a finding is written out to compare only when an earlier one shares its
 * code and subject (a decision of a 100,000-line claim has some 10,000 findings, nearly all on different lines).
 */
export function distinctFindings<T extends { code: string; subject?: string | undefined }>(list: readonly T[]): T[] {
  const heads = new Map<string, { first: T; texts?: Set<string> }>();
  return list.filter((w) => {
    const head = `${w.code}\u0000${w.subject ?? '\u0001'}`;
    const earlier = heads.get(head);
    if (earlier === undefined) {
      heads.set(head, { first: w });
      return true;
    }
    earlier.texts ??= new Set([JSON.stringify(earlier.first)]);
    const text = JSON.stringify(w);
    if (earlier.texts.has(text)) return false;
    earlier.texts.add(text);
    return true;
  });
}

/**
 * `list` sorted by `key` in UTF-16 code-unit order (as `<` compares strings), items of equal keys in their order in
 * `list`; each key is computed once.
 */
export function sortedBy<T>(list: readonly T[], key: (t: T) => string): T[] {
  const keyed = list.map((item) => ({ item, key: key(item) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.item);
}

/**
 * `list` sorted by the texts `fields` gives each item, joined by U+0000, as `sortedBy` would sort by that joined key
 * (items of equal keys in their order in `list`), without joining them: the fields are compared one after the
 * other. That is the same order as long as no field but the last holds U+0000 (as none of the codes, subjects and
 * keys of findings can: input texts refuse control characters); otherwise the joined keys are used. A decision's
 * warnings carry messages of some hundreds of characters, which need not be copied into keys this way.
 */
export function sortedByFields<T>(list: readonly T[], fields: (t: T) => readonly string[]): T[] {
  const keyed = list.map((item) => ({ item, fields: fields(item) }));
  const joinedNeeded = keyed.some((k) => k.fields.some((f, i) => i < k.fields.length - 1 && f.includes('\u0000')));
  if (joinedNeeded) return sortedBy(list, (t) => fields(t).join('\u0000'));
  keyed.sort((a, b) => {
    const n = Math.min(a.fields.length, b.fields.length);
    for (let i = 0; i < n; i++) {
      const x = a.fields[i] as string;
      const y = b.fields[i] as string;
      if (x !== y) return x < y ? -1 : 1;
    }
    return a.fields.length - b.fields.length;
  });
  return keyed.map((k) => k.item);
}
