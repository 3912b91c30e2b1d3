/** What `odw run` does: load, validate, run, report; `--watch` reruns on every change. */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadPipeline, type ResolvedPipeline } from '../../config/load.js';
import { formatConfigError, type ConfigError } from '../../config/errors.js';
import { createPorts } from '../../compose.js';
import { execute } from '../../run/execute.js';
import { parseInputFlags, resolveInputs } from '../../run/inputs.js';
import { watchPipeline } from '../../watch/session.js';
import { EXIT } from '../exit.js';
import { UserError } from '../../util/errors.js';
import { readRun } from '../../record/read.js';
import { runDir } from '../../record/paths.js';
import { replayAgentPort, type ReplayPort } from '../../replay/port.js';
import { readRecording, writeRecording } from '../../replay/recording.js';
import type { CliIO } from '../io.js';
import type { CommandContext } from '../main.js';
import { findRepo } from '../repo.js';
import type { RunHandle } from '../../record/run-handle.js';
import { chooseRenderer } from '../render/choose.js';
import { formatDuration } from '../../util/format.js';
import { compile } from '../../plan/compile.js';
import { usedRuntimes } from '../../plan/runtimes.js';
import type { ExecutionPlan } from '../../plan/types.js';
import { missingAgents } from '../../agents/preflight.js';
import type { RuntimeProfile } from '../../ports/agents.js';


export interface RunFlags {
  input: string[];
  repo?: string;
  json?: boolean;
  watch?: boolean;
  record?: boolean;
  replay?: string;
}

function printErrors(io: CliIO, errors: ConfigError[]): void {
  for (const e of errors) io.err(formatConfigError(e, io.cwd));
  io.err(`odw: ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was run`);
}

/** Ctrl-C (or SIGTERM) aborts `controller`; a second one exits at once. */
export function onInterrupt(io: CliIO, controller: AbortController): () => void {
  let interrupts = 0;
  const handler = () => {
    if (++interrupts > 1) process.exit(130);
    io.err('odw: cancelling — stopping agents and commands, cleaning up (press Ctrl-C again to force)');
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

export async function runCommand(ctx: CommandContext, ref: string, flags: RunFlags): Promise<number> {
  const { io } = ctx;
  const rawInputs = parseInputFlags(flags.input);
  const repo = findRepo(io.cwd, flags.repo);
  const replay = flags.replay ? loadReplay(repo, flags.replay, io.cwd) : undefined;
  const controller = new AbortController();
  const release = onInterrupt(io, controller);
  const runOnce = async (pipeline: ResolvedPipeline, signal: AbortSignal) => {
    const inputs = resolveInputs(pipeline.spec.inputs ?? {}, rawInputs, io.cwd);
    const plan = compile(pipeline);
    if (!replay) requireAgents(pipeline, plan, io, repo);
    const sink = await chooseRenderer(io, { json: flags.json, plan });
    const ports = createPorts({ env: io.env, budget: pipeline.spec.budget, answerPolicy: pipeline.spec.answerPolicy, replay });
    const result = await execute({ pipeline, inputs, repo, ports, env: io.env, signal, sinks: [sink] });
    if (flags.record) writeRecording(result.record.dir, result.record.id);
    if (!flags.json) printSummary(io, result.record);
    return result.status;
  };
  try {
    if (flags.watch) {
      await watchPipeline({
        ref,
        cwd: io.cwd,
        inputFiles: (p) => fileInputs(p, rawInputs, io.cwd),
        runOnce: (p, signal) => runOnce(p, AbortSignal.any([signal, controller.signal])),
        onInvalid: (errors) => printErrors(io, errors),
        log: (m) => io.err(m),
        signal: controller.signal,
      });
      return EXIT.ok;
    }
    const loaded = await loadPipeline(ref, { cwd: io.cwd });
    if (!loaded.ok) {
      printErrors(io, loaded.errors);
      return EXIT.usage;
    }
    const status = await runOnce(loaded.pipeline, controller.signal);
    return exitFor(status);
  } finally {
    release();
  }
}

/** A missing agent CLI is a set-up problem: say so before anything runs (exit 2). */
export function requireAgents(pipeline: ResolvedPipeline, plan: ExecutionPlan, io: CliIO, repo: string): void {
  const missing = missingAgents((pipeline.spec.runtimes ?? {}) as Record<string, RuntimeProfile>, usedRuntimes(plan.nodes), io.env, repo);
  if (!missing.length) return;
  const lines = missing.map((m) => `runtime "${m.runtime}" (${m.agent}) ${m.problem ?? `needs \`${m.command}\`, which is not installed or not on PATH`}`);
  throw new UserError(`${lines.join('\n     ')}; nothing was run`, missing[0].hint);
}

export function printSummary(io: CliIO, run: RunHandle): void {
  const r = run.record;
  const mark = r.status === 'succeeded' ? '✓' : '✗';
  io.out(`${mark} run ${r.id} ${r.status} in ${formatDuration(r.durationMs)}${r.headline ? ` — ${r.headline}` : ''}`);
  const shown = (path: string) => {
    const rel = relative(io.cwd, path);
    return rel.startsWith('..') ? path : rel || '.';
  };
  io.out(`  record: ${shown(run.dir)}   details: odw runs show ${r.id}`);
  const report = join(run.dir, 'report.html');
  if (existsSync(report)) io.out(`  report: ${shown(report)}`);
}

export const exitFor = (status: string) => (status === 'succeeded' ? EXIT.ok : status === 'cancelled' ? 130 : EXIT.failed);

/** `--replay` takes a run id (or latest) of this repository, or the path of a run folder. */
function loadReplay(repo: string, id: string, cwd: string): ReplayPort {
  const asPath = resolve(cwd, id);
  const dir = existsSync(join(asPath, 'run.json')) ? asPath : runDir(repo, readRun(repo, id).id);
  const source = { id: dir.split('/').pop()! };
  const recording = readRecording(dir);
  if (!recording) throw new UserError(`run ${source.id} has no recording`, 'record a run with: odw run <pipeline> --record');
  return replayAgentPort(recording, dir);
}

/** Paths of the pipeline's `file` inputs as given on the command line or by default. */
function fileInputs(pipeline: ResolvedPipeline, raw: Map<string, string>, cwd: string): string[] {
  return Object.entries(pipeline.spec.inputs ?? {})
    .filter(([name, decl]) => decl.type === 'file' || raw.get(name)?.startsWith('@'))
    .map(([name, decl]) => (raw.get(name) ?? (decl.default as string | undefined) ?? '').replace(/^@/, ''))
    .filter(Boolean)
    .map((p) => resolve(cwd, p));
}
