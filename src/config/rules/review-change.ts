/** A review of an existing change (`with.base` or `with.worktree`) reviews one thing: not both, and not a fanout's candidate too. */
import { isObject } from '../path.js';
import { allStages, type Rule } from './context.js';

export const reviewChange: Rule = ({ spec, loc }) =>
  allStages(spec).flatMap(({ stage, id, segments }) => {
    if (stage.uses !== 'review' || !isObject(stage.with)) return [];
    const w = stage.with;
    const name = id === undefined ? 'a review stage' : `review stage "${id}"`;
    if (w.base !== undefined && w.worktree === true) {
      return [
        loc.error(
          [...segments, 'with', 'worktree'],
          `${name} sets both "base" and "worktree"`,
          'review the branch against a base, or the uncommitted changes: keep one',
        ),
      ];
    }
    if ((w.base !== undefined || w.worktree === true) && w.from !== undefined) {
      const key = w.base !== undefined ? 'base' : 'worktree';
      return [
        loc.error(
          [...segments, 'with', 'from'],
          `${name} reviews an existing change ("${key}"), so it takes no "from"`,
          `remove "from", or remove "${key}" to review a fanout's patches`,
        ),
      ];
    }
    return [];
  });
