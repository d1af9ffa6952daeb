/**
 * A batch's results are typed outcomes; the batch comes to its worst one (src/batch/run.ts), which the command
 * line maps to its exit code: an internal error over an invalid claim over a failing verdict.
 */
import { describe, expect, it } from 'vitest';
import type { JobResult } from '../../src/batch/job.js';
import { batchOutcome } from '../../src/batch/run.js';

const decided = (verdict: 'originating' | 'not-originating'): JobResult => ({
  kind: 'decided',
  file: `${verdict}.yaml`,
  output: `/out/${verdict}.json`,
  claimId: verdict,
  verdict,
  failing: verdict === 'originating' ? [] : ['rvc'],
});
const invalid: JobResult = { kind: 'invalid', file: 'bad.yaml', problems: [] };
const refused: JobResult = { kind: 'refused', file: 'over.yaml', reason: 'its decision file is the claim' };
const crashed: JobResult = { kind: 'crashed', file: 'bug.yaml', error: 'Error: internal' };

describe('batch outcome', () => {
  it('counts each kind of result', () => {
    expect(batchOutcome([decided('originating'), decided('not-originating'), invalid, refused, crashed])).toEqual({
      outcome: 'some-crashed',
      originating: 1,
      notOriginating: 1,
      invalid: 2,
      crashed: 1,
    });
  });

  it('comes to the worst result: crashed, then invalid or refused, then not originating', () => {
    expect(batchOutcome([decided('originating')]).outcome).toBe('all-originating');
    expect(batchOutcome([]).outcome).toBe('all-originating');
    expect(batchOutcome([decided('originating'), decided('not-originating')]).outcome).toBe('some-not-originating');
    expect(batchOutcome([decided('not-originating'), refused]).outcome).toBe('some-invalid');
    expect(batchOutcome([decided('not-originating'), invalid]).outcome).toBe('some-invalid');
    expect(batchOutcome([invalid, crashed]).outcome).toBe('some-crashed');
  });
});
