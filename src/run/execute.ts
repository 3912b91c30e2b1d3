/** One run of a loaded pipeline: create its record, interpret the plan, finish the record. */
import { existsSync } from 'node:fs';
import { stopOrphanedAgents } from './orphans.js';
import { join } from 'node:path';
import type { StageRecord } from '../record/types.js';
import { runFolder } from '../git/paths.js';
import { bareMessage } from '../git/index.js';
import { UserError } from '../util/errors.js';
import { compile } from '../plan/compile.js';
import type { PipelineSource } from '../plan/types.js';
import type { EventSink } from '../ports/events.js';
import type { RecoveredApply } from '../ports/git.js';
import { RunHandle } from '../record/run-handle.js';
import { writeReportAfterRun } from '../report/write.js';
import { stageHandlers } from '../stages/registry.js';
import { definitionOf } from '../stages/kinds.js';
import type { Ports, StageHandler } from '../stages/types.js';
import { interpret, type RunOutcome } from './interpreter.js';
import { checkLoopCeilings } from './loop-max.js';
import { startRepoGuard } from './repo-guard.js';
import type { ResolvedInputs } from './inputs.js';
import { checkReviewBases } from './review-bases.js';
import type { Scope } from './scope.js';

export interface ExecuteOptions {
  pipeline: PipelineSource;
  inputs: ResolvedInputs;
  repo: string;
  ports: Ports;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  sinks?: EventSink[];
  handlers?: Record<string, StageHandler>;
  /** Continue this interrupted run instead of starting a new one. */
  resumeId?: string;
}

export interface ExecuteResult extends RunOutcome {
  record: RunHandle;
}

export async function execute(opts: ExecuteOptions): Promise<ExecuteResult> {
  if (opts.ports.git && !existsSync(join(opts.repo, '.git')) && (await opts.ports.git.isBare(opts.repo))) throw new UserError(bareMessage(opts.repo));
  const plan = compile(opts.pipeline);
  checkLoopCeilings(plan.nodes, opts.inputs.values);
  await checkReviewBases(plan.nodes, opts.inputs, opts.ports.git, opts.repo);
  const common = { repo: opts.repo, clock: opts.ports.clock, env: opts.env, sinks: opts.sinks, runtimes: opts.pipeline.spec.runtimes };
  // Before anything else (even the record's retention): an apply a dead odw process left half-done is put back.
  const recovered = await recoverApplies(opts);
  const record = opts.resumeId
    ? RunHandle.reopen({ ...common, id: opts.resumeId })
    : RunHandle.create({ ...common, pipeline: { file: opts.pipeline.file, name: opts.pipeline.name }, inputs: opts.inputs.values });
  for (const r of recovered) record.addHistory({ step: 'recover', ok: r.failed.length === 0, run: r.runId, files: r.files, summary: r.message });
  // What an interrupted run had finished, reused as it was.
  const done = opts.resumeId ? reusable(record.record.stages) : undefined;
  if (done) record.emit({ type: 'run_resumed', runId: record.id, pipeline: opts.pipeline.name, reused: Object.keys(done) });
  // Agents the interrupted odw process left running are stopped before their worktrees go.
  if (done) await stopOrphanedAgents(record.dir);
  await pruneStaleWorktrees(opts);
  const scope: Scope = {
    inputs: opts.inputs.values,
    files: opts.inputs.files,
    run: { id: record.id, repo: opts.repo, pipeline: opts.pipeline.name },
    stages: {},
  };
  if (done) await relock(opts, record, done);
  let outcome: RunOutcome;
  // History lines written once the run was cancelled are the cancellation's, not failures of their own.
  let cancelledFrom = Infinity;
  const onAbort = () => (cancelledFrom = Math.min(cancelledFrom, record.record.history.length));
  if (opts.signal.aborted) onAbort();
  opts.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const guard = await startRepoGuard(opts.ports.git, opts.repo, opts.pipeline.spec.workspace, record.id);
    outcome = await interpret({ plan, scope, record, ports: opts.ports, handlers: opts.handlers ?? stageHandlers, signal: opts.signal, done, guard });
  } catch (error) {
    outcome = { status: 'failed', error: { category: 'internal_error', message: (error as Error).message } };
  }
  opts.signal.removeEventListener('abort', onAbort);
  if (outcome.status === 'cancelled') markCancelled(record, cancelledFrom);
  try {
    await removeRunFolder(opts, record.id);
    record.finish(outcome.status, outcome.error, headline(record, outcome));
    await writeReportAfterRun(opts.repo, record.id, plan);
  } finally {
    // The apply lock (taken by apply) covers verify and ends with the run, whatever its outcome.
    opts.ports.git?.releaseApplyLock(opts.repo, record.id);
  }
  return { ...outcome, record };
}

