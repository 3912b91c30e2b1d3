/** How stages call an agent: resolve the profile, give the call a folder in the run record. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDuration } from '../config/duration.js';
import type { AgentCallMeta, AgentRequest, AgentResult, RuntimeProfile } from '../ports/agents.js';
import type { StageContext } from '../stages/types.js';
import { withRepoExecutables } from '../agents/env.js';

export interface AgentCall {
  runtime: string;
  prompt: string;
  cwd: string;
  schema?: object;
  timeout?: string | number;
  meta?: Partial<AgentCallMeta>;
}

let sequence = 0;

function callId(ctx: StageContext, meta: Partial<AgentCallMeta>): string {
  // In a loop, named by the call's round (ODW_ROUND): a repair after round 1 works for round 2.
  const parts = [ctx.stage.id, meta.task, meta.reviewer, ctx.round ? `r${meta.round ?? ctx.round}` : undefined].filter(Boolean);
  return `${String(++sequence).padStart(3, '0')}-${parts.join('-')}`.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/**
 * `elsewhere` runs the call somewhere else than this process (the remote executor: a worker runs
 * it) through the run's agent port (its checks and budget); the call folder, its id and the
 * events stay the coordinator's.
 */
export async function callAgent(ctx: StageContext, call: AgentCall, elsewhere?: AgentRequest['elsewhere']): Promise<AgentResult> {
  const agents = ctx.ports.agents;
  if (!agents) throw new Error('no agent runtime is wired into this run');
  const declared = ctx.plan.spec.runtimes?.[call.runtime] as RuntimeProfile | undefined;
  if (!declared) {
    return {
      outcome: 'failed',
      finalMessage: '',
      durationMs: 0,
      error: { category: 'unknown_runtime', message: `runtime "${call.runtime}" is not defined in this pipeline's runtimes` },
    };
  }
  // A relative executable path names a file of the user's repository, not of the workspace.
  const profile = withRepoExecutables(declared, ctx.run.repo);
  const meta: AgentCallMeta = {
    runId: ctx.run.id,
    stage: ctx.stage.id,
    stageKind: ctx.stage.kind,
    ...(ctx.round ? { round: ctx.round } : {}),
    attempt: 1,
    ...call.meta,
  };
  const callDir = join(ctx.run.dir, 'calls', callId(ctx, meta));
  mkdirSync(callDir, { recursive: true });
  const timeout = call.timeout ?? profile.timeout;
  const id = callDir.split('/').pop()!;
  ctx.emit({
    type: 'agent_started',
    stage: ctx.stage.id,
    call: id,
    runtime: call.runtime,
    ...(meta.task ? { task: meta.task } : {}),
    ...(ctx.round ? { round: ctx.round } : {}),
  });
  const result = await agents.call({
    runtime: call.runtime,
    profile,
    prompt: call.prompt,
    cwd: call.cwd,
    ...(timeout !== undefined ? { timeoutMs: parseDuration(timeout as string | number) } : {}),
    ...(call.schema ? { schema: call.schema } : {}),
    signal: ctx.signal,
    meta,
    callDir,
    onState: (state, detail) => ctx.emit({ type: 'agent_state', stage: ctx.stage.id, call: id, state, ...(detail ? { detail } : {}) }),
    ...(elsewhere ? { elsewhere } : {}),
  });
  ctx.emit({
    type: 'agent_finished',
    stage: ctx.stage.id,
    call: id,
    outcome: result.outcome,
    durationMs: result.durationMs,
    ...(result.usage ? { tokens: result.usage.totalTokens } : {}),
    ...(result.costUsd ? { costUsd: result.costUsd } : {}),
  });
  return result;
}

/** Categories that end the run instead of counting as one failed attempt. */
const FATAL_CATEGORIES = new Set(['budget_exhausted', 'replay_missing']);

export const isFatal = (error?: { category: string }) => Boolean(error && FATAL_CATEGORIES.has(error.category));

/** The stage's error for an agent call that did not end ok. */
export function agentFailure(result: AgentResult, what: string): { category: string; message: string } {
  if (isFatal(result.error)) return result.error!;
  const why = result.error?.message ?? (result.outcome === 'timed_out' ? 'timed out' : result.outcome);
  return { category: result.error?.category ?? `agent_${result.outcome}`, message: `${what}: ${why}` };
}
