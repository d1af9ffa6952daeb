import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/temp-folder.setup.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
