/**
 * Processes an agent or a check started must not outlive the call, even outside its process
 * group: real processes, real `setsid` daemons, checked through /proc after the call.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProcessRunner } from '../../src/adapters/process.js';
import type { ProcessSpec } from '../../src/ports/process.js';
import { processAlive } from '../helpers/process.js';
import { tempDir } from '../helpers/tmp.js';

const runner = createProcessRunner();
const started: number[] = [];

afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone, as it should be
    }
  }
});

interface Daemon {
  /** How it is started: `setsid`, or `env -i /usr/bin/setsid` (an empty environment). */
  how: string;
  /** The folder it moves to once in its own session (default: stays where it was started). */
  cd?: string;
}

/**
 * A shell script that starts daemons in their own sessions, waits until each is there (it writes
 * a file once it has left odw's process group), prints their pids, then runs `then` (or exits).
 */
function script(dir: string, daemons: Daemon[], then = ''): string {
  const lines = ['set -e'];
  daemons.forEach((d, i) => {
    const ready = JSON.stringify(join(dir, `ready-${i}`));
    const cd = d.cd ? `cd ${d.cd}; ` : '';
    lines.push(`${d.how} sh -c '${cd}echo ok > "$1"; exec sleep 1000' sh ${ready} </dev/null >/dev/null 2>&1 &`);
    lines.push(`echo "daemon $!"`, `until [ -e ${ready} ]; do sleep 0.02; done`);
  });
  lines.push('echo ready', then);
  return lines.join('\n');
}

async function run(
  dir: string,
  body: string,
  extra: Partial<ProcessSpec> = {},
): Promise<{ pids: number[]; exitCode: number | null; timedOut: boolean; cancelled: boolean }> {
  const file = join(dir, 'agent.sh');
  writeFileSync(file, body);
  const pids: number[] = [];
  const r = await runner.run({
    command: `sh ${file}`,
    shell: true,
    cwd: dir,
    reap: { cwd: dir },
    onStdoutLine: (line) => {
      const m = /^daemon (\d+)$/.exec(line);
      if (m) {
        pids.push(Number(m[1]));
        started.push(Number(m[1]));
      }
    },
    ...extra,
  });
  return { pids, exitCode: r.exitCode, timedOut: r.timedOut, cancelled: r.cancelled };
}

function sessionOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[3]);
}

