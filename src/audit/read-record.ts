/** Reads a decision record file, validating its shape (its hash is checked by replay). */
import { InputError, syntaxToInputError } from '../input/problems.js';
import { readDocument } from '../documents/read.js';
import { validateDocument } from '../input/validate.js';
import { recordSchema, type DecisionRecord } from './record.js';

/**
 * Reads the decision record at `file` (JSON, `usmca-roo/record@1` or `@2`) and checks its shape against
 * recordSchema. Throws InputError with every problem (unreadable, bad syntax, wrong shape); the hash and any
 * signature are checked by replay and the trust checks, not here.
 */
export function readRecord(file: string): DecisionRecord {
  let doc;
  try {
    doc = readDocument(file);
  } catch (err) {
    throw syntaxToInputError(err);
  }
  const checked = validateDocument(doc, recordSchema);
  if (!checked.ok) throw new InputError(checked.problems);
  return doc.data as DecisionRecord;
}
