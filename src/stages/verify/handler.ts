/**
 * `uses: verify` — run the check on the user's tree, read-only: the tree is snapshotted before
 * and compared after; anything the check changed is restored and reported.
 */
import type { WithVerify } from '../../config/pipeline.generated.js';
import { failedStep } from '../../workflow/failed.js';
import { requireGit } from '../../workflow/git-run.js';
import { runCheck } from '../review/check.js';
import type { StageHandler } from '../types.js';
import type { VerifyOutputs } from './outputs.js';

export const verifyHandler: StageHandler = async (ctx) => {
  const w = ctx.stage.with as WithVerify;
  const command = ctx.render(w.check ?? '').trim();
  if (!command) {
    return {
      status: 'succeeded',
      outputs: { ok: true, skipped: true } satisfies VerifyOutputs,
      history: [{ step: 'verify', ok: true, summary: 'no check configured' }],
    };
  }
  const git = requireGit(ctx);
  const snap = await git.snapshot(ctx.run.repo);
  let check;
  let changes;
  try {
    check = await runCheck(ctx, command, ctx.run.repo, w.timeout, w.excerpt);
    changes = await git.restore(snap);
  } finally {
    await git.discard(snap);
  }
  if (ctx.signal.aborted) return { status: 'cancelled' };
  const guard = { changed: changes.changed, modified: changes.modified, added: changes.added, removed: changes.removed };
  const entry = { step: 'verify', ok: check.ok && !changes.changed, guard, check: { command, ok: check.ok, exitCode: check.exitCode, log: check.log } };
  if (changes.changed) {
    const files = [...changes.modified, ...changes.added, ...changes.removed];
    const message = `the check \`${command}\` changed ${files.join(', ')}; odw restored them — make the check read-only`;
    return failedStep(entry, { category: 'verification_mutated_worktree', message }, { outputs: { ok: false, guard, check } satisfies VerifyOutputs });
  }
  if (!check.ok) {
    const message = `the check \`${command}\` ${check.timedOut ? 'timed out' : `exited with code ${check.exitCode}`}:\n${check.failures.text}`;
    return failedStep(entry, { category: 'verification_failed', message }, { outputs: { ok: false, guard, check } satisfies VerifyOutputs });
  }
  return { status: 'succeeded', outputs: { ok: true, guard, check } satisfies VerifyOutputs, history: [entry] };
};
