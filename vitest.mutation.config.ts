/**
 * The tests that pin the law, for mutation runs (stryker.config.mjs): unit tests, scenarios, the rule pack and
 * its independent transcription, the golden key figures and official examples, one broken input per problem
 * code. Byte-for-byte snapshots, the command line, readers, certificates and the slower property tests are
 * left out: a mutant in legal logic should be killed by a test that names a figure.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/scenarios/**/*.test.ts',
      'test/rules/**/*.test.ts',
      'test/golden/official.test.ts',
      'test/golden/key-figures.test.ts',
      'test/invalid/**/*.test.ts',
    ],
    globalSetup: ['test/temp-folder.setup.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // Mutants are switched at run time, so test files can share one module graph: much faster runs.
    isolate: false,
  },
});
