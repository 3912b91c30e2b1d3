/**
 * The change an apply stage applies: the approved candidate of its review, or, when it applies
 * several reviews (`review: [a, b]`), their approved candidates combined into one patch and
 * checked against the base, so both land or neither does.
 */
import type { Candidate, TaskPatch } from '../../ports/git.js';
import { gitRun, requireGit } from '../../workflow/git-run.js';
import { reviewOutputs } from '../review/outputs.js';
import type { StageContext } from '../types.js';

type Approved = { candidate: Candidate; rounds: string } | { error: { category: string; message: string } };

export async function approvedChange(ctx: StageContext): Promise<Approved> {
  const ids = ctx.stage.edges.review ?? [];
  if (!ids.length) return { error: { category: 'not_approved', message: 'no review stage to apply (odw validate says why); nothing was applied' } };
  const approved: { id: string; candidate: Candidate; round: number }[] = [];
  for (const id of ids) {
    const review = reviewOutputs(ctx, id);
    if (review?.decision !== 'approve' || !review.candidate) {
      return { error: { category: 'not_approved', message: `stage "${id}" did not approve a candidate; nothing was applied` } };
    }
    approved.push({ id, candidate: review.candidate, round: review.round ?? 1 });
  }
  if (approved.length === 1) return { candidate: approved[0].candidate, rounds: `in round ${approved[0].round}` };
  const rounds = `(${approved.map((a) => `${a.id} in round ${a.round}`).join(', ')})`;
  const bases = [...new Set(approved.map((a) => a.candidate.base))];
  if (bases.length > 1) {
    const message = `the approved changes of ${ids.join(', ')} start from different commits (${bases.map((b) => b.slice(0, 12)).join(', ')}); nothing was applied`;
    return { error: { category: 'patch_conflict', message } };
  }
  const parts: TaskPatch[] = approved.map((a) => ({
    task: a.id,
    base: a.candidate.base,
    patchFile: a.candidate.patchFile,
    filesFile: '',
    files: a.candidate.files,
    changes: [],
    ignored: [],
    bytes: a.candidate.bytes,
    ...(a.candidate.sha256 ? { sha256: a.candidate.sha256 } : {}),
  }));
  const combined = await requireGit(ctx).combine(gitRun(ctx, bases[0]), parts, { name: `${ctx.stage.id}.combined` });
  if (combined.ok) return { candidate: combined.candidate, rounds };
  const files = [...new Set(combined.blockers.flatMap((b) => b.files))];
  const where = files.length ? ` (both change ${files.join(', ')})` : '';
  const message =
    `the approved changes of ${ids.join(' and ')} do not combine${where}; nothing was applied. ` +
    'Give each file to one task set, or review the sets together (a review with from: [both fanouts]), and run again.';
  return { error: { category: 'patch_conflict', message } };
}