describe.skipIf(process.platform !== 'linux')('leftover processes (Linux, /proc)', () => {
  it('kills a setsid daemon, one that moved to / (by its token) and one with an empty environment (by its folder)', async () => {
    const dir = tempDir();
    const r = await run(dir, script(dir, [{ how: 'setsid' }, { how: 'setsid', cd: '/' }, { how: 'env -i /usr/bin/setsid' }]));
    expect(r.exitCode).toBe(0);
    expect(r.pids).toHaveLength(3);
    for (const pid of r.pids) expect(processAlive(pid), `daemon ${pid} still running`).toBe(false);
  });

  it('without reap, the same daemon outlives the call (what the reaper is for)', async () => {
    const dir = tempDir();
    const r = await run(dir, script(dir, [{ how: 'setsid' }]), { reap: undefined });
    expect(r.pids).toHaveLength(1);
    expect(processAlive(r.pids[0])).toBe(true);
    expect(sessionOf(r.pids[0])).toBe(r.pids[0]);
  });

  it('finds a daemon that left the folder by its token, and one with an empty environment only by its folder', async () => {
    const dir = tempDir();
    const r = await run(dir, script(dir, [{ how: 'setsid', cd: '/' }, { how: 'env -i /usr/bin/setsid' }]), { reap: {} });
    expect(processAlive(r.pids[0])).toBe(false);
    expect(processAlive(r.pids[1])).toBe(true);
  });

  it('kills the daemons when the call times out or is cancelled', async () => {
    const dir = tempDir();
    const timedOut = await run(dir, script(dir, [{ how: 'setsid' }, { how: 'setsid', cd: '/' }], 'exec sleep 1000'), { timeoutMs: 3_000 });
    expect(timedOut.timedOut).toBe(true);
    expect(timedOut.pids).toHaveLength(2);
    for (const pid of timedOut.pids) expect(processAlive(pid)).toBe(false);

    const other = tempDir();
    const abort = new AbortController();
    const cancelled = await run(other, script(other, [{ how: 'setsid', cd: '/' }, { how: 'env -i /usr/bin/setsid' }], 'exec sleep 1000'), {
      signal: abort.signal,
      onStdoutLine: (line) => {
        const m = /^daemon (\d+)$/.exec(line);
        if (m) started.push(Number(m[1]));
        if (line === 'ready') abort.abort();
      },
    });
    expect(cancelled.cancelled).toBe(true);
    const pids = started.slice(-2);
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(processAlive(pid)).toBe(false);
  });

  it('returns even when a daemon keeps the output pipe open', async () => {
    const dir = tempDir();
    const body = `setsid sh -c 'echo "daemon $$"; exec sleep 1000' &\nwhile ! grep -q . ${JSON.stringify(join(dir, 'out'))} 2>/dev/null; do sleep 0.02; done`;
    const r = await run(dir, body, { stdoutFile: join(dir, 'out') });
    expect(r.pids).toHaveLength(1);
    expect(processAlive(r.pids[0])).toBe(false);
  });

  it('is not kept waiting by a process it cannot find that holds the output pipe open', async () => {
    const dir = tempDir();
    // No token (empty environment) and not in the workspace: out of odw's sight, on purpose.
    const ready = JSON.stringify(join(dir, 'ready'));
    const r = await run(
      dir,
      `env -i /usr/bin/setsid /bin/sh -c 'cd /; echo ok > "$1"; exec sleep 1000' sh ${ready} &\necho "daemon $!"\nuntil [ -e ${ready} ]; do sleep 0.02; done`,
    );
    expect(r.pids).toHaveLength(1);
    expect(processAlive(r.pids[0])).toBe(true);
  });

  it("leaves alone what is not the call's: a process already working in the folder, and the user's repository", async () => {
    const repo = tempDir();
    const record = join(repo, '.odw', 'runs', 'r1');
    mkdirSync(record, { recursive: true });
    // Started before the call, in the folder, without the token: someone else's.
    const before = await run(repo, script(repo, [{ how: 'env -i /usr/bin/setsid' }]), { reap: undefined });
    // A call in the user's repository (odw's record inside it): the folder is not used, only the token.
    const during = await run(repo, script(repo, [{ how: 'env -i /usr/bin/setsid' }, { how: 'setsid' }]).replaceAll('ready-', 'ready2-'), {
      reap: { cwd: repo, record },
    });
    expect(processAlive(before.pids[0])).toBe(true);
    expect(processAlive(during.pids[0])).toBe(true);
    expect(processAlive(during.pids[1])).toBe(false);

    const workspace = tempDir();
    const old = await run(workspace, script(workspace, [{ how: 'env -i /usr/bin/setsid' }]), { reap: undefined });
    await run(workspace, script(workspace, [{ how: 'setsid' }]).replaceAll('ready-', 'ready2-'));
    expect(processAlive(old.pids[0])).toBe(true);
    expect(existsSync(join(workspace, 'ready2-0'))).toBe(true);
  });

  it('a call that ends leaves alone the processes of another call in the same folder (parallel reviewers)', async () => {
    const dir = tempDir();
    const go = join(dir, 'go');
    // A starts first, and ends only once B's child is running (so that child started during A).
    let aReady!: () => void;
    const aStarted = new Promise<void>((r) => (aReady = r));
    const a = run(dir, script(dir, [{ how: 'setsid' }], `until [ -e ${go} ]; do sleep 0.02; done`), {
      onStdoutLine: (line) => {
        const m = /^daemon (\d+)$/.exec(line);
        if (m) started.push(Number(m[1]));
        if (line === 'ready') aReady();
      },
    });
    await aStarted;
    const abort = new AbortController();
    let bReady!: (pid: number) => void;
    const bChild = new Promise<number>((r) => (bReady = r));
    const b = runner.run({
      command: `sleep 1000 & echo "child $!"; wait`,
      shell: true,
      cwd: dir,
      reap: { cwd: dir },
      signal: abort.signal,
      onStdoutLine: (line) => {
        const m = /^child (\d+)$/.exec(line);
        if (m) bReady(Number(m[1]));
      },
    });
    const child = await bChild;
    started.push(child);
    writeFileSync(go, '');
    await a;
    const aDaemon = started[0];
    expect(processAlive(aDaemon)).toBe(false);
    expect(processAlive(child)).toBe(true);
    abort.abort();
    await b;
    expect(processAlive(child)).toBe(false);
  });
});
