/**
 * The patch a command is given: a JSON Patch file (`--patch FILE`, JSON or YAML) and `--set PATH=VALUE`
 * assignments, in that order, as one list of operations. Every problem of both is reported at once (InputError).
 */
import { readDocument } from '../documents/read.js';
import { InputError, sortProblems, syntaxToInputError, type InputProblem } from '../input/problems.js';
import { readPatchDocument, setOperations, type Operation, type PatchSource } from './patch.js';

/**
 * The operations of the JSON Patch file `patchFile` (RFC 6902, JSON or YAML; none if undefined) followed by one
 * `replace` or `add` per `PATH=VALUE` of `assignments` (a field path as problems write it, or a JSON Pointer;
 * the value read as YAML with numbers kept as text), with their sources for the decision. Throws InputError
 * (PATCH_INVALID, a syntax error...) with every problem of both.
 */
export function readPatchAndSets(
  patchFile: string | undefined,
  assignments: readonly string[],
): { operations: Operation[]; sources: PatchSource[] } {
  const operations: Operation[] = [];
  const sources: PatchSource[] = [];
  const problems: InputProblem[] = [];
  if (patchFile !== undefined) {
    let read;
    try {
      read = readPatchDocument(readDocument(patchFile));
    } catch (err) {
      throw syntaxToInputError(err);
    }
    operations.push(...read.operations);
    sources.push(read.source);
    problems.push(...read.problems);
  }
  if (assignments.length > 0) {
    const set = setOperations(assignments);
    operations.push(...set.operations);
    sources.push(set.source);
    problems.push(...set.problems);
  }
  if (problems.length > 0) throw new InputError(sortProblems(problems));
  return { operations, sources };
}
