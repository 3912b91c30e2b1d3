/** The review workspaces kept between rounds, per run folder and review stage (forgotten by removeAll). */
import type { Worktree } from '../ports/git.js';

export interface KeptReview {
  workspace: Worktree;
  /** Ignored paths (folders collapsed) right after preparation: setup's outputs, kept between rounds. */
  ignored: Set<string>;
  /** False when setup changed tracked files: bringing the tree back to the base would undo setup. */
  reusable: boolean;
}

const kept = new Map<string, Map<string, KeptReview>>();

export function keptReview(folder: string, key: string): KeptReview | undefined {
  return kept.get(folder)?.get(key);
}

export function keepReview(folder: string, key: string, review: KeptReview | undefined): void {
  const byKey = kept.get(folder) ?? new Map<string, KeptReview>();
  kept.set(folder, byKey);
  if (review) byKey.set(key, review);
  else byKey.delete(key);
}

export function forgetReviewWorkspaces(folder: string): void {
  kept.delete(folder);
}
