/**
 * The files a claim names (its producer document, a table and its mapping), resolved inside one root folder
 * and remembered, so that outputs can refuse to write over any of them.
 */
import { dirname } from 'node:path';
import { limitsOf, resolveReference, type ReadLimits, type ReadPolicy } from '../documents/files.js';

export interface InputFile {
  path: string;
  /** What it is, for messages: "the claim", "the producer document", "a table", "a column mapping". */
  role: string;
}

export interface References {
  /** The folder every reference must stay inside. */
  readonly root: string;
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
