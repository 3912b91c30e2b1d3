/**
 * `uses: repair` — send back only the tasks that own the root cause of the review's blockers,
 * with the feedback; keep every other task's candidate.
 */
import type { WithRepair } from '../../config/pipeline.generated.js';
import type { TaskPatch } from '../../ports/git.js';
import { allFiles, routingView, type CandidateSet, type TaskResult } from '../../workflow/candidates.js';
import { failedStep } from '../../workflow/failed.js';
import { implementTasks } from '../../workflow/implement.js';
import { isFatal } from '../../workflow/agent.js';
import { requireGit } from '../../workflow/git-run.js';
import { leadLine } from '../../util/format.js';
import type { StageHandler } from '../types.js';
import { reviewOutputs } from '../review/outputs.js';
import { feedbackFor } from './feedback.js';
import { repoReader } from './reader.js';
import { routeReview } from './review-route.js';
import type { Route, RouteReason } from './route.js';
import type { RepairOutputs } from './outputs.js';

export const repairHandler: StageHandler = async (ctx) => {
  const w = ctx.stage.with as WithRepair;
  const reviewId = ctx.stage.edges.review?.[0];
  const review = reviewId === undefined ? undefined : reviewOutputs(ctx, reviewId);
  const set = review?.candidates;
  if (!review || !set) {
    const message = reviewId === undefined ? 'no review stage to repair from (odw validate says why)' : `stage "${reviewId}" has no review to repair from`;
    return failedStep({ step: 'repair', round: ctx.round ?? 1 }, { category: 'no_review', message });
  }
  const blockers = review.blockers ?? [];
  const round = (ctx.round ?? 1) + 1;
  // An approved review has nothing to repair (a repair without a `when` runs after an approval too).
  const approved = review.decision === 'approve';
  const route: Route = approved ? { tasks: [], reasons: [] } : routeReview(review, routingView(set), repoReader(ctx.run.repo));
  const targets = set.tasks.filter((t) => route.tasks.includes(t.id));
  const feedback = new Map(targets.map((t) => [t.id, feedbackFor(t.id, review, route.reasons, w.maxFeedbackChars)]));
  const previous = new Map(set.results.map((r) => [r.task, r]));
  const rerun = !targets.length
    ? []
    : await implementTasks(ctx, {
        tasks: targets,
        allTasks: set.tasks,
        base: set.base,
        round,
        prompt: w.prompt ?? '{{task.prompt}}\n\n{{feedback}}',
        feedback,
        previous,
        seeds: seedsOf(
          set,
          targets.map((t) => t.id),
        ),
        concurrency: ctx.plan.concurrency,
      });
  if (ctx.signal.aborted) return { status: 'cancelled' };
  const results = set.results.map((r) => rerun.find((x) => x.task === r.task) ?? r);
  const scope = requireGit(ctx).checkScope(set.tasks.map((t) => ({ id: t.id, owns: t.files, files: results.find((r) => r.task === t.id)?.files ?? [] })));
  const candidates: CandidateSet = { ...set, results, scope };
  const kept = set.tasks.map((t) => t.id).filter((id) => !route.tasks.includes(id));
  // A blocker that names its file is the clearest reason; it is listed (and shown) first.
  const named = (r: RouteReason) => (r.rule === 'blocker-file' ? 0 : 1);
  const reasons = [...route.reasons]
    .sort((a, b) => named(a) - named(b))
    .map((r) => ({
      task: r.task,
      why: r.why,
      rule: r.rule,
      ...(r.evidence ? { evidence: r.evidence } : {}),
      blocker: r.blocker >= 0 ? leadLine(blockers[r.blocker]?.message) : undefined,
    }));
  const budget = rerun.find((r) => isFatal(r.error));
  const idle = targets.length
    ? {}
    : { summary: approved ? 'the review approved: nothing to repair' : 'no task was blamed (only reviewers failed): the same candidate is reviewed again' };
  const history = [{ step: 'repair', round: round - 1, tasks: route.tasks, kept, reasons, files: allFiles(rerun), ok: rerun.every((r) => r.ok), ...idle }];
  if (budget?.error) return failedStep(history[0], budget.error, { outputs: { candidates } });
  const outputs: RepairOutputs = { candidates, repaired: route.tasks, kept, reasons };
  return { status: 'succeeded', outputs, history };
};

/** A task of a seeded fanout starts again from the current patches of the tasks it was seeded by. */
function seedsOf(set: CandidateSet, ids: string[]): Map<string, { tasks: string[]; patches: TaskPatch[] }> {
  const byTask = new Map<string, TaskResult>(set.results.map((r) => [r.task, r]));
  const seeds = new Map<string, { tasks: string[]; patches: TaskPatch[] }>();
  for (const id of ids) {
    const by = byTask.get(id)?.seededBy ?? [];
    if (by.length) seeds.set(id, { tasks: by, patches: by.flatMap((t) => (byTask.get(t)?.patch ? [byTask.get(t)!.patch!] : [])) });
  }
  return seeds;
}
