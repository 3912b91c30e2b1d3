/** `uses: fanout` — every planned task implemented by its agent in its own worktree, in parallel. */
import type { WithFanout } from '../../config/pipeline.generated.js';
import type { TaskPatch } from '../../ports/git.js';
import { allFiles, candidateSetOf, type CandidateSet } from '../../workflow/candidates.js';
import { requireGit } from '../../workflow/git-run.js';
import { failedStep } from '../../workflow/failed.js';
import { implementTasks } from '../../workflow/implement.js';
import { isFatal } from '../../workflow/agent.js';
import { planOutputs } from '../plan/outputs.js';
import type { FanoutOutputs } from './outputs.js';
import type { StageContext, StageHandler } from '../types.js';

export const fanoutHandler: StageHandler = async (ctx) => {
  const w = ctx.stage.with as WithFanout;
  const from = ctx.stage.edges.plan;
  const planned = from === undefined ? undefined : planOutputs(ctx, from);
  if (!planned?.tasks?.length || !planned.base) {
    const message =
      from === undefined ? 'no plan stage names the tasks to implement (odw validate says why)' : `stage "${from}" produced no tasks to implement`;
    return failedStep({ step: 'implement', round: 1 }, { category: 'no_tasks', message });
  }
  const seeds = seedsOf(ctx);
  const results = await implementTasks(ctx, {
    ...(seeds.patches.length ? { seeds: new Map(planned.tasks.map((t) => [t.id, seeds])) } : {}),
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
  const outputs: FanoutOutputs = { candidates };
  return { status: 'succeeded', outputs, history: [{ ...entry, ok: failedTasks.length === 0 && scope.length === 0 }] };
};

/** The patches of the `seedFrom` stages (their latest candidate sets), in order: each workspace starts from them. */
function seedsOf(ctx: StageContext): { tasks: string[]; patches: TaskPatch[] } {
  const results = (ctx.stage.edges.seedFrom ?? []).flatMap((id) => candidateSetOf(ctx, id)?.results ?? []);
  const seeded = results.filter((r) => r.patch && r.patch.bytes > 0);
  return { tasks: seeded.map((r) => r.task), patches: seeded.map((r) => r.patch!) };
}
