/** What a `fanout` stage gives the stages after it: its candidate set (review `from`, fanout `seedFrom`). */
import type { CandidateSet } from '../../workflow/candidates.js';

export type FanoutOutputs = {
  candidates: CandidateSet;
};
