/**
 * The interpreter: walks an execution plan. Stages run as soon as their needs are done, at most
 * `concurrency` at once; `when` skips; loops repeat their group up to a round ceiling; aborting the
 * signal cancels everything. Timing, events, records and history are handled here for every kind.
 */
import { evaluate, statusFunctions, truthy } from '../config/expression.js';
import type { RunError, RunStatus, StageStatus } from '../ports/events.js';
import type { ExecutionPlan, PlanLoop, PlanNode } from '../plan/types.js';
import type { RunHandle } from '../record/run-handle.js';
import type { StageRecord } from '../record/types.js';
import type { StageHandler, Ports } from '../stages/types.js';
import type { RepoGuard } from '../ports/git.js';
import { Semaphore } from '../util/semaphore.js';
import type { Scope } from './scope.js';
import { loopCeiling } from './loop-max.js';
import { runStage } from './stage-runner.js';
import { loopExhausted, type Round } from './exhaustion.js';

export interface InterpreterOptions {
  plan: ExecutionPlan;
  scope: Scope;
  record: RunHandle;
  ports: Ports;
  handlers: Record<string, StageHandler>;
  signal: AbortSignal;
  /** Stages an interrupted run finished (by record key), reused instead of run again. */
  done?: Record<string, StageRecord>;
  /** The user's git dir and tree as at run start, checked after agent stages and before apply. */
  guard?: RepoGuard;
}

export interface RunOutcome {
  status: Exclude<RunStatus, 'running'>;
  error?: RunError;
}

/** Shared by every group of one run. */
export interface Frame extends InterpreterOptions {
  slots: Semaphore;
  /** First failure; once set, no new stage starts. */
  failure?: RunError;
  /** Stages that failed with continueOnError: they do not block their dependents. */
  tolerated: Set<string>;
  /** A stage whose `when` has a status function was considered after the first failure. */
  afterFailure?: boolean;
}

export async function interpret(opts: InterpreterOptions): Promise<RunOutcome> {
  const frame: Frame = { ...opts, slots: new Semaphore(opts.plan.concurrency), tolerated: new Set() };
  await runGroup(frame, opts.plan.nodes, undefined);
  if (opts.signal.aborted) return { status: 'cancelled', error: { category: 'cancelled', message: 'the run was cancelled' } };
  if (!frame.failure) return { status: 'succeeded' };
  // Stages that ran after the failure (always(), failure()) wrote their own history lines: the
  // history still ends with what failed the run.
  if (frame.afterFailure) {
    const { category, message } = frame.failure;
    opts.record.addHistory({ step: 'run', ok: false, status: 'failed', error: `${category}: ${message}` });
  }
  return { status: 'failed', error: frame.failure };
}

/** Runs one group (the top level, or one round of the loop `group`); resolves to each node's status. */
async function runGroup(frame: Frame, nodes: PlanNode[], loop: Round, group?: PlanLoop): Promise<Map<string, StageStatus>> {
  const results = new Map<string, StageStatus>();
  const promises = new Map<string, Promise<StageStatus>>();
  for (const node of nodes) {
    // nodes are in topological order, so every need already has its promise
    const needs = node.needs.map((id) => promises.get(id)!);
    const p = Promise.all(needs).then(async (needStatuses) => {
      const status = await runNode(frame, node, loop, needStatuses, node.needs, group);
      results.set(node.id, status);
      return status;
    });
    promises.set(node.id, p);
  }
  await Promise.all(promises.values());
  return results;
}

async function runNode(frame: Frame, node: PlanNode, loop: Round, needStatuses: StageStatus[], needIds: string[], group?: PlanLoop): Promise<StageStatus> {
  const failedNeed = needIds.find((id, i) => needStatuses[i] === 'failed' && !frame.tolerated.has(id));
  const cancelledNeed = needIds.find((_, i) => needStatuses[i] === 'cancelled');
  const failed = frame.failure !== undefined || failedNeed !== undefined;
  // A `when` with success(), failure() or always() decides for itself; without one success() is implied.
  const decides = node.when !== undefined && statusFunctions(node.when.expr).length > 0;
  if (failed && decides) frame.afterFailure = true;
  const reason = frame.signal.aborted
    ? 'the run was cancelled'
    : cancelledNeed
      ? `needs ${cancelledNeed}, which did not succeed`
      : failed && !decides
        ? failedNeed
          ? `needs ${failedNeed}, which did not succeed`
          : 'an earlier stage failed'
        : node.when && !truthy(evaluate(node.when.expr, { ...frame.scope, loop, status: { failed } }))
          ? `when: ${node.when.source}`
          : undefined;
  if (reason) return skip(frame, node, loop, reason);
  if (node.type === 'loop') return runLoop(frame, node);
  return runStage(frame, node, loop, group);
}

