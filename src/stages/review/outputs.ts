/** What a `review` stage gives the stages after it (repair and apply read it through their `review` edge). */
import type { Candidate } from '../../ports/git.js';
import type { Blocker } from '../../tasks/types.js';
import type { CandidateSet } from '../../workflow/candidates.js';
import { outputsOf } from '../outputs.js';
import type { StageContext } from '../types.js';
import type { Decision, Review } from './aggregate.js';
import type { CheckResult } from './check.js';

export type ReviewOutputs = {
  decision: Decision;
  gate: 'pre_review' | 'preflight' | 'hazards' | 'review';
  blockers: Blocker[];
  reviews: Review[];
  /** The candidate set that was judged (a repair starts from it). */
  candidates: CandidateSet;
  round: number;
  /** Tasks the gates sent back (failed, out of scope, conflicting). */
  targets?: string[];
  /** The combined patch that was judged (apply applies it when approved). */
  candidate?: Candidate;
  preflight?: unknown;
  check?: CheckResult;
};

export const reviewOutputs = (ctx: Pick<StageContext, 'scope'>, id: string) => outputsOf<ReviewOutputs>(ctx, id);
