import type { GitRun } from '../ports/git.js';
import type { StageContext } from '../stages/types.js';

/** The git layer's view of this run. */
export function gitRun(ctx: StageContext, base: string): GitRun {
  return {
    repo: ctx.run.repo,
    runId: ctx.run.id,
    base,
    runDir: ctx.run.dir,
    workspace: ctx.plan.spec.workspace,
    signal: ctx.signal,
  };
}

export function requireGit(ctx: StageContext) {
  if (!ctx.ports.git) throw new Error('no git layer is wired into this run');
  return ctx.ports.git;
}
