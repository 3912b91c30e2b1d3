/** `uses: apply` — the approved candidate, applied to the user's tree all or nothing. */
import type { WithApply } from '../../config/pipeline.generated.js';
import type { Candidate } from '../../ports/git.js';
import { failedStep } from '../../workflow/failed.js';
import { requireGit } from '../../workflow/git-run.js';
import type { StageHandler } from '../types.js';

export const applyHandler: StageHandler = async (ctx) => {
  const w = ctx.stage.with as WithApply;
  const from = w.review ?? 'review';
  const review = (ctx.scope.stages as Record<string, { outputs?: { decision?: string; candidate?: Candidate; round?: number } }>)[from]?.outputs;
  if (review?.decision !== 'approve' || !review.candidate) {
    return failedStep({ step: 'apply', files: [] }, { category: 'not_approved', message: `stage "${from}" did not approve a candidate; nothing was applied` });
  }
  const commit = w.commit ? { branch: ctx.render(w.commit.branch), message: ctx.render(w.commit.message) } : undefined;
  const git = requireGit(ctx);
  // A resumed run may have applied the candidate just before it was killed: never apply twice.
  if (ctx.resumed && (await git.isApplied(ctx.run.repo, review.candidate))) {
    const files = review.candidate.files;
    return { status: 'succeeded', outputs: { files, alreadyApplied: true }, history: [{ step: 'apply', ok: true, files, summary: 'already applied before the run was interrupted' }] };
  }
  // The user's git dir and the files the change touches must be as they were at run start (docs/git.md).
  const guarded = await ctx.guard?.beforeApply(review.candidate.files);
  if (guarded && !guarded.ok) return failedStep({ step: 'apply', files: guarded.files }, { category: guarded.category, message: guarded.message }, { outputs: { files: [] } });
  const result = await git.apply(ctx.run.repo, review.candidate, commit ? { commit } : {});
  if (!result.ok) {
    return failedStep({ step: 'apply', files: result.files }, { category: result.category, message: result.message }, { outputs: { files: result.files } });
  }
  const n = result.files.length;
  return {
    status: 'succeeded',
    outputs: { files: result.files, ...(result.commit ? { commit: result.commit } : {}) },
    history: [{ step: 'apply', ok: true, files: result.files, ...(result.commit ? { commit: result.commit } : {}) }],
    headline: `approved in round ${review.round ?? 1}, ${n} file${n === 1 ? '' : 's'} applied`,
  };
};
