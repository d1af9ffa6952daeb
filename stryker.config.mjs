/**
 * Mutation testing of the legal logic (src/requirements, src/rules) with StrykerJS: `npm run mutate`.
 * Not part of CI: a full run takes a long time on a small machine. Scope a run to one file with
 * `npm run mutate -- --mutate src/requirements/wages.ts`; incremental mode reuses earlier results for
 * unchanged code and tests (reports/stryker-incremental.json).
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  mutate: ['src/requirements/**/*.ts', 'src/rules/**/*.ts'],
  coverageAnalysis: 'perTest',
  // Mutants in module-level constants would need every test for each of them; their data is pinned by the rule-pack
  // tests instead.
  ignoreStatic: true,
  // Texts of messages, titles and citations are not law, and their mutants would take most of a run; a legal
  // comparison with a code ('A.1', 'unknown') is still flipped by the equality and conditional mutators.
  mutator: { excludedMutations: ['StringLiteral'] },
  ignorePatterns: ['.stryker-tmp*', 'reports', 'bench/out', 'coverage'],
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  concurrency: 1,
  timeoutMS: 30000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // TypeScript 7 (the native compiler) has no JavaScript API for Stryker's tsconfig rewriting, and tsconfig.json
  // has no "extends" or "references" that would need rewriting in the sandbox: point the option elsewhere.
  tsconfigFile: 'tsconfig.stryker-none.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
