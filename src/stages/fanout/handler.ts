/** `uses: fanout` — every planned task implemented by its agent in its own worktree, in parallel. */
import type { WithFanout } from '../../config/pipeline.generated.js';
import type { Task } from '../../tasks/types.js';
import { allFiles, type CandidateSet } from '../../workflow/candidates.js';
import { requireGit } from '../../workflow/git-run.js';
import { failedStep } from '../../workflow/failed.js';
import { implementTasks } from '../../workflow/implement.js';
import { isFatal } from '../../workflow/agent.js';
import type { StageHandler } from '../types.js';

export const fanoutHandler: StageHandler = async (ctx) => {
  const w = ctx.stage.with as WithFanout;
  const from = w.tasks ?? 'plan';
  const planned = (ctx.scope.stages as Record<string, { outputs?: { tasks?: Task[]; base?: string } }>)[from]?.outputs;
  if (!planned?.tasks?.length || !planned.base) {
    return failedStep({ step: 'implement', round: 1 }, { category: 'no_tasks', message: `stage "${from}" produced no tasks to implement` });
  }
  const results = await implementTasks(ctx, {
    tasks: planned.tasks,
    allTasks: planned.tasks,
    base: planned.base,
    round: 1,
    prompt: w.prompt ?? '{{task.prompt}}',
    concurrency: w.concurrency ?? ctx.plan.concurrency,
  });
  if (ctx.signal.aborted) return { status: 'cancelled' };
  const scope = requireGit(ctx).checkScope(planned.tasks.map((t) => ({ id: t.id, owns: t.files, files: results.find((r) => r.task === t.id)?.files ?? [] })));
  const candidates: CandidateSet = { base: planned.base, tasks: planned.tasks, results, scope };
  const files = allFiles(results);
  const failedTasks = results.filter((r) => !r.ok).map((r) => r.task);
  const entry = {
    step: 'implement',
    round: 1,
    tasks: results.map((r) => r.task),
    files,
    ...(failedTasks.length ? { failed: failedTasks } : {}),
    ...(scope.length ? { scope } : {}),
  };
  const budget = results.find((r) => isFatal(r.error));
  if (budget?.error) return failedStep(entry, budget.error, { outputs: { candidates } });
  if (!files.length && !failedTasks.length)
    return failedStep(entry, { category: 'no_changes', message: 'no task changed any file' }, { outputs: { candidates } });
  return { status: 'succeeded', outputs: { candidates }, history: [{ ...entry, ok: failedTasks.length === 0 && scope.length === 0 }] };
};
