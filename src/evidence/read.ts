/**
 * Reading an evidence file (YAML or JSON) as claims are read: every problem at once, each with its file,
 * line, field path and code; the file is refused whole if any item has a problem (exit code 2).
 */
import { readDocument } from '../documents/read.js';
import { InputError, sortProblems, syntaxToInputError, type InputProblem } from '../input/problems.js';
import { problemAt, validateDocument } from '../input/validate.js';
import { evidenceDocumentSchema, type EvidenceItem } from './schema.js';

/** The items of an evidence file, validated; throws InputError listing every problem. */
export function readEvidenceFile(file: string): EvidenceItem[] {
  let doc;
  try {
    doc = readDocument(file);
  } catch (err) {
    throw syntaxToInputError(err);
  }
  const checked = validateDocument(doc, evidenceDocumentSchema);
  const problems: InputProblem[] = checked.ok ? [] : [...checked.problems];
  const items = Array.isArray((doc.data as { evidence?: unknown })?.evidence)
    ? ((doc.data as { evidence: Array<{ id?: unknown }> }).evidence ?? [])
    : [];
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    if (typeof item?.id !== 'string') return;
    const first = seen.get(item.id);
    if (first !== undefined)
      problems.push(
        problemAt(
          doc,
          ['evidence', i, 'id'],
          'EVIDENCE_DUPLICATE_ID',
          `evidence ${item.id} is also item ${first} of this file`,
        ),
      );
    else seen.set(item.id, i);
  });
  if (problems.length > 0 || !checked.ok) throw new InputError(sortProblems(problems));
  return checked.value.evidence;
}
