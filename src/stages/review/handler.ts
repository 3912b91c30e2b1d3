/**
 * `uses: review` — judge the combined candidate: the pre-review gate, the patch combination, the
 * hazards gate (secrets, symlinks out of the repository), the check, and the reviewers (in
 * parallel), aggregated by policy. needs_owner ends the run with nothing applied; a reject gives
 * the loop its cause (`exhaustion`): the loop, not the review, decides whether a round follows.
 * With `base` or `worktree` it judges an existing change instead (change.ts): a reject is final.
 */
import type { WithReview } from '../../config/pipeline.generated.js';
import type { Candidate, GitRun } from '../../ports/git.js';
import type { Blocker } from '../../tasks/types.js';
import { allFiles, candidateSetOf, mergeSets, type CandidateSet } from '../../workflow/candidates.js';
import { isFatal } from '../../workflow/agent.js';
import { failedStep } from '../../workflow/failed.js';
import { gitRun, requireGit } from '../../workflow/git-run.js';
import type { PlanNode } from '../../plan/types.js';
import type { StageContext, StageHandler, StageResult } from '../types.js';
import { aggregate, type Decision, type Review } from './aggregate.js';
import { existingChange, reviewsExistingChange, type ChangeInfo } from './change.js';
import { checkBlocker, runCheck, type CheckResult } from './check.js';
import { preReviewGate } from './gate.js';
import { hazardsGate } from './hazards.js';
import type { ReviewOutputs } from './outputs.js';
import { runReviewers } from './reviewers.js';

export const reviewHandler: StageHandler = async (ctx) => {
  const w = ctx.stage.with as WithReview;
  if (reviewsExistingChange(w)) {
    const change = await existingChange(ctx, w);
    if ('status' in change) return change;
    return judge(ctx, w, change.set, change.candidate, change.run, change.change);
  }
  const round = ctx.round ?? 1;
  const set = candidateSet(ctx);
  if (typeof set === 'string') return failedStep({ step: 'review', round }, { category: 'no_candidate', message: set });
  const gate = preReviewGate(set);
  if (gate) return decide(ctx, set, { decision: 'reject', gate: 'pre_review', blockers: gate.blockers, targets: gate.targets, reviews: [] });

  const git = requireGit(ctx);
  const run = gitRun(ctx, set.base);
  const patches = set.results.flatMap((r) => (r.patch && r.files.length ? [r.patch] : []));
  const combined = await git.combine(run, patches, { name: candidateName(ctx, round) });
  if (!combined.ok) {
    const blockers: Blocker[] = combined.blockers.map((b) => ({
      message: `${b.category}: ${b.message}`,
      ...(b.files[0] ? { file: b.files[0] } : {}),
      source: 'gate',
    }));
    const targets = [...new Set(combined.blockers.flatMap((b) => b.tasks))];
    return decide(ctx, set, { decision: 'reject', gate: 'preflight', preflight: combined.blockers[0], blockers, targets, reviews: [] });
  }
  return judge(ctx, w, set, combined.candidate, run);
};

/** The hazards gate, the check and the reviewers on a candidate, aggregated into a verdict. */
async function judge(ctx: StageContext, w: WithReview, set: CandidateSet, candidate: Candidate, run: GitRun, change?: ChangeInfo): Promise<StageResult> {
  const round = ctx.round ?? 1;
  const git = requireGit(ctx);
  const hazards = hazardsGate(candidate.patchFile, set, { secrets: ctx.run.secrets ?? [], allowOutsideSymlinks: w.allowOutsideSymlinks });
  if (hazards)
    return decide(ctx, set, { decision: 'reject', gate: 'hazards', blockers: hazards.blockers, targets: hazards.targets, reviews: [], candidate, change });
  const check = ctx.render(w.check ?? '').trim();
  const outcome = await git.withReviewWorkspace(
    run,
    candidate,
    async (ws) => {
      const checkResult = check ? await runCheck(ctx, check, ws.path, w.timeout, w.excerpt) : undefined;
      const reviews = await runReviewers(ctx, w, ws.path, candidate, set, checkResult, change);
      return { checkResult, reviews };
    },
    { reuse: ctx.stage.id },
  );
  if (ctx.signal.aborted) return { status: 'cancelled' };
  const broke = outcome.reviews.find((r) => isFatal(r.failed ? { category: r.failed } : undefined));
  if (broke) return failedStep({ step: 'review', round }, { category: broke.failed!, message: broke.summary });
  const blockers = [
    ...(outcome.checkResult && !outcome.checkResult.ok ? [{ message: checkBlocker(outcome.checkResult), source: 'check' }] : []),
    ...outcome.reviews.flatMap((r) => r.blockers),
  ];
  let decision = aggregate(outcome.reviews, w.policy);
  if (outcome.checkResult && !outcome.checkResult.ok && decision === 'approve') decision = 'reject';
  if (decision === 'reject' && !blockers.length) blockers.push({ message: 'a reviewer rejected the candidate without naming a blocker', source: 'review' });
  return decide(ctx, set, { decision, gate: 'review', blockers, reviews: outcome.reviews, candidate, check: outcome.checkResult, change });
}

