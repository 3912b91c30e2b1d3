/** Turning reviewers' answers into one decision. */
import type { Blocker } from '../../tasks/types.js';

export type Decision = 'approve' | 'reject' | 'needs_owner';

/** Prefix of the blocker of a reviewer whose call failed (it crashed, timed out, or never gave a valid answer). */
export const REVIEWER_FAILED = 'reviewer_failed: ';

export interface Review {
  reviewer: string;
  decision: Decision;
  summary: string;
  blockers: Blocker[];
  risks?: string[];
  verification?: string[];
  /** The reviewer's call did not end ok (its error category); it counts as a reject. */
  failed?: string;
}

/**
 * any-reject (default): any reject → reject; else any needs_owner → needs_owner; else approve.
 * majority: reject only when rejects outnumber approvals; needs_owner as above.
 */
export function aggregate(reviews: Review[], policy: 'any-reject' | 'majority' = 'any-reject'): Decision {
  const count = (d: Decision) => reviews.filter((r) => r.decision === d).length;
  const rejects = count('reject');
  if (policy === 'majority' ? rejects > count('approve') : rejects > 0) return 'reject';
  if (count('needs_owner') > 0) return 'needs_owner';
  return 'approve';
}

/** A reviewer's structured answer, with plain-string blockers accepted. */
export function toReview(reviewer: string, answer: unknown): Review {
  const a = (answer ?? {}) as { decision?: Decision; summary?: string; blockers?: unknown[]; risks?: string[]; verification?: string[] };
  const blockers = (a.blockers ?? []).map((b): Blocker => (typeof b === 'string' ? { message: b, source: reviewer } : { ...(b as Blocker), source: reviewer }));
  return {
    reviewer,
    decision: a.decision ?? 'reject',
    summary: a.summary ?? '',
    blockers,
    ...(a.risks ? { risks: a.risks } : {}),
    ...(a.verification ? { verification: a.verification } : {}),
  };
}
