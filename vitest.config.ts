import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Most of the suite waits on real processes (odw, git, scripted agents), so one worker per core
// keeps both cores busy; vitest's default (cores - 1) ran the files one at a time on 2 cores.
// More workers than cores only queue those processes behind each other.
const workers = Math.max(2, availableParallelism());

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: workers,
  },
});
