/**
 * The files a claim names (its producer document, a table and its mapping), resolved inside one root folder
 * and remembered, so that outputs can refuse to write over any of them.
 */
import { dirname } from 'node:path';
import { limitsOf, resolveReference, type ReadLimits, type ReadPolicy } from '../documents/files.js';

/** A file read for a claim: its resolved path and what it is. */
export interface InputFile {
  /** The path as resolved (inside the root folder). */
  path: string;
  /** What it is, for messages: "the claim", "the producer document", "a table", "a column mapping". */
  role: string;
}

/**
 * How a claim's references to other files are resolved: inside one root folder, within the read limits, each file
 * remembered. `resolve` throws FileRefusal for a file outside the root, not a regular file, or too large.
 */
export interface References {
  /** The folder every reference must stay inside. */
  readonly root: string;
  /** The largest file and table a read accepts (bytes, rows). */
  readonly limits: ReadLimits;
  /** Every file read for this claim. */
  readonly files: InputFile[];
  /** Resolves a path written in a document in `fromDir`; throws FileRefusal. Records the file as read. */
  resolve(fromDir: string, written: string, role: string): string;
}

/** References for a claim file: confined to its folder unless the policy names a root. */
export function referencesFor(claimFile: string | undefined, policy: ReadPolicy = {}, baseDir = '.'): References {
  const root = policy.root ?? (claimFile === undefined ? baseDir : dirname(claimFile));
  const files: InputFile[] = claimFile === undefined ? [] : [{ path: claimFile, role: 'the claim' }];
  return {
    root,
    limits: limitsOf(policy),
    files,
    resolve(fromDir, written, role) {
      const path = resolveReference(root, fromDir, written);
      files.push({ path, role });
      return path;
    },
  };
}
