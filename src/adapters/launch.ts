/**
 * The two ways the process adapter starts a child. Both put it in its own process group
 * (detached), stop it on timeout or cancel with SIGTERM to the whole group and SIGKILL after a
 * 2 s grace, and leave reading its output and reaping to process.ts.
 *
 *   execa   every process but odw's own git calls (agents, checks, exec stages, setup
 *           commands): execa's `timeout`, `cancelSignal` and `forceKillAfterDelay` decide when and
 *           report why; its kill reaches the leader only, so odw sends each signal to the group.
 *   spawn   odw's git calls (`ProcessSpec.direct`): node's spawn with odw's own timer and group
 *           kill. execa would about double what a git call costs odw's CPU (+1.4–1.9 ms on
 *           ~1.7 ms; bench/process.mjs, docs/performance.md), on ~80 git calls per run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execa, type ResultPromise } from 'execa';
import type { ProcessSpec } from '../ports/process.js';

export const KILL_GRACE_MS = 2_000;

/** How a call ended, as far as the launcher knows. */
export interface Outcome {
  timedOut: boolean;
  cancelled: boolean;
  /** The child could not start (ENOENT, EACCES …). */
  error?: { code?: string; message: string };
}

export interface Launched {
  child: ChildProcess;
  /** Settles once the child has closed its pipes (or they were closed from odw's side). */
  outcome: Promise<Outcome>;
}

export function killGroup(pid: number | undefined, signal: NodeJS.Signals | number): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // group already gone
  }
}

function command(spec: ProcessSpec): [string, string[]] {
  return spec.shell ? ['/bin/sh', ['-c', spec.command]] : [spec.command, spec.args ?? []];
}

export function launch(spec: ProcessSpec, env: NodeJS.ProcessEnv): Launched {
  return spec.direct ? launchSpawn(spec, env) : launchExeca(spec, env);
}

function launchExeca(spec: ProcessSpec, env: NodeJS.ProcessEnv): Launched {
  const [file, args] = command(spec);
  const child = execa(file, args, {
    cwd: spec.cwd,
    env,
    extendEnv: false,
    detached: true,
    ...(spec.input === undefined ? { stdin: 'ignore' as const } : { input: spec.input }),
    stdout: 'pipe',
    stderr: 'pipe',
    // odw reads both pipes itself (output.ts): bounded tails, raw bytes to files, lines.
    buffer: false,
    reject: false,
    timeout: spec.timeoutMs,
    cancelSignal: spec.signal,
    killSignal: 'SIGTERM',
    forceKillAfterDelay: KILL_GRACE_MS,
    // execa's `cleanup` does nothing for a detached child; odw stops its children through `signal`.
    cleanup: false,
    // Never print commands or output, whatever NODE_DEBUG says (agent output may hold secrets).
    verbose: 'none',
  });
  if (child.pid) groupKill(child, child.pid);
  const outcome = child.then((r) => ({
    timedOut: r.timedOut,
    cancelled: r.isCanceled,
    ...(r.code && !child.pid ? { error: { code: r.code, message: r.cause instanceof Error ? r.cause.message : r.code } } : {}),
  }));
  return { child, outcome };
}

/**
 * execa stops a child (timeout, cancel, the SIGKILL after the grace) through `subprocess.kill()`,
 * which signals the leader's pid only: a shell's or an agent's children would keep running.
 * Wrapped, each signal goes to the whole process group first (the leader is in it; execa's own
 * signal to the leader right after is the same one, merged by the kernel while pending).
 */
function groupKill(child: ResultPromise, pid: number): void {
  const leaderKill = child.kill.bind(child) as (signal?: NodeJS.Signals | number | Error, error?: Error) => boolean;
  child.kill = ((signal?: NodeJS.Signals | number | Error, error?: Error) => {
    killGroup(pid, typeof signal === 'string' || typeof signal === 'number' ? signal : 'SIGTERM');
    return leaderKill(signal, error);
  }) as typeof child.kill;
}

function launchSpawn(spec: ProcessSpec, env: NodeJS.ProcessEnv): Launched {
  const [file, args] = command(spec);
  const child = spawn(file, args, { cwd: spec.cwd, env, detached: true, stdio: [spec.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  const state: Outcome = { timedOut: false, cancelled: false };
  let forceTimer: NodeJS.Timeout | undefined;
  const stop = (why: 'timeout' | 'cancel') => {
    if (why === 'timeout') state.timedOut = true;
    else state.cancelled = true;
    killGroup(child.pid, 'SIGTERM');
    forceTimer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
    forceTimer.unref();
  };
  const timer = spec.timeoutMs ? setTimeout(() => stop('timeout'), spec.timeoutMs) : undefined;
  const onAbort = () => stop('cancel');
  spec.signal?.addEventListener('abort', onAbort, { once: true });
  const settle = () => {
    if (timer) clearTimeout(timer);
    spec.signal?.removeEventListener('abort', onAbort);
  };
  if (spec.input !== undefined && child.stdin) {
    child.stdin.on('error', () => {});
    child.stdin.end(spec.input);
  }
  child.on('error', (e: NodeJS.ErrnoException) => (state.error = { code: e.code, message: e.message }));
  child.on('exit', settle);
  const outcome = new Promise<Outcome>((done) =>
    child.on('close', () => {
      settle();
      if (forceTimer) clearTimeout(forceTimer);
      done(state);
    }),
  );
  return { child, outcome };
}
