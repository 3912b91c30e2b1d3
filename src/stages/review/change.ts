/**
 * A review of an existing change (`with.base` or `with.worktree`): the candidate is HEAD against a
 * base revision, or the working tree against HEAD, not a fanout's patches. It has no tasks, so
 * there is no pre-review gate and no repair to route to; the verdict is final.
 */
import type { WithReview } from '../../config/pipeline.generated.js';
import type { Candidate, ChangeSource, GitRun } from '../../ports/git.js';
import type { CandidateSet } from '../../workflow/candidates.js';
import { failedStep } from '../../workflow/failed.js';
import { gitRun, requireGit } from '../../workflow/git-run.js';
import type { StageContext, StageResult } from '../types.js';

/** What was reviewed, for the record: `base` as given, the commits compared. */
export interface ChangeInfo {
  source: 'base' | 'worktree';
  /** The revision as rendered (`main`), for a base review. */
  base?: string;
  /** The merge base (base review) or HEAD (working tree review). */
  from: string;
  head: string;
}

export interface ExistingChange {
  set: CandidateSet;
  candidate: Candidate;
  run: GitRun;
  change: ChangeInfo;
}

/** The patch file's name under `patches/` (the report shows it with the verdict). */
function changePatchName(stage: string, round: number): string {
  return `change.${stage}.r${round}`;
}

export function reviewsExistingChange(w: WithReview): boolean {
  return w.base !== undefined || w.worktree === true;
}

export async function existingChange(ctx: StageContext, w: WithReview): Promise<ExistingChange | StageResult> {
  const round = ctx.round ?? 1;
  const git = requireGit(ctx);
  const base = w.base !== undefined ? ctx.render(w.base).trim() : undefined;
  if (base === '') {
    return failedStep(
      { step: 'review', round },
      {
        category: 'unknown_base',
        message: `the base revision of review stage "${ctx.stage.id}" is empty (${JSON.stringify(w.base)}): name a branch, tag or commit`,
      },
    );
  }
  const source: ChangeSource = base !== undefined ? { base } : { worktree: true };
  const head = (await git.resolveCommit(ctx.run.repo, 'HEAD')) ?? '';
  const run = gitRun(ctx, head);
  const r = await git.existingChange(run, source, changePatchName(ctx.stage.id, round));
  if (!r.ok) return failedStep({ step: 'review', round }, { category: r.category, message: r.message });
  const change: ChangeInfo = {
    source: base !== undefined ? 'base' : 'worktree',
    ...(base !== undefined ? { base } : {}),
    from: r.candidate.base,
    head: r.head,
  };
  const set: CandidateSet = { base: r.candidate.base, tasks: [], results: [], scope: [] };
  return { set, candidate: r.candidate, run: { ...run, base: r.candidate.base }, change };
}
