/** What a `repair` stage gives the stages after it: the candidate set with the repaired tasks' new results. */
import type { CandidateSet } from '../../workflow/candidates.js';

export type RepairOutputs = {
  candidates: CandidateSet;
  /** Tasks sent back this round. */
  repaired: string[];
  /** Tasks that kept their earlier result. */
  kept: string[];
  /** Per task sent back: the blocker, the rule that traced it and the evidence it read. */
  reasons: { task: string; why: string; rule?: string; evidence?: string; blocker?: string }[];
};
