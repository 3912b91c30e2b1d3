/** Runs a stage list through the real interpreter with scripted handlers (no processes). */
import { compile } from '../../src/plan/compile.js';
import { systemClock } from '../../src/adapters/clock.js';
import { createProcessRunner } from '../../src/adapters/process.js';
import { execute } from '../../src/run/execute.js';
import type { StageHandler } from '../../src/stages/types.js';
import { stageHandlers } from '../../src/stages/registry.js';
import { tempDir } from './tmp.js';

export async function runStages(
  stages: unknown[],
  opts: { handlers?: Record<string, StageHandler>; inputs?: Record<string, unknown>; concurrency?: number; signal?: AbortSignal; repo?: string } = {},
) {
  const repo = opts.repo ?? tempDir();
  const pipeline = {
    file: `${repo}/pipeline.yml`,
    dir: repo,
    name: 'test',
    templates: {},
    spec: { stages: stages as never, ...(opts.concurrency ? { concurrency: opts.concurrency } : {}) },
  };
  compile(pipeline); // fail fast on a malformed test pipeline
  const result = await execute({
    pipeline,
    inputs: { values: opts.inputs ?? {}, files: {} },
    repo,
    ports: { process: createProcessRunner(), clock: systemClock },
    env: {},
    signal: opts.signal ?? new AbortController().signal,
    handlers: { ...stageHandlers, ...opts.handlers },
  });
  return { ...result, repo, record: result.record.record, dir: result.record.dir };
}
