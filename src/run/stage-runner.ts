/** Runs one stage through its kind's handler, with the work every kind shares around it. */
import type { StageStatus } from '../ports/events.js';
import type { PlanLoop, PlanStage } from '../plan/types.js';
import type { StageRecord } from '../record/types.js';
import type { Ports, StageContext, StageResult } from '../stages/types.js';
import { definitionOf } from '../stages/kinds.js';
import type { Frame } from './interpreter.js';
import { guardStage } from './repo-guard.js';
import { snapshotScope } from './scope.js';
import { renderTemplate } from './template.js';
import { ruleOnExhaustion, type Round } from './exhaustion.js';

/** `group`: the loop group the stage is in, whose rounds decide what a stage's `exhaustion` means. */
export async function runStage(frame: Frame, stage: PlanStage, loop: Round, group?: PlanLoop): Promise<StageStatus> {
  const round = loop?.round;
  const key = round ? `${stage.id}@r${round}` : stage.id;
  const prior = frame.done?.[key];
  if (prior) return reuse(frame, stage, key, prior);
  const release = await frame.slots.acquire();
  const { record, ports } = frame;
  const startedAt = ports.clock.now();
  const logFile = record.logPath(key);
  record.setStage(key, { kind: stage.kind, status: 'running', startedAt, log: logFile, ...(round ? { round } : {}) });
  record.emit({ type: 'stage_started', stage: stage.id, kind: stage.kind, ...(round ? { round } : {}) });
  let result: StageResult;
  try {
    if (frame.signal.aborted) result = { status: 'cancelled' };
    else result = await frame.handlers[stage.kind](context(frame, stage, loop, logFile));
  } catch (error) {
    result = { status: 'failed', error: crashed(error) };
  } finally {
    release();
  }
  result = await guardStage(frame, stage, round, result).catch((error) => ({ status: 'failed' as const, error: crashed(error) }));
  if (frame.signal.aborted && result.status !== 'succeeded') result = { ...result, status: 'cancelled' };
  result = ruleOnExhaustion(frame.scope, stage, loop, group, result);
  const finishedAt = ports.clock.now();
  const durationMs = finishedAt - startedAt;
  const error = result.error ? { ...result.error, message: `stage ${stage.id}: ${result.error.message}` } : undefined;
  frame.scope.stages[stage.id] = { status: result.status, outputs: result.outputs ?? {} };
  record.setStage(key, { kind: stage.kind, status: result.status, finishedAt, durationMs, outputs: result.outputs, ...(error ? { error } : {}) });
  record.emit({
    type: 'stage_finished',
    stage: stage.id,
    kind: stage.kind,
    status: result.status,
    durationMs,
    ...(round ? { round } : {}),
    ...(error ? { error } : {}),
  });
  const history = result.history ?? [
    {
      step: stage.kind,
      stage: stage.id,
      ...(round ? { round } : {}),
      ok: result.status === 'succeeded',
      status: result.status,
      ...(result.summary ? { summary: result.summary } : {}),
      ...(error ? { error: `${error.category}: ${error.message}` } : {}),
    },
  ];
  for (const entry of history) record.addHistory(entry);
  if (result.headline) record.record.headline = result.headline;
  if (result.tolerated) record.setStage(key, { kind: stage.kind, tolerated: true });
  if (result.status === 'failed' && result.tolerated) frame.tolerated.add(stage.id);
  else if (result.status === 'failed') frame.failure ??= error ?? { category: 'stage_failed', message: `stage ${stage.id} failed` };
  return result.status;
}

/** A handler that threw: the error's own category when it has one (a GitError's `workspace_setup_failed`). */
function crashed(error: unknown): { category: string; message: string } {
  const e = error as Error & { category?: unknown };
  if (e?.name === 'TemplateError') return { category: 'template_error', message: e.message };
  return { category: typeof e?.category === 'string' ? e.category : 'stage_crashed', message: e?.message ?? String(error) };
}

/** A stage an interrupted run had finished: its outputs come back, nothing runs again. */
function reuse(frame: Frame, stage: PlanStage, key: string, prior: StageRecord): StageStatus {
  const status = prior.status as StageStatus;
  frame.scope.stages[stage.id] = { status, outputs: prior.outputs ?? {} };
  if (prior.tolerated) frame.tolerated.add(stage.id);
  frame.record.emit({
    type: 'stage_finished',
    stage: stage.id,
    kind: stage.kind,
    status,
    durationMs: prior.durationMs ?? 0,
    reused: true,
    ...(prior.round ? { round: prior.round } : {}),
  });
  return status;
}

function context(frame: Frame, stage: PlanStage, loop: Round, logFile: string): StageContext {
  const base = () => snapshotScope(frame.scope, { loop, stage: { id: stage.id, kind: stage.kind } });
  return {
    stage,
    plan: frame.plan,
    run: { id: frame.record.id, dir: frame.record.dir, repo: frame.record.record.repo, secrets: frame.record.secrets },
    round: loop?.round,
    scope: base(),
    render: (template, extra) => renderTemplate(frame.plan.templates[template] ?? template, { ...base(), ...extra }),
    logFile,
    emit: (event) => frame.record.emit(event),
    ports: portsFor(stage.kind, frame.ports),
    signal: frame.signal,
    ...(frame.done ? { resumed: true } : {}),
    ...(frame.guard ? { guard: frame.guard } : {}),
  };
}

/** The clock and the process runner, and of the other ports only those the kind's definition names. */
function portsFor(kind: string, all: Ports): Ports {
  const named = definitionOf(kind)?.ports ?? [];
  const ports: Ports = { clock: all.clock, process: all.process };
  for (const name of named) if (all[name]) Object.assign(ports, { [name]: all[name] });
  return ports;
}
