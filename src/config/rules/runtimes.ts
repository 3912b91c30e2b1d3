/** Stages and reviewers name runtime profiles that the pipeline declares. */
import type { ConfigError } from '../errors.js';
import { isObject, type Segment } from '../path.js';
import { didYouMean } from '../suggest.js';
import { allStages, keysOf, type Rule } from './context.js';

export const runtimes: Rule = ({ spec, loc }) => {
  const names = keysOf(spec.runtimes);
  const errors: ConfigError[] = [];
  const check = (name: unknown, segments: Segment[]): void => {
    if (typeof name !== 'string' || names.includes(name)) return;
    const hint = didYouMean(name, names) ?? (names.length ? `declared runtimes: ${names.join(', ')}` : 'declare it under "runtimes:"');
    errors.push(loc.error(segments, `unknown runtime "${name}"`, hint));
  };
  for (const { stage, segments } of allStages(spec)) {
    check(stage.runtime, [...segments, 'runtime']);
    const reviewers = isObject(stage.with) ? stage.with.reviewers : undefined;
    if (Array.isArray(reviewers)) {
      reviewers.forEach((r, i) => isObject(r) && check(r.runtime, [...segments, 'with', 'reviewers', i, 'runtime']));
    }
  }
  return errors;
};
