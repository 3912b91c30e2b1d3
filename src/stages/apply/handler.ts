/** `uses: apply` — the approved candidate, applied to the user's tree all or nothing. */
import type { WithApply } from '../../config/pipeline.generated.js';
import type { HistoryEntry } from '../../ports/events.js';
import { failedStep } from '../../workflow/failed.js';
import { requireGit } from '../../workflow/git-run.js';
import type { StageHandler } from '../types.js';
import { approvedChange } from './approved.js';
import type { ApplyOutputs } from './outputs.js';
import { applyPrecheck, PRECHECK_CATEGORIES } from './precheck.js';

export const applyHandler: StageHandler = async (ctx) => {
  const w = ctx.stage.with as WithApply;
  const approved = await approvedChange(ctx);
  if ('error' in approved) return failedStep({ step: 'apply', files: [] }, approved.error);
  const candidate = approved.candidate;
  const commit = w.commit ? { branch: ctx.render(w.commit.branch), message: ctx.render(w.commit.message) } : undefined;
  const git = requireGit(ctx);
  // Exclusive per repository (the lock is kept until the run ends) and journalled, so a crash never
  // leaves a half-applied tree; a resumed run never applies twice.
  // Notices (waiting for another run, an interrupted apply put back) are shown as they happen and kept in the history.
  const notices: HistoryEntry[] = [];
  const notice = (summary: string, kind: 'waiting' | 'recovered') => {
    const step = kind === 'waiting' ? 'apply-lock' : 'recover';
    ctx.emit({ type: 'history', entry: { step, ok: true, summary } });
    notices.push({ step, stage: ctx.stage.id, ok: true, summary });
  };
  const result = await git.apply(ctx.run.repo, candidate, {
    ...(commit ? { commit } : {}),
    run: { id: ctx.run.id, dir: ctx.run.dir },
    resumed: ctx.resumed,
    signal: ctx.signal,
    onNotice: notice,
    precheck: () => applyPrecheck(ctx, candidate),
  });
  if (result.ok && result.alreadyApplied) {
    const files = candidate.files;
    const outputs: ApplyOutputs = { files, alreadyApplied: true };
    return {
      status: 'succeeded',
      outputs,
      history: [...notices, { step: 'apply', ok: true, files, summary: 'already applied before the run was interrupted' }],
    };
  }
  if (!result.ok) {
    const kept = PRECHECK_CATEGORIES.includes(result.category) ? [] : result.files;
    const failed = failedStep({ step: 'apply', files: result.files }, { category: result.category, message: result.message }, { outputs: { files: kept } });
    return { ...failed, history: [...notices, ...(failed.history ?? [])] };
  }
  const n = result.files.length;
  const outputs: ApplyOutputs = { files: result.files, ...(result.commit ? { commit: result.commit } : {}) };
  return {
    status: 'succeeded',
    outputs,
    history: [...notices, { step: 'apply', ok: true, files: result.files, ...(result.commit ? { commit: result.commit } : {}) }],
    headline: `approved ${approved.rounds}, ${n} file${n === 1 ? '' : 's'} applied`,
  };
};
