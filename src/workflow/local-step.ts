/** The local executor: a task step in a workspace of this machine (the default, `--executor local`). */
import type { TaskExecutor } from '../ports/executor.js';
import type { Git, TaskPatch, Worktree } from '../ports/git.js';
import type { StageContext } from '../stages/types.js';
import { callAgent } from './agent.js';
import { gitRun, requireGit } from './git-run.js';

export const localExecutor: TaskExecutor<StageContext> = {
  async runStep(ctx, step) {
    const git = requireGit(ctx);
    const run = gitRun(ctx, step.base);
    return git.withWorkspace(
      run,
      step.task,
      async (wt) => {
        const since = await startFrom(git, wt, step.seedFrom, step.seed as TaskPatch | undefined);
        const agent = await callAgent(ctx, { runtime: step.runtime, prompt: step.prompt, cwd: wt.path, meta: { task: step.task, round: step.round } });
        const patch = await git.capture(run, wt, { name: step.name, ...(since ? { since } : {}) });
        return { agent, patch };
      },
      { pendingRemovals: step.pendingRemovals },
    );
  },
};

/**
 * A fresh workspace as a step starts from it: the `seedFrom` patches, then its own seed patch.
 * Returns the tree after the `seedFrom` patches (capture `since` it, so the patch holds only the
 * step's own changes), or undefined when there are none. The remote executor's re-capture uses it too.
 */
export async function startFrom(git: Git, wt: Worktree, seedFrom: TaskPatch[] | undefined, seed: TaskPatch | undefined): Promise<string | undefined> {
  if (seedFrom?.length) await git.seed(wt, seedFrom);
  const since = seedFrom?.length ? await git.filesTree(wt) : undefined;
  if (seed) await git.seed(wt, [seed]);
  return since;
}