function skip(frame: Frame, node: PlanNode, loop: Round, reason: string): StageStatus {
  const kind = node.type === 'loop' ? 'loop' : node.kind;
  const key = loop ? `${node.id}@r${loop.round}` : node.id;
  frame.scope.stages[node.id] = { status: 'skipped', outputs: {} };
  frame.record.setStage(key, { kind, status: 'skipped', reason, ...(loop ? { round: loop.round } : {}) });
  frame.record.emit({ type: 'stage_skipped', stage: node.id, kind, reason, ...(loop ? { round: loop.round } : {}) });
  // History tells what happened: a top-level stage its `when` skipped is a step; a stage that never
  // ran because an earlier one failed (or the run was cancelled) is not, so the failure stays last.
  // Inside a loop a conditional stage skipped by design (e.g. no repair after an approval) is not a step.
  if (!loop && !frame.done?.[key] && reason.startsWith('when: ')) frame.record.addHistory({ step: kind, stage: node.id, status: 'skipped', reason });
  return 'skipped';
}

async function runLoop(frame: Frame, node: PlanLoop): Promise<StageStatus> {
  const ceiling = loopCeiling(node, frame.scope.inputs);
  if ('problem' in ceiling) {
    frame.failure ??= { category: 'invalid_loop_max', message: ceiling.problem };
    frame.record.setStage(node.id, { kind: 'loop', status: 'failed', error: frame.failure });
    return 'failed';
  }
  const { max } = ceiling;
  const startedAt = frame.ports.clock.now();
  frame.record.setStage(node.id, { kind: 'loop', status: 'running', startedAt });
  let rounds = 0;
  let reason: 'until' | 'max' | 'failed' = 'max';
  let status: StageStatus = 'succeeded';
  for (let round = 1; round <= max; round++) {
    rounds = round;
    frame.record.emit({ type: 'loop_round', loop: node.id, round, max });
    frame.record.setStage(node.id, { kind: 'loop', status: 'running', round });
    const results = [...(await runGroup(frame, node.children, { round, max }, node)).entries()];
    // A stage that failed with continueOnError does not end the loop: the next round may pass.
    const bad = results.find(([id, s]) => (s === 'failed' && !frame.tolerated.has(id)) || s === 'cancelled');
    if (bad || frame.signal.aborted) {
      status = frame.signal.aborted ? 'cancelled' : 'failed';
      reason = 'failed';
      break;
    }
    if (node.until && truthy(evaluate(node.until.expr, { ...frame.scope, loop: { round, max } }))) {
      reason = 'until';
      break;
    }
  }
  const exhausted = reason === 'max' && node.until !== undefined;
  // The loop decides that its rounds are exhausted: a failure unless it says `onExhausted: succeed`.
  if (exhausted && node.onExhausted === 'fail') {
    status = 'failed';
    frame.failure ??= loopExhausted(node, rounds, lastToleratedFailure(frame, node, rounds));
  }
  const finishedAt = frame.ports.clock.now();
  frame.scope.stages[node.id] = { status, outputs: { rounds, exhausted } };
  frame.record.setStage(node.id, { kind: 'loop', status, round: rounds, finishedAt, durationMs: finishedAt - startedAt, outputs: { rounds, exhausted } });
  frame.record.emit({ type: 'loop_finished', loop: node.id, rounds, reason });
  if (frame.done?.[node.id]) return status; // a resumed loop that had finished: its history line exists
  const why =
    reason === 'until'
      ? `until ${node.until?.source}`
      : reason === 'max'
        ? exhausted
          ? `ceiling reached, until ${node.until?.source} still false`
          : 'ceiling reached'
        : 'a stage failed';
  // A loop stopped by a failure repeats its cause, so the history still ends with it.
  const cause = status === 'failed' && frame.failure ? { error: `${frame.failure.category}: ${frame.failure.message}` } : {};
  frame.record.addHistory({
    step: 'loop',
    stage: node.id,
    rounds,
    ok: status === 'succeeded',
    status,
    summary: `${rounds} round${rounds === 1 ? '' : 's'}, ${why}`,
    ...cause,
  });
  return status;
}

/** The last error of a stage of the loop's last round that failed with continueOnError. */
function lastToleratedFailure(frame: Frame, node: PlanLoop, round: number): string | undefined {
  const errors = node.children.flatMap((c) => {
    const error = frame.record.record.stages[`${c.id}@r${round}`]?.error;
    return error && frame.tolerated.has(c.id) ? [`${error.category}: ${error.message}`] : [];
  });
  return errors.at(-1);
}
