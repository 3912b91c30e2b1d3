/** What `odw resume` does: continue an interrupted run from its record. */
import { loadPipeline } from '../../config/load.js';
import { formatConfigError } from '../../config/errors.js';
import { createPorts } from '../../compose.js';
import { readRun, shownStatus } from '../../record/read.js';
import { execute } from '../../run/execute.js';
import { resolveInputs } from '../../run/inputs.js';
import { EXIT } from '../exit.js';
import { UserError } from '../../util/errors.js';
import type { CommandContext } from '../main.js';
import { findRepo } from '../repo.js';
import { chooseRenderer } from '../render/choose.js';
import { compile } from '../../plan/compile.js';
import { exitFor, onInterrupt, printSummary, requireAgents } from './run.js';


export async function resume(ctx: CommandContext, id: string, flags: { repo?: string; json?: boolean }): Promise<number> {
  const { io } = ctx;
  const repo = findRepo(io.cwd, flags.repo);
  const prior = readRun(repo, id);
  const status = shownStatus(prior);
  if (status === 'running') throw new UserError(`run ${prior.id} is still running (process ${prior.pid})`, 'stop it first, or wait for it to finish');
  if (status === 'succeeded' || status === 'failed') {
    throw new UserError(`run ${prior.id} ${status}; only interrupted or cancelled runs can be resumed`, 'start a new run with: odw run <pipeline>');
  }
  const loaded = await loadPipeline(prior.pipeline.file, { cwd: io.cwd });
  if (!loaded.ok) {
    for (const e of loaded.errors) io.err(formatConfigError(e, io.cwd));
    return EXIT.usage;
  }
  // The run's own input values; file inputs are read again from their recorded paths.
  const raw = new Map(Object.entries(prior.inputs).filter(([, v]) => v !== '' && v !== null && v !== undefined).map(([k, v]) => [k, String(v)]));
  const inputs = resolveInputs(loaded.pipeline.spec.inputs ?? {}, raw, repo);
  const plan = compile(loaded.pipeline);
  requireAgents(loaded.pipeline, plan, io, repo);
  const controller = new AbortController();
  const release = onInterrupt(io, controller);
  try {
    const sink = await chooseRenderer(io, { json: flags.json, plan });
    const ports = createPorts({ env: io.env, budget: loaded.pipeline.spec.budget, answerPolicy: loaded.pipeline.spec.answerPolicy });
    const result = await execute({ pipeline: loaded.pipeline, inputs, repo, ports, env: io.env, signal: controller.signal, sinks: [sink], resumeId: prior.id });
    if (!flags.json) printSummary(io, result.record);
    return exitFor(result.status);
  } finally {
    release();
  }
}
