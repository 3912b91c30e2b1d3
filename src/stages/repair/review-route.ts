/** The route of a review's outputs: the gates' given targets, else the blockers traced with the check's failure blocks. */
import type { FailureExcerpt } from '../review/failures/types.js';
import type { Blocker, TaskCandidate } from '../../tasks/types.js';
import { routeBlockers, type Route, type RouteReason } from './route.js';
import type { ReadFile } from './under-test.js';

export function routeReview(review: Record<string, unknown>, tasks: TaskCandidate[], readFile?: ReadFile): Route {
  const blockers = (review.blockers as Blocker[] | undefined) ?? [];
  const explicit = review.targets as string[] | undefined;
  if (!explicit?.length) {
    const failures = (review.check as { failures?: FailureExcerpt } | undefined)?.failures;
    return routeBlockers(blockers, tasks, { ...(failures ? { failures } : {}), ...(readFile ? { readFile } : {}) });
  }
  return {
    tasks: explicit,
    reasons: explicit.map((task): RouteReason => {
      const blocker = blockers.findIndex((b) => b.message.includes(task));
      return {
        task,
        blocker,
        why: 'sent back by the pre-review gate or a patch conflict',
        rule: 'gate',
        evidence: blocker >= 0 ? blockers[blocker].message.split('\n')[0] : '',
      };
    }),
  };
}
