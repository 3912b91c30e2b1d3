/**
 * `uses: repair` — send back only the tasks that own the root cause of the review's blockers,
 * with the feedback; keep every other task's candidate.
 */
import type { WithRepair } from '../../config/pipeline.generated.js';
import type { Blocker } from '../../tasks/types.js';
import { allFiles, routingView, type CandidateSet } from '../../workflow/candidates.js';
import { failedStep } from '../../workflow/failed.js';
import { implementTasks } from '../../workflow/implement.js';
import { isFatal } from '../../workflow/agent.js';
import { requireGit } from '../../workflow/git-run.js';
import type { StageHandler } from '../types.js';
import { feedbackFor } from './feedback.js';
import { repoReader } from './reader.js';
import { routeReview } from './review-route.js';
import type { RouteReason } from './route.js';

export const repairHandler: StageHandler = async (ctx) => {
  const w = ctx.stage.with as WithRepair;
  const reviewId = w.review ?? 'review';
  const review = (ctx.scope.stages as Record<string, { outputs?: Record<string, unknown> }>)[reviewId]?.outputs;
  const set = review?.candidates as CandidateSet | undefined;
  if (!review || !set)
    return failedStep({ step: 'repair', round: ctx.round ?? 1 }, { category: 'no_review', message: `stage "${reviewId}" has no review to repair from` });
  const blockers = (review.blockers as Blocker[]) ?? [];
  const round = (ctx.round ?? 1) + 1;
  const route = routeReview(review, routingView(set), repoReader(ctx.run.repo));
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
      blocker: r.blocker >= 0 ? blockers[r.blocker]?.message.split('\n')[0] : undefined,
    }));
  const budget = rerun.find((r) => isFatal(r.error));
  const idle = targets.length ? {} : { summary: 'no task was blamed (only reviewers failed): the same candidate is reviewed again' };
  const history = [{ step: 'repair', round: round - 1, tasks: route.tasks, kept, reasons, files: allFiles(rerun), ok: rerun.every((r) => r.ok), ...idle }];
  if (budget?.error) return failedStep(history[0], budget.error, { outputs: { candidates } });
  return { status: 'succeeded', outputs: { candidates, repaired: route.tasks, kept, reasons }, history };
};
