import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Most of the suite waits on real processes (odw, git, scripted agents), so one worker per core
// keeps both cores busy; vitest's default (cores - 1) ran the files one at a time on 2 cores.
// More workers than cores only queue those processes behind each other.
const workers = Math.max(2, availableParallelism());

// The suite starts well over a thousand node processes (odw, scripted agents, checks). It never
// uses TLS (no network but 127.0.0.1), so an inherited CA bundle would only be parsed at every
// one of those starts (NODE_EXTRA_CA_CERTS roughly doubles a bare node start).
delete process.env.NODE_EXTRA_CA_CERTS;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Only a bound for a hung test, never a measure: a file of concurrent multi-run tests (e.g. the
    // seed's G15 and G18, ~40 s each on an idle 2-core machine) must not fail because the machine is busy.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // A worker runs one test file after another without a fresh module graph: no test relies on
    // module state (process.env changes are put back), and a new process per file costs ~10 %.
    isolate: false,
    maxWorkers: workers,
  },
});
