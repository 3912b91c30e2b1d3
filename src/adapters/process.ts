/**
 * The process port, on node:child_process. Every child runs in its own process group
 * (detached) so that a timeout or cancellation kills the whole tree, not just the leader.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { ProcessResult, ProcessRunner, ProcessSpec } from '../ports/process.js';
import { TailBuffer } from '../util/tail.js';

const KILL_GRACE_MS = 2_000;

export function createProcessRunner(): ProcessRunner {
  return { run: runProcess };
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // group already gone
  }
}

function childEnv(spec: ProcessSpec): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of spec.clearEnv ?? []) delete env[name];
  return { ...env, ...spec.env };
}

function runProcess(spec: ProcessSpec): Promise<ProcessResult> {
  const started = Date.now();
  const tailChars = spec.tailChars ?? 64 * 1024;
  const out = new TailBuffer(tailChars);
  const err = new TailBuffer(tailChars);
  return new Promise((resolve) => {
    if (spec.signal?.aborted) {
      resolve({ exitCode: null, signal: null, timedOut: false, cancelled: true, stdout: '', stderr: '', durationMs: 0 });
      return;
    }
    const child = spawn(spec.shell ? '/bin/sh' : spec.command, spec.shell ? ['-c', spec.command] : (spec.args ?? []), {
      cwd: spec.cwd,
      env: childEnv(spec),
      detached: true,
      stdio: [spec.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (child.pid) spec.onSpawn?.(child.pid);
    const files: WriteStream[] = [];
    const outFile = spec.stdoutFile ? createWriteStream(spec.stdoutFile, { flags: 'a' }) : undefined;
    const errFile = spec.stderrFile
      ? spec.stderrFile === spec.stdoutFile
        ? outFile
        : createWriteStream(spec.stderrFile, { flags: 'a' })
      : undefined;
    for (const f of [outFile, errFile]) if (f && !files.includes(f)) files.push(f);

    let timedOut = false;
    let cancelled = false;
    let spawnError: string | undefined;
    let pending = '';
    let forceTimer: NodeJS.Timeout | undefined;

    const stop = (why: 'timeout' | 'cancel') => {
      if (why === 'timeout') timedOut = true;
      else cancelled = true;
      killGroup(child.pid, 'SIGTERM');
      forceTimer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
      forceTimer.unref();
    };
    const timer = spec.timeoutMs ? setTimeout(() => stop('timeout'), spec.timeoutMs) : undefined;
    const onAbort = () => stop('cancel');
    spec.signal?.addEventListener('abort', onAbort, { once: true });

    // Decoders keep a multi-byte character split across two chunks intact.
    const outDecoder = new StringDecoder('utf8');
    const errDecoder = new StringDecoder('utf8');
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = outDecoder.write(chunk);
      out.push(text);
      outFile?.write(chunk);
      if (spec.onStdoutLine) {
        pending += text;
        let nl: number;
        while ((nl = pending.indexOf('\n')) >= 0) {
          spec.onStdoutLine(pending.slice(0, nl).replace(/\r$/, ''));
          pending = pending.slice(nl + 1);
        }
      }
    });
    let errPending = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = errDecoder.write(chunk);
      err.push(text);
      errFile?.write(chunk);
      if (spec.onStderrLine) {
        errPending += text;
        let nl: number;
        while ((nl = errPending.indexOf('\n')) >= 0) {
          spec.onStderrLine(errPending.slice(0, nl).replace(/\r$/, ''));
          errPending = errPending.slice(nl + 1);
        }
      }
    });
    if (spec.input !== undefined && child.stdin) {
      child.stdin.on('error', () => {});
      child.stdin.end(spec.input);
    }
    child.on('error', (e: NodeJS.ErrnoException) => {
      spawnError = e.code === 'ENOENT' ? `command not found: ${spec.command}` : e.message;
    });
    child.on('close', async (code, signal) => {
      if (timer) clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onAbort);
      // The leader is gone; make sure nothing it started outlives it.
      killGroup(child.pid, 'SIGKILL');
      if (forceTimer) clearTimeout(forceTimer);
      const outRest = outDecoder.end();
      out.push(outRest);
      const errRest = errDecoder.end();
      err.push(errRest);
      if (spec.onStderrLine && errPending + errRest) spec.onStderrLine(errPending + errRest);
      if (spec.onStdoutLine) pending += outRest;
      if (pending && spec.onStdoutLine) spec.onStdoutLine(pending);
      await Promise.all(files.map((f) => new Promise((r) => f.end(r))));
      resolve({
        exitCode: code,
        signal,
        timedOut,
        cancelled,
        stdout: out.text(),
        stderr: err.text(),
        durationMs: Date.now() - started,
        ...(spawnError ? { spawnError } : {}),
      });
    });
  });
}