/**
 * What this round judges: the newest candidate set of this review's repairs (a later round), or
 * else the candidate sets of the stages it reviews (`from`), combined in order.
 */
function candidateSet(ctx: StageContext): CandidateSet | string {
  const { repairs = [], from = [] } = ctx.stage.edges;
  for (const id of repairs) {
    const repaired = candidateSetOf(ctx, id);
    if (repaired) return repaired;
  }
  if (!from.length) return 'no earlier stage produced a candidate to review (odw validate says why)';
  const sets: CandidateSet[] = [];
  for (const id of from) {
    const set = candidateSetOf(ctx, id);
    if (!set) return `stage "${id}" produced no candidate to review`;
    sets.push(set);
  }
  const merged = mergeSets(sets);
  return 'problem' in merged ? `the candidates of ${from.join(', ')} cannot be reviewed together: ${merged.problem}` : merged;
}

/** `candidate.r<round>`; with several review stages in the pipeline, each names its own (`<stage>.candidate.r<round>`). */
function candidateName(ctx: StageContext, round: number): string {
  const count = (nodes: PlanNode[]): number => nodes.reduce((n, x) => n + (x.type === 'loop' ? count(x.children) : x.kind === 'review' ? 1 : 0), 0);
  return count(ctx.plan.nodes) > 1 ? `${ctx.stage.id}.candidate.r${round}` : `candidate.r${round}`;
}

interface Verdict {
  decision: Decision;
  gate: 'pre_review' | 'preflight' | 'hazards' | 'review';
  blockers: Blocker[];
  reviews: Review[];
  targets?: string[];
  preflight?: unknown;
  candidate?: Candidate;
  check?: CheckResult;
  /** Set for a review of an existing change: what was compared. */
  change?: ChangeInfo;
}

function decide(ctx: StageContext, set: CandidateSet, v: Verdict): StageResult {
  const round = ctx.round ?? 1;
  const files = v.change ? (v.candidate?.files ?? []) : allFiles(set.results);
  const history = {
    step: 'review',
    round,
    decision: v.decision,
    gate: v.gate,
    tasks: set.results.map((r) => r.task),
    files,
    blockers: v.blockers,
    reviewers: v.reviews.map((r) => ({
      reviewer: r.reviewer,
      decision: r.decision,
      summary: r.summary,
      blockers: r.blockers.length,
      ...(r.failed ? { failed: r.failed } : {}),
    })),
    ...(v.check ? { check: { command: v.check.command, ok: v.check.ok, exitCode: v.check.exitCode, log: v.check.log } } : {}),
    ...(v.change ? { change: v.change } : {}),
    ok: v.decision === 'approve',
  };
  const outputs: ReviewOutputs = {
    decision: v.decision,
    gate: v.gate,
    blockers: v.blockers,
    reviews: v.reviews,
    candidates: set,
    round,
    ...(v.targets ? { targets: v.targets } : {}),
    ...(v.candidate ? { candidate: v.candidate } : {}),
    ...(v.preflight ? { preflight: v.preflight } : {}),
    ...(v.check ? { check: v.check } : {}),
    ...(v.change ? { change: v.change } : {}),
  };
  const first = v.blockers[0]?.message.split('\n')[0];
  if (v.decision === 'needs_owner') {
    const error = { category: 'needs_owner', message: `the reviewers need a decision from the owner${first ? `: ${first}` : ''}` };
    return failedStep(history, error, { outputs, headline: `needs owner in round ${round}: ${first ?? ''}` });
  }
  if (v.decision !== 'reject') {
    const headline = v.change ? { headline: `approved ${changeName(v.change)} (${files.length} file${files.length === 1 ? '' : 's'})` } : {};
    return { status: 'succeeded', outputs, history: [history], ...headline };
  }
  // An existing change has no tasks to repair: its reject is final, whatever loop it is in.
  if (v.change) {
    const message = `the review rejected ${changeName(v.change)} (${v.blockers.length} blocker${v.blockers.length === 1 ? '' : 's'}): ${first ?? ''}`;
    return failedStep(history, { category: 'review_rejected', message }, { outputs });
  }
  return { status: 'succeeded', outputs, history: [history], exhaustion: exhaustion(v, round, first) };
}

/** What a reject is when no round follows (the loop decides): the pre_review gate's, or the reviewers'. */
function exhaustion(v: Verdict, round: number, first: string | undefined): { category: string; message: string } {
  const category = v.gate === 'pre_review' ? 'implementation_pre_review_blocked' : 'review_rounds_exhausted';
  return {
    category,
    message: `still rejected after ${round} round${round === 1 ? '' : 's'} (${v.blockers.length} blocker${v.blockers.length === 1 ? '' : 's'}): ${first ?? ''}`,
  };
}

function changeName(change: ChangeInfo): string {
  return change.source === 'base' ? `HEAD against ${change.base}` : 'the uncommitted changes';
}
