/**
 * One session of a loaded pipeline, as `odw run`, `odw resume` and each rerun of `odw run --watch`
 * start it: resolve the inputs, compile the plan, check the agent CLIs it needs, wire the ports,
 * execute (which opens or reopens the record, recovers interrupted applies, interprets the plan,
 * writes the report) and keep a recording when asked. The CLI parses flags, picks the renderer,
 * prints the summary and decides the exit code.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { missingAgents } from '../agents/preflight.js';
import { createPorts, gitConfigAtStart } from '../compose.js';
import type { GitConfigSnapshot } from '../ports/git.js';
import type { ResolvedPipeline } from '../config/load.js';
import { compile } from '../plan/compile.js';
import { usedRuntimes } from '../plan/runtimes.js';
import type { ExecutionPlan } from '../plan/types.js';
import type { RuntimeProfile } from '../ports/agents.js';
import type { EventSink } from '../ports/events.js';
import { runDir } from '../record/paths.js';
import { readRun, shownStatus } from '../record/read.js';
import type { RunRecord } from '../record/types.js';
import { replayAgentPort, type ReplayPort } from '../replay/port.js';
import { readRecording, writeRecording } from '../replay/recording.js';
import { UserError } from '../util/errors.js';
import { execute, type ExecuteResult } from './execute.js';
import { resolveInputs } from './inputs.js';

export interface SessionOptions {
  pipeline: ResolvedPipeline;
  /** Input values as given: `name` → value, or `@path` for a file. */
  rawInputs: Map<string, string>;
  /** Where relative `@path` inputs are read from. */
  inputsCwd: string;
  repo: string;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  /** Where the run's events go, once its plan is known (the CLI's renderer). */
  sink(plan: ExecutionPlan): Promise<EventSink>;
  /** Answer every agent call from this recording (then no agent CLI is needed). */
  replay?: ReplayPort;
  /** Keep every agent call's answer as a recording (recording.json) for --replay. */
  record?: boolean;
  /** Continue this interrupted run instead of starting a new one. */
  resumeId?: string;
  /** Where task steps run: `local` or a queue address; default $ODW_EXECUTOR, else local. */
  executor?: string;
  /**
   * The git settings odw's git reads, as the process read them at its start (gitConfigAtStart):
   * `--watch` passes the same one to every rerun. Without it the session reads them now.
   */
  gitConfig?: Promise<GitConfigSnapshot>;
}

export async function runSession(opts: SessionOptions): Promise<ExecuteResult> {
  const { pipeline } = opts;
  const inputs = resolveInputs(pipeline.spec.inputs ?? {}, opts.rawInputs, opts.inputsCwd);
  const plan = compile(pipeline);
  const executor = opts.executor ?? opts.env.ODW_EXECUTOR ?? 'local';
  const remote = executor !== 'local';
  if (remote && opts.replay)
    throw new UserError(
      '--replay answers every agent call from a recording; it runs no agent and sends nothing to workers',
      'drop --executor (or ODW_EXECUTOR)',
    );
  if (!opts.replay) requireAgents(pipeline, plan, opts.env, opts.repo);
  const gitConfig = await (opts.gitConfig ?? gitConfigAtStart(opts.repo));
  const ports = createPorts({
    gitConfig,
    env: opts.env,
    budget: pipeline.spec.budget,
    answerPolicy: pipeline.spec.answerPolicy,
    replay: opts.replay,
    executor,
  });
  try {
    ports.executor?.check?.(pipeline.spec);
    const sink = await opts.sink(plan);
    const result = await execute({ pipeline, inputs, repo: opts.repo, ports, env: opts.env, signal: opts.signal, sinks: [sink], resumeId: opts.resumeId });
    if (opts.record) writeRecording(result.record.dir, result.record.id);
    return result;
  } finally {
    await ports.executor?.close?.();
  }
}

/** A missing agent CLI is a set-up problem: say so before anything runs (exit 2). */
function requireAgents(pipeline: ResolvedPipeline, plan: ExecutionPlan, env: NodeJS.ProcessEnv, repo: string): void {
  const missing = missingAgents((pipeline.spec.runtimes ?? {}) as Record<string, RuntimeProfile>, usedRuntimes(plan.nodes), env, repo);
  if (!missing.length) return;
  const lines = missing.map((m) => `runtime "${m.runtime}" (${m.agent}) ${m.problem ?? `needs \`${m.command}\`, which is not installed or not on PATH`}`);
  throw new UserError(`${lines.join('\n     ')}; nothing was run`, missing[0].hint);
}

/** The run `odw resume` continues (an id or latest): only an interrupted or cancelled one. */
export function runToResume(repo: string, id: string): RunRecord {
  const prior = readRun(repo, id);
  const status = shownStatus(prior);
  if (status === 'running') throw new UserError(`run ${prior.id} is still running (process ${prior.pid})`, 'stop it first, or wait for it to finish');
  if (status === 'succeeded' || status === 'failed') {
    throw new UserError(`run ${prior.id} ${status}; only interrupted or cancelled runs can be resumed`, 'start a new run with: odw run <pipeline>');
  }
  return prior;
}

/** A resumed run's own input values; file inputs are read again from their recorded paths. */
export function recordedInputs(prior: RunRecord): Map<string, string> {
  return new Map(
    Object.entries(prior.inputs)
      .filter(([, v]) => v !== '' && v !== null && v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
}

/** `--replay` takes a run id (or latest) of this repository, or the path of a run folder. */
export function loadReplay(repo: string, id: string, cwd: string): ReplayPort {
  const asPath = resolve(cwd, id);
  const dir = existsSync(join(asPath, 'run.json')) ? asPath : runDir(repo, readRun(repo, id).id);
  const source = { id: dir.split('/').pop()! };
  const recording = readRecording(dir);
  if (!recording) throw new UserError(`run ${source.id} has no recording`, 'record a run with: odw run <pipeline> --record');
  return replayAgentPort(recording, dir);
}

/** Paths of the pipeline's `file` inputs as given on the command line or by default (what --watch watches besides the pipeline). */
export function fileInputs(pipeline: ResolvedPipeline, raw: Map<string, string>, cwd: string): string[] {
  return Object.entries(pipeline.spec.inputs ?? {})
    .filter(([name, decl]) => decl.type === 'file' || raw.get(name)?.startsWith('@'))
    .map(([name, decl]) => (raw.get(name) ?? (decl.default as string | undefined) ?? '').replace(/^@/, ''))
    .filter(Boolean)
    .map((p) => resolve(cwd, p));
}
