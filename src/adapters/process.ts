/**
 * The process port. Every child runs in its own process group (detached) so that a timeout or
 * cancellation kills the whole tree, not just the leader; with `reap`, what left the group (a
 * `setsid` daemon) is found through /proc and killed too. Children start on execa, odw's own
 * git calls on node's spawn (launch.ts says why). Output is not buffered by either: odw reads
 * both pipes itself, in time linear in their bytes, with bounded memory (output.ts, lines.ts).
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ProcessResult, ProcessRunner, ProcessSpec } from '../ports/process.js';
import { KILL_GRACE_MS, killGroup, launch } from './launch.js';
import { openOutputs } from './output.js';
import { newToken, reap, startTicks, tokenMarker, waitGone, TOKEN_VARIABLE, type ReapTarget } from './reap.js';

export function createProcessRunner(): ProcessRunner {
  return { run: runProcess };
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

async function runProcess(spec: ProcessSpec): Promise<ProcessResult> {
  const started = Date.now();
  if (spec.signal?.aborted) return { exitCode: null, signal: null, timedOut: false, cancelled: true, stdout: '', stderr: '', durationMs: 0 };
  const token = spec.reap ? newToken() : undefined;
  const { child, outcome } = launch(spec, childEnv(spec, token));
  const pid = child.pid;
  const target: ReapTarget | undefined =
    spec.reap && token ? { marker: tokenMarker(token), cwd: reapFolder(spec.reap), since: pid ? startTicks(pid) : 0 } : undefined;
  if (target && !target.since) delete target.cwd;
  if (pid) spec.onSpawn?.(pid);
  const outputs = openOutputs(spec, child.stdout!, child.stderr!);

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
  const [[code, signal], how] = await Promise.all([closed, outcome]);
  if (closeTimer) clearTimeout(closeTimer);
  finishGroup();
  await waitGone(reaped ?? []);
  await outputs.end();
  const spawnError = how.error ? (how.error.code === 'ENOENT' ? missing(spec) : how.error.message) : undefined;
  return {
    exitCode: code,
    signal,
    timedOut: how.timedOut,
    cancelled: how.cancelled,
    stdout: outputs.stdout(),
    stderr: outputs.stderr(),
    durationMs: Date.now() - started,
    ...(spawnError ? { spawnError } : {}),
  };
}

/** What ENOENT meant: spawn reports a working directory that does not exist as it does a missing command. */
function missing(spec: ProcessSpec): string {
  const dir = resolve(spec.cwd);
  return existsSync(dir) && statSync(dir).isDirectory() ? `command not found: ${spec.command}` : `working directory not found: ${dir}`;
}
