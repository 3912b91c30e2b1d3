/**
 * The repository guard around stages (docs/git.md, "The repository guard"): created at run
 * start; after each agent stage the user's git dir is compared and put back, a change failing the
 * stage with `git_dir_tampered`; after apply the guard's warnings go into the apply's history and
 * an event, and odw's own apply becomes the new starting point (as does a pipeline's exec stage).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { HistoryEntry } from '../ports/events.js';
import type { Git, RepoGuard, WorkspaceSettings } from '../ports/git.js';
import type { PlanStage } from '../plan/types.js';
import { worktreeRoot } from '../git/paths.js';
import type { StageResult } from '../stages/types.js';
import { definitionOf } from '../stages/kinds.js';
import type { Frame } from './interpreter.js';

/** The guard of a run in `repo`, or undefined without a git port or outside a git repository with a commit. */
export async function startRepoGuard(git: Git | undefined, repo: string, workspace?: WorkspaceSettings, runId?: string): Promise<RepoGuard | undefined> {
  if (!git?.repoGuard) return undefined;
  const root = relative(repo, worktreeRoot(repo, workspace));
  const inside = root !== '' && !root.startsWith('..') && !isAbsolute(root);
  // A folder that is not a repository (an exec-only pipeline) has nothing to guard, even without git installed.
  const isRepo = existsSync(join(repo, '.git'));
  return git.repoGuard(repo, { exclude: inside ? [root] : [], ...(runId ? { runId } : {}) }).catch((error) => {
    if (isRepo) throw error;
    return undefined;
  });
}

export async function guardStage(frame: Frame, stage: PlanStage, round: number | undefined, result: StageResult): Promise<StageResult> {
  const guard = frame.guard;
  if (!guard) return result;
  // What the guard does is the kind's (src/stages/<kind>/definition.ts, `guard`).
  const action = definitionOf(stage.kind)?.guard;
  if (action === 'applied') return afterApply(frame, guard, stage, result);
  if (action === 'refresh') {
    await guard.refresh();
    return result;
  }
  if (action !== 'check') return result;
  const check = await guard.checkGitDir();
  if (check.ok) return result;
  const error = { category: 'git_dir_tampered', message: check.message };
  const entry: HistoryEntry = {
    step: 'guard',
    stage: stage.id,
    ...(round ? { round } : {}),
    ok: false,
    error: `${error.category}: ${error.message}`,
    gitDir: check.changes,
    ...(check.unrestored.length ? { unrestored: check.unrestored } : {}),
  };
  const status = result.status === 'cancelled' ? 'cancelled' : 'failed';
  return { ...result, status, error, history: [...(result.history ?? []), entry] };
}

async function afterApply(frame: Frame, guard: RepoGuard, stage: PlanStage, result: StageResult): Promise<StageResult> {
  const warnings = guard.warnings;
  if (result.status === 'succeeded') await guard.refresh({ applied: true });
  if (!warnings.length) return result;
  for (const message of warnings) frame.record.emit({ type: 'warning', stage: stage.id, category: 'changed_during_run', message });
  const history = result.history?.map((h) => (h.step === 'apply' ? { ...h, warnings } : h));
  return { ...result, outputs: { ...result.outputs, warnings }, ...(history ? { history } : {}) };
}
