/**
 * What apply checks once it holds the repository's lock, before it touches anything: the user's
 * git dir and the files the change touches are as they were at run start (the repository guard),
 * and the candidate carries no secret value (the review's hazards gate checked it too).
 */
import type { ApplyRefusal, Candidate } from '../../ports/git.js';
import { findSecrets } from '../review/hazards.js';
import type { StageContext } from '../types.js';

type Refusal = { category: ApplyRefusal; message: string; files: string[] };

export async function applyPrecheck(ctx: StageContext, candidate: Candidate): Promise<Refusal | undefined> {
  const guarded = await ctx.guard?.beforeApply(candidate.files);
  if (guarded && !guarded.ok) return { category: guarded.category, message: guarded.message, files: guarded.files };
  const hits = findSecrets(candidate.patchFile, ctx.run.secrets ?? []);
  if (!hits.length) return undefined;
  const named = hits.map((h) => `${h.file} (the value of $${h.name})`);
  return {
    category: 'secret_in_change',
    files: [...new Set(hits.map((h) => h.file))].sort(),
    message: `odw applied nothing: the change writes a secret value into ${named.join(', ')}. Remove it from the change and run again.`,
  };
}

/** Refusals that stop apply before the tree is looked at: nothing of the change is in the tree. */
export const PRECHECK_CATEGORIES: readonly string[] = ['git_dir_tampered', 'changed_during_run', 'secret_in_change'];
