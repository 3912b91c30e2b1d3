/** What `odw resume` does: continue an interrupted run from its record, print the summary. */
import { loadPipeline } from '../../config/load.js';
import { formatConfigError } from '../../config/errors.js';
import type { ExecutionPlan } from '../../plan/types.js';
import { recordedInputs, runSession, runToResume } from '../../run/session.js';
import { EXIT } from '../exit.js';
import type { CommandContext } from '../main.js';
import { findRepo } from '../repo.js';
import { chooseRenderer } from '../render/choose.js';
import { exitFor, onInterrupt, printSummary } from './run.js';

export async function resume(ctx: CommandContext, id: string, flags: { repo?: string; json?: boolean; executor?: string }): Promise<number> {
  const { io } = ctx;
  const repo = findRepo(io.cwd, flags.repo);
  const prior = runToResume(repo, id);
  const loaded = await loadPipeline(prior.pipeline.file, { cwd: io.cwd });
  if (!loaded.ok) {
    for (const e of loaded.errors) io.err(formatConfigError(e, io.cwd));
    return EXIT.usage;
  }
  const controller = new AbortController();
  const release = onInterrupt(io, controller);
  try {
    const sink = (plan: ExecutionPlan) => chooseRenderer(io, { json: flags.json, plan });
    const rawInputs = recordedInputs(prior);
    const result = await runSession({
      pipeline: loaded.pipeline,
      rawInputs,
      inputsCwd: repo,
      repo,
      env: io.env,
      signal: controller.signal,
      sink,
      resumeId: prior.id,
      ...(flags.executor ? { executor: flags.executor } : {}),
    });
    if (!flags.json) printSummary(io, result.record);
    return exitFor(result.status);
  } finally {
    release();
  }
}
