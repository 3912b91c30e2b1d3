/**
 * The process port, on execa. Every child runs in its own process group (execa's `detached`) so
 * that a timeout or cancellation kills the whole tree, not just the leader; with `reap`, what left
 * the group (a `setsid` daemon) is found through /proc and killed too. execa decides when a child
 * is stopped (`timeout`, `cancelSignal`, then SIGKILL after `forceKillAfterDelay`) and reports why
 * (`timedOut`, `isCanceled`), but its kill reaches the leader's pid only: odw sends the same
 * signal to the process group (see `groupKill`). Output is not buffered by execa (`buffer: false`):
 * odw reads both pipes itself, in time linear in their bytes (see lines.ts), keeps bounded tails
 * and appends the raw bytes to files with backpressure (output.ts).
 */
import { execa, type ResultPromise } from 'execa';
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ProcessResult, ProcessRunner, ProcessSpec } from '../ports/process.js';
import { openOutputs, type Outputs } from './output.js';
import { newToken, reap, startTicks, tokenMarker, waitGone, TOKEN_VARIABLE, type ReapTarget } from './reap.js';

const KILL_GRACE_MS = 2_000;

export function createProcessRunner(): ProcessRunner {
  return { run: runProcess };
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals | number): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // group already gone
  }
}

/**
 * execa stops a child (timeout, cancel, the SIGKILL after the grace) through `subprocess.kill()`,
 * which signals the leader only; a shell's or an agent's children would keep running. Wrapped,
 * the signal goes to the whole process group first (the leader is in it; execa's own signal to
 * the leader right after is the same one, coalesced by the kernel while pending).
 */
function groupKill(child: ResultPromise, pid: number): void {
  const leaderKill = child.kill.bind(child) as (signal?: NodeJS.Signals | number | Error, error?: Error) => boolean;
  child.kill = ((signal?: NodeJS.Signals | number | Error, error?: Error) => {
    killGroup(pid, typeof signal === 'string' || typeof signal === 'number' ? signal : 'SIGTERM');
    return leaderKill(signal, error);
  }) as typeof child.kill;
}

function childEnv(spec: ProcessSpec, token: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of spec.clearEnv ?? []) delete env[name];
  return { ...env, ...spec.env, ...(token ? { [TOKEN_VARIABLE]: token } : {}) };
}

/** The workspace whose processes are the call's: not one that holds odw's record (the user's repository). */
function reapFolder(reapSpec: NonNullable<ProcessSpec['reap']>): string | undefined {
  if (!reapSpec.cwd) return undefined;
  try {
    const folder = realpathSync(reapSpec.cwd);
    if (folder === '/') return undefined;
    const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));
    if (reapSpec.record && `${real(reapSpec.record)}/`.startsWith(`${folder}/`)) return undefined;
    return folder;
  } catch {
    return undefined;
  }
}

function spawnChild(spec: ProcessSpec, token: string | undefined): ResultPromise {
  const [file, args] = spec.shell ? ['/bin/sh', ['-c', spec.command]] : [spec.command, spec.args ?? []];
  return execa(file, args, {
    cwd: spec.cwd,
    env: childEnv(spec, token),
    extendEnv: false,
    detached: true,
    ...(spec.input === undefined ? { stdin: 'ignore' as const } : { input: spec.input }),
    stdout: 'pipe',
    stderr: 'pipe',
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
}

function runProcess(spec: ProcessSpec): Promise<ProcessResult> {
  const started = Date.now();
  if (spec.signal?.aborted) {
    return Promise.resolve({ exitCode: null, signal: null, timedOut: false, cancelled: true, stdout: '', stderr: '', durationMs: 0 });
  }
  const token = spec.reap ? newToken() : undefined;
  const child = spawnChild(spec, token);
  const pid = child.pid;
  const target: ReapTarget | undefined = spec.reap && token ? { marker: tokenMarker(token), cwd: reapFolder(spec.reap), since: pid ? startTicks(pid) : 0 } : undefined;
  if (target && !target.since) delete target.cwd;
  if (pid) {
    groupKill(child, pid);
    spec.onSpawn?.(pid);
  }
  const outputs: Outputs = openOutputs(spec, child.stdout!, child.stderr!);

  let closeTimer: NodeJS.Timeout | undefined;
  let reaped: number[] | undefined;
  const finishGroup = () => {
    // The leader is gone: nothing it started may outlive it, in its group or (with reap) not.
    if (reaped) return;
    killGroup(pid, 'SIGKILL');
    reaped = target ? reap(target) : [];
  };
  child.on('exit', () => {
    finishGroup();
    // Whatever still holds the output pipes open (a process odw could not see) must not keep
    // odw waiting: once no output has come for a grace period, the pipes are closed from this side.
    const closeIfQuiet = () => {
      const quiet = Date.now() - outputs.lastData();
      if (quiet < KILL_GRACE_MS || outputs.paused()) {
        closeTimer = setTimeout(closeIfQuiet, Math.max(100, KILL_GRACE_MS - quiet));
        return;
      }
      outputs.destroy();
    };
    closeTimer = setTimeout(closeIfQuiet, KILL_GRACE_MS);
  });
  const closed = new Promise<[number | null, NodeJS.Signals | null]>((done) => child.on('close', (code, signal) => done([code, signal])));
  return (async () => {
    const [[code, signal], result] = await Promise.all([closed, child]);
    if (closeTimer) clearTimeout(closeTimer);
    finishGroup();
    await waitGone(reaped ?? []);
    await outputs.end();
    const spawnError = result.code && !pid ? spawnMessage(spec, result.code, result.cause) : undefined;
    return {
      exitCode: code,
      signal,
      timedOut: result.timedOut,
      cancelled: result.isCanceled,
      stdout: outputs.stdout(),
      stderr: outputs.stderr(),
      durationMs: Date.now() - started,
      ...(spawnError ? { spawnError } : {}),
    };
  })();
}

function spawnMessage(spec: ProcessSpec, code: string, cause: unknown): string {
  if (code === 'ENOENT') return `command not found: ${spec.command}`;
  return cause instanceof Error ? cause.message : code;
}
