import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker per CPU but one: a single worker on a 2-core CI machine. Most test files
    // wait on child processes (the CLI, cargo, bwrap, Chromium) or on the fake server's delays, so three
    // overlap well on 2 cores.
    maxWorkers: 3,
  },
});