/**
 * Stages a resumed run takes over as they were: those that succeeded (or failed tolerated), and
 * those their `when:` skipped. A stage skipped because the run was cancelled or an earlier stage
 * failed never ran, so it runs now.
 */
function reusable(stages: Record<string, StageRecord>): Record<string, StageRecord> {
  const kept = (s: StageRecord) =>
    s.status === 'succeeded' || (s.status === 'skipped' && String(s.reason ?? '').startsWith('when: ')) || (s.status === 'failed' && s.tolerated);
  return Object.fromEntries(Object.entries(stages).filter(([, s]) => kept(s)));
}

/**
 * A resumed run whose apply had succeeded takes the apply lock again before its remaining stages
 * (verify) run, as it held it before: another run must not apply while this run's verify guard
 * watches the tree. Cancelling the wait cancels the run (the interpreter then starts nothing).
 */
async function relock(opts: ExecuteOptions, record: RunHandle, done: Record<string, StageRecord>): Promise<void> {
  if (!opts.ports.git || !Object.values(done).some((s) => definitionOf(s.kind)?.guard === 'applied' && s.status === 'succeeded')) return;
  const onWait = (id: string) => record.addHistory({ step: 'apply-lock', ok: true, summary: `waiting for run ${id} to finish applying` });
  await opts.ports.git.acquireApplyLock(opts.repo, record.id, { signal: opts.signal, onWait }).catch(() => undefined);
}

/** A stage stopped by the cancellation says "cancelled" (e.g. not `planning_failed`); `finish` saves it. */
function markCancelled(record: RunHandle, from: number): void {
  for (const entry of record.record.history.slice(from)) {
    if (entry.ok !== false || entry.status === 'skipped' || entry.decision) continue;
    Object.assign(entry, { status: 'cancelled', error: 'cancelled: the run was cancelled' });
  }
}

/** Interrupted applies of dead runs, rolled back from their journals (the record then says so). */
async function recoverApplies(opts: ExecuteOptions): Promise<RecoveredApply[]> {
  if (!opts.ports.git || !existsSync(join(opts.repo, '.odw', 'runs'))) return [];
  const found = await opts.ports.git
    .recoverApplies(opts.repo, `recovery-${process.pid}`)
    .catch((e: Error) => [{ runId: '?', files: [], failed: ['?'], message: `odw could not check for interrupted applies: ${e.message}` }]);
  return found ?? [];
}

/** Worktrees left behind by runs whose process is gone (killed, rebooted) are removed first. */
async function pruneStaleWorktrees(opts: ExecuteOptions): Promise<void> {
  if (!opts.ports.git || !existsSync(join(opts.repo, '.git'))) return;
  await opts.ports.git.pruneStale(opts.repo, opts.pipeline.spec.workspace).catch(() => undefined);
}

/**
 * The run's worktree folder (its owner.json, and any worktree a stage left behind) ends with the
 * run, whatever its outcome. A failure to remove it does not change that outcome.
 */
async function removeRunFolder(opts: ExecuteOptions, runId: string): Promise<void> {
  const workspace = opts.pipeline.spec.workspace;
  if (!opts.ports.git || !existsSync(runFolder(opts.repo, runId, workspace))) return;
  await opts.ports.git.removeAll({ repo: opts.repo, runId, workspace }).catch(() => undefined);
}

/**
 * The run's one line for `odw runs list`. A success keeps what its stages said (e.g. apply's
 * "approved in round 2, 4 files applied"); a failure says why (`failed: <category> — <message>`),
 * unless the reviewers stopped the run to ask the owner (their question is the headline); a
 * cancelled run says which stages it stopped.
 */
function headline(record: RunHandle, outcome: RunOutcome): string {
  const stages = Object.entries(record.record.stages);
  if (outcome.status === 'cancelled') {
    const during = stages.filter(([, s]) => s.status === 'cancelled' && s.kind !== 'loop').map(([key]) => key.replace('@r', ' r'));
    return `cancelled${during.length ? ` during ${during.join(', ')}` : ''}`;
  }
  if (outcome.error && !(outcome.error.category === 'needs_owner' && record.record.headline)) {
    return `${outcome.status}: ${outcome.error.category} — ${outcome.error.message.split('\n')[0]}`;
  }
  if (record.record.headline) return record.record.headline;
  const ran = stages.filter(([, s]) => s.status === 'succeeded' && s.kind !== 'loop').length;
  const skipped = stages.filter(([, s]) => s.status === 'skipped').length;
  return `${ran} stage run${ran === 1 ? '' : 's'} succeeded${skipped ? `, ${skipped} skipped` : ''}`;
}
