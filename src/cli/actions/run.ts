/** What `odw run` does: load the pipeline, run a session, print the summary; `--watch` reruns on every change. */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadPipeline, type ResolvedPipeline } from '../../config/load.js';
import { formatConfigError, type ConfigError } from '../../config/errors.js';
import { parseInputFlags } from '../../run/inputs.js';
import { fileInputs, loadReplay, runSession } from '../../run/session.js';
import { gitConfigAtStart } from '../../compose.js';
import { watchPipeline } from '../../watch/session.js';
import { EXIT } from '../exit.js';
import type { CliIO } from '../io.js';
import type { CommandContext } from '../main.js';
import { findRepo } from '../repo.js';
import type { RunHandle } from '../../record/run-handle.js';
import { chooseRenderer } from '../render/choose.js';
import { formatDuration } from '../../util/format.js';
import type { ExecutionPlan } from '../../plan/types.js';

export interface RunFlags {
  input: string[];
  repo?: string;
  json?: boolean;
  watch?: boolean;
  record?: boolean;
  replay?: string;
  executor?: string;
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
  // Read once, before any agent runs: every rerun of --watch uses these, never what agents wrote since.
  const gitConfig = gitConfigAtStart(repo);
  const controller = new AbortController();
  const release = onInterrupt(io, controller);
  const runOnce = async (pipeline: ResolvedPipeline, signal: AbortSignal) => {
    const sink = (plan: ExecutionPlan) => chooseRenderer(io, { json: flags.json, plan });
    const result = await runSession({
      pipeline,
      rawInputs,
      inputsCwd: io.cwd,
      repo,
      env: io.env,
      signal,
      sink,
      replay,
      record: flags.record,
      executor: flags.executor,
      gitConfig,
    });
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
