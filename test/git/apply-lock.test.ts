/**
 * The repository's apply lock (.odw/runs/apply.lock): one holder at a time, waiters are told who they
 * wait for and can be cancelled, a dead owner's lock is taken over by exactly one of many takers,
 * and a process that exits gives its lock up.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../helpers/gitdir.js';
import { acquireLock, lockPath, readOwner, releaseLock, tryLock, type LockOwner } from '../../src/git/lock.js';
import { ROOT } from '../helpers/cli.js';

const LOCK_JS = join(ROOT, 'dist/git/lock.js');
const repo = () => scratchDir('odw-lock-');

/** A pid that is certainly gone: a process that ran and was reaped. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout as unknown as number;
}

function staleLock(dir: string, runId = 'odw-dead'): LockOwner {
  const owner = { pid: Number(deadPid()), host: hostname(), runId, since: new Date().toISOString(), token: 'deadbeef0000' };
  mkdirSync(join(dir, '.odw/runs'), { recursive: true });
  writeFileSync(lockPath(dir), JSON.stringify(owner));
  return owner;
}

describe('the apply lock', () => {
  it('is held by one run at a time; a waiter is told whom it waits for and gets the lock once it is released', async () => {
    const dir = repo();
    expect(await acquireLock(dir, 'run-a')).toEqual([]);
    expect(readOwner(lockPath(dir))).toMatchObject({ pid: process.pid, host: hostname(), runId: 'run-a' });
    expect(tryLock(dir, 'run-b')).toBe(false);
    const seen: string[] = [];
    const waiting = acquireLock(dir, 'run-b', { pollMs: 5, onWait: (o) => seen.push(o.runId) });
    while (!seen.length) await new Promise((r) => setTimeout(r, 5));
    releaseLock(dir, 'run-b'); // not the holder: changes nothing
    expect(readOwner(lockPath(dir))?.runId).toBe('run-a');
    releaseLock(dir, 'run-a');
    expect((await waiting).map((o) => o.runId)).toEqual(['run-a']);
    expect(readOwner(lockPath(dir))?.runId).toBe('run-b');
    releaseLock(dir, 'run-b');
    expect(existsSync(lockPath(dir))).toBe(false);
  });

  it('a waiting run stays cancellable by its signal', async () => {
    const dir = repo();
    await acquireLock(dir, 'run-a');
    const controller = new AbortController();
    const waiting = acquireLock(dir, 'run-b', { pollMs: 5, signal: controller.signal, onWait: () => controller.abort() });
    await expect(waiting).rejects.toMatchObject({ category: 'cancelled' });
    expect(readOwner(lockPath(dir))?.runId).toBe('run-a');
    releaseLock(dir, 'run-a');
  });

  it('a lock whose owner on this host is gone is taken over; one of another host is not', async () => {
    const dir = repo();
    staleLock(dir);
    expect(tryLock(dir, 'run-new')).toBe(true);
    expect(readOwner(lockPath(dir))?.runId).toBe('run-new');
    releaseLock(dir, 'run-new');
    writeFileSync(lockPath(dir), JSON.stringify({ pid: 1, host: `not-${hostname()}`, runId: 'remote', since: '', token: 'remote000000' }));
    expect(tryLock(dir, 'run-new')).toBe(false);
    expect(readdirSync(join(dir, '.odw/runs')).sort()).toEqual(['apply.lock']); // no private or takeover files left
  });

  it('of many processes taking over one stale lock at once, exactly one wins', async () => {
    const dir = repo();
    staleLock(dir);
    const go = join(dir, 'go');
    // Each taker waits for the same start file, tries once, reports, and holds what it got until stdin closes.
    const code = `
      import { existsSync } from 'node:fs';
      const { tryLock } = await import(${JSON.stringify(LOCK_JS)});
      while (!existsSync(${JSON.stringify(go)})) await new Promise((r) => setImmediate(r));
      process.stdout.write(tryLock(${JSON.stringify(dir)}, 'taker-' + process.pid) ? 'won\\n' : 'lost\\n');
      process.stdin.resume();`;
    const takers = Array.from({ length: 8 }, () => spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['pipe', 'pipe', 'inherit'] }));
    const results = takers.map((t) => new Promise<string>((resolve) => t.stdout!.once('data', (d) => resolve(String(d).trim()))));
    writeFileSync(go, '');
    const said = await Promise.all(results);
    const winner = takers[said.indexOf('won')];
    expect(said.filter((s) => s === 'won')).toHaveLength(1);
    expect(readOwner(lockPath(dir))).toMatchObject({ runId: `taker-${winner.pid}`, pid: winner.pid });
    const exits = takers.map((t) => new Promise((r) => t.on('close', r)));
    for (const t of takers) t.stdin!.end();
    await Promise.all(exits);
    // The winner gave the lock up as it exited.
    expect(existsSync(lockPath(dir))).toBe(false);
    expect(readdirSync(join(dir, '.odw/runs')).filter((n) => n.startsWith('apply.lock'))).toEqual([]);
  });

  it('a holder killed with SIGKILL leaves a lock that the next run takes over', async () => {
    const dir = repo();
    const code = `const { tryLock } = await import(${JSON.stringify(LOCK_JS)}); tryLock(${JSON.stringify(dir)}, 'killed'); process.stdout.write('held\\n'); setInterval(() => {}, 1000);`;
    const holder = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((r) => holder.stdout!.once('data', r));
    expect(readOwner(lockPath(dir))?.runId).toBe('killed');
    expect(tryLock(dir, 'next')).toBe(false);
    const closed = new Promise((r) => holder.on('close', r));
    holder.kill('SIGKILL');
    await closed;
    expect(readOwner(lockPath(dir))?.runId).toBe('killed');
    expect(tryLock(dir, 'next')).toBe(true);
    expect(JSON.parse(readFileSync(lockPath(dir), 'utf8'))).toMatchObject({ runId: 'next', pid: process.pid });
    releaseLock(dir, 'next');
  });
});
