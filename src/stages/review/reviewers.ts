/** Reviewer agents, in parallel, in the candidate workspace; each answers with the review schema. */
import { readFileSync } from 'node:fs';
import type { WithReview } from '../../config/pipeline.generated.js';
import type { Candidate } from '../../ports/git.js';
import { agentFailure, callAgent } from '../../workflow/agent.js';
import type { CandidateSet } from '../../workflow/candidates.js';
import { REVIEW_SCHEMA } from '../../workflow/schemas.js';
import type { StageContext } from '../types.js';
import { REVIEWER_FAILED, toReview, type Review } from './aggregate.js';
import type { ChangeInfo } from './change.js';
import type { CheckResult } from './check.js';
import { reviewDefinition } from './definition.js';

const MAX_DIFF_CHARS = 50_000;

export async function runReviewers(
  ctx: StageContext,
  w: WithReview,
  cwd: string,
  candidate: Candidate,
  set: CandidateSet,
  check?: CheckResult,
  change?: ChangeInfo,
): Promise<Review[]> {
  const reviewers = w.reviewers?.length ? w.reviewers : [{ id: 'reviewer', runtime: undefined, perspective: undefined }];
  const full = readFileSync(candidate.patchFile, 'utf8');
  const limit = w.maxDiffChars ?? MAX_DIFF_CHARS;
  const diff =
    full.length > limit ? `${full.slice(0, limit)}\n… (diff truncated at ${limit} of ${full.length} characters; read the files in the workspace)` : full;
  return Promise.all(
    reviewers.map(async (r): Promise<Review> => {
      const prompt = ctx.render(w.prompt ?? '{{diff}}', {
        reviewer: { id: r.id, perspective: r.perspective ?? '' },
        candidate: { files: candidate.files, tasks: candidate.tasks },
        diff,
        tasks: set.tasks,
        check: check ?? null,
        round: ctx.round ?? 1,
        change: change ?? null,
      });
      const runtime = r.runtime ?? ctx.stage.runtime ?? reviewDefinition.runtime!;
      const result = await callAgent(ctx, { runtime, prompt, cwd, schema: REVIEW_SCHEMA, timeout: w.timeout, meta: { reviewer: r.id } });
      if (result.outcome !== 'ok') {
        const cause = agentFailure(result, `reviewer ${r.id}`);
        return {
          reviewer: r.id,
          decision: 'reject',
          summary: cause.message,
          blockers: [{ message: `${REVIEWER_FAILED}${cause.message}`, source: r.id }],
          failed: cause.category,
        };
      }
      return toReview(r.id, result.structured);
    }),
  );
}
