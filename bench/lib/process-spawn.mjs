// @ts-check
/**
 * For bench/process.mjs only: odw's process adapter as it was on node:child_process, before it
 * moved to execa (the compiled dist/adapters/process.js of that commit, imports pointed at dist/).
 * Measured against the execa adapter in the same run; nothing in odw imports it.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { TailBuffer } from '../../dist/util/tail.js';
import { LineSplitter } from '../../dist/adapters/lines.js';
import { newToken, reap, startTicks, tokenMarker, waitGone, TOKEN_VARIABLE } from '../../dist/adapters/reap.js';
const KILL_GRACE_MS = 2_000;
export function createProcessRunner() {
    return { run: runProcess };
}
function killGroup(pid, signal) {
    if (!pid)
        return;
    try {
        process.kill(-pid, signal);
    }
    catch {
        // group already gone
    }
}
function childEnv(spec, token) {
    const env = { ...process.env };
    for (const name of spec.clearEnv ?? [])
        delete env[name];
    return { ...env, ...spec.env, ...(token ? { [TOKEN_VARIABLE]: token } : {}) };
}
/** The workspace whose processes are the call's: not one that holds odw's record (the user's repository). */
function reapFolder(reapSpec) {
    if (!reapSpec.cwd)
        return undefined;
    try {
        const folder = realpathSync(reapSpec.cwd);
        if (folder === '/')
            return undefined;
        const real = (p) => (existsSync(p) ? realpathSync(p) : resolve(p));
        if (reapSpec.record && `${real(reapSpec.record)}/`.startsWith(`${folder}/`))
            return undefined;
        return folder;
    }
    catch {
        return undefined;
    }
}
/** Reads one output stream: tail in memory, raw bytes to the file (with backpressure), lines to the handler. */
function consume(stream, tail, file, onLine, onData) {
    const decoder = new StringDecoder('utf8');
    const lines = onLine ? new LineSplitter(onLine) : undefined;
    stream.on('data', (chunk) => {
        onData();
        tail.push(decoder.write(chunk));
        if (file && !file.write(chunk)) {
            stream.pause();
            file.once('drain', () => stream.resume());
        }
        lines?.push(chunk);
    });
    return () => {
        tail.push(decoder.end());
        lines?.end();
    };
}
function runProcess(spec) {
    const started = Date.now();
    const tailChars = spec.tailChars ?? 64 * 1024;
    const out = new TailBuffer(tailChars);
    const err = new TailBuffer(tailChars);
    return new Promise((resolvePromise) => {
        if (spec.signal?.aborted) {
            resolvePromise({ exitCode: null, signal: null, timedOut: false, cancelled: true, stdout: '', stderr: '', durationMs: 0 });
            return;
        }
        const token = spec.reap ? newToken() : undefined;
        const child = spawn(spec.shell ? '/bin/sh' : spec.command, spec.shell ? ['-c', spec.command] : (spec.args ?? []), {
            cwd: spec.cwd,
            env: childEnv(spec, token),
            detached: true,
            stdio: [spec.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        });
        const target = spec.reap && token ? { marker: tokenMarker(token), cwd: reapFolder(spec.reap), since: child.pid ? startTicks(child.pid) : 0 } : undefined;
        if (target && !target.since)
            delete target.cwd;
        if (child.pid)
            spec.onSpawn?.(child.pid);
        const files = [];
        const outFile = spec.stdoutFile ? createWriteStream(spec.stdoutFile, { flags: 'a' }) : undefined;
        const errFile = spec.stderrFile
            ? spec.stderrFile === spec.stdoutFile
                ? outFile
                : createWriteStream(spec.stderrFile, { flags: 'a' })
            : undefined;
        for (const f of [outFile, errFile])
            if (f && !files.includes(f))
                files.push(f);
        let timedOut = false;
        let cancelled = false;
        let spawnError;
        let forceTimer;
        let closeTimer;
        const stop = (why) => {
            if (why === 'timeout')
                timedOut = true;
            else
                cancelled = true;
            killGroup(child.pid, 'SIGTERM');
            forceTimer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
            forceTimer.unref();
        };
        const timer = spec.timeoutMs ? setTimeout(() => stop('timeout'), spec.timeoutMs) : undefined;
        const onAbort = () => stop('cancel');
        spec.signal?.addEventListener('abort', onAbort, { once: true });
        let lastData = 0;
        const onData = () => (lastData = Date.now());
        const endOut = consume(child.stdout, out, outFile, spec.onStdoutLine, onData);
        const endErr = consume(child.stderr, err, errFile, spec.onStderrLine, onData);
        if (spec.input !== undefined && child.stdin) {
            child.stdin.on('error', () => { });
            child.stdin.end(spec.input);
        }
        child.on('error', (e) => {
            spawnError = e.code === 'ENOENT' ? `command not found: ${spec.command}` : e.message;
        });
        let reaped;
        child.on('exit', () => {
            if (timer)
                clearTimeout(timer);
            spec.signal?.removeEventListener('abort', onAbort);
            // The leader is gone: nothing it started may outlive it, in its group or (with reap) not.
            killGroup(child.pid, 'SIGKILL');
            reaped = target ? reap(target) : [];
            // Whatever still holds the output pipes open (a process odw could not see) must not keep
            // odw waiting: once no output has come for a grace period, the pipes are closed from this side.
            const closeIfQuiet = () => {
                const quiet = Date.now() - lastData;
                if (quiet < KILL_GRACE_MS || child.stdout?.isPaused() || child.stderr?.isPaused()) {
                    closeTimer = setTimeout(closeIfQuiet, Math.max(100, KILL_GRACE_MS - quiet));
                    return;
                }
                child.stdout?.destroy();
                child.stderr?.destroy();
            };
            closeTimer = setTimeout(closeIfQuiet, KILL_GRACE_MS);
        });
        child.on('close', async (code, signal) => {
            if (timer)
                clearTimeout(timer);
            if (closeTimer)
                clearTimeout(closeTimer);
            spec.signal?.removeEventListener('abort', onAbort);
            if (!reaped) {
                killGroup(child.pid, 'SIGKILL');
                reaped = target ? reap(target) : [];
            }
            await waitGone(reaped);
            if (forceTimer)
                clearTimeout(forceTimer);
            endOut();
            endErr();
            await Promise.all(files.map((f) => new Promise((r) => f.end(r))));
            resolvePromise({
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
//# sourceMappingURL=process.js.map