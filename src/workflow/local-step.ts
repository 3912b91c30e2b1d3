/** The local executor: a task step in a workspace of this machine (the default, `--executor local`). */
import type { TaskExecutor } from '../ports/executor.js';
import type { TaskPatch } from '../ports/git.js';
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
        if (step.seedFrom?.length) await git.seed(wt, step.seedFrom);
        const since = step.seedFrom?.length ? await git.filesTree(wt) : undefined;
        if (step.seed) await git.seed(wt, [step.seed as TaskPatch]);
        const agent = await callAgent(ctx, { runtime: step.runtime, prompt: step.prompt, cwd: wt.path, meta: { task: step.task, round: step.round } });
        const patch = await git.capture(run, wt, { name: step.name, ...(since ? { since } : {}) });
        return { agent, patch };
      },
      { pendingRemovals: step.pendingRemovals },
    );
  },
};
