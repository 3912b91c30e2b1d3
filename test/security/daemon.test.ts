/**
 * A hostile implementer starts daemons that leave odw's process group (`setsid`): one moves to /,
 * one clears its environment and stays in its workspace. Whatever way the agent's call ends —
 * it returns, it hits its profile's time limit, the user presses Ctrl-C — once `odw run` has
 * exited none of them is running. Real CLI, real git, the shipped pipeline, scripted agents.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ODW_BIN } from '../helpers/cli.js';
import { flagshipArgs, readOutcome } from '../helpers/flagship.js';
import { gitdir } from '../helpers/gitdir.js';
import { processAlive } from '../helpers/process.js';
import { tempDir } from '../helpers/tmp.js';
import { ALPHA, always, approve, demoFiles, goodTwoTasks, twoTasks } from '../flagship/scenarios.js';

const AGENT = fileURLToPath(new URL('../fixtures/agents/scripted.mjs', import.meta.url));
const seen: number[] = [];

afterEach(() => {
  for (const pid of seen.splice(0)) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
});

/**
 * The implementer: starts the two daemons (each appends its pid to $DAEMON_PIDS, outside the
 * workspace, once it is in its own session), waits for them, then is the scripted agent.
 */
function daemonAgent(dir: string): string {
  const file = join(dir, 'daemon-agent.sh');
  writeFileSync(
    file,
    [
      '#!/bin/sh',
      `setsid sh -c 'cd /; echo $$ >> "$1"; exec sleep 1000' sh "$DAEMON_PIDS" </dev/null >/dev/null 2>&1 &`,
      'moved=$!',
      `env -i /usr/bin/setsid /bin/sh -c 'echo $$ >> "$1"; exec sleep 1000' sh "$DAEMON_PIDS" </dev/null >/dev/null 2>&1 &`,
      'bare=$!',
      'until grep -qx "$moved" "$DAEMON_PIDS" && grep -qx "$bare" "$DAEMON_PIDS"; do sleep 0.02; done',
      `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(AGENT)}`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return file;
}

interface Started {
  pids: () => number[];
  exited: Promise<number | null>;
  child: ReturnType<typeof spawn>;
  dir: string;
  repo: Awaited<ReturnType<typeof gitdir>>;
}

/** `odw run` of the shipped pipeline, the implementer replaced by the daemon-starting agent. */
async function start(scenario: object, timeout = '60s', inputs: Record<string, string> = {}): Promise<Started> {
  const repo = await gitdir({ files: demoFiles });
  const dir = tempDir('odw-daemon-');
  const pidFile = join(dir, 'daemons');
  const { args, env } = flagshipArgs(dir, repo, { tasks: twoTasks, scenario, inputs, env: { DAEMON_PIDS: pidFile } });
  const pipeline = join(dir, 'pipeline.yml');
  const implementer = `  implementer: { agent: command, command: [${JSON.stringify(daemonAgent(dir))}], timeout: ${timeout} }`;
  writeFileSync(pipeline, readFileSync(pipeline, 'utf8').replace(/^ {2}implementer: .*$/m, implementer));
  const child = spawn(process.execPath, [ODW_BIN, ...args], { cwd: repo.dir, env: { ...process.env, NO_COLOR: '1', CI: '1', ...env }, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const pids = () => {
    const list = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number) : [];
    seen.push(...list.filter((p) => !seen.includes(p)));
    return list;
  };
  return { pids, exited, child, dir, repo };
}

async function until(check: () => boolean): Promise<void> {
  for (const t = Date.now(); !check(); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() - t > 20_000) throw new Error('timed out waiting for the daemons');
  }
}

describe.skipIf(process.platform !== 'linux')('daemons an agent starts do not outlive odw run', () => {
  it('the agents return: the run succeeds and their daemons are gone', async () => {
    const run = await start(goodTwoTasks);
    expect(await run.exited).toBe(0);
    const pids = run.pids();
    expect(pids).toHaveLength(4);
    expect(pids.filter(processAlive)).toEqual([]);
  });

  it('an agent hits its time limit: its daemons are gone', async () => {
    const scenario = { ...goodTwoTasks, implement: { ...goodTwoTasks.implement, alpha: { '1': { sleep: 30 }, '*': { write: { 'src/a.js': ALPHA } } } } };
    const run = await start(scenario, '3s');
    // alpha's first call times out; its repair writes the file and the run succeeds.
    expect(await run.exited).toBe(0);
    const outcome = await readOutcome(run.dir, run.repo);
    expect(outcome.record.calls.find((c: { meta: { task?: string } }) => c.meta.task === 'alpha')).toMatchObject({ outcome: 'timed_out' });
    const pids = run.pids();
    expect(pids).toHaveLength(6);
    expect(pids.filter(processAlive)).toEqual([]);
  });

  it('Ctrl-C while the agents run: their daemons are gone once odw has exited', async () => {
    const scenario = { implement: { '*': { '*': { sleep: 30 } } }, review: always(approve) };
    const run = await start(scenario);
    await until(() => run.pids().length === 4);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.pids().filter(processAlive)).toEqual([]);
  });

  it('a review and verify check that starts a daemon: gone once odw has exited', async () => {
    const check = `setsid sh -c 'cd /; echo $$ >> "$DAEMON_PIDS"; exec sleep 1000' </dev/null >/dev/null 2>&1 & d=$!; until grep -qx "$d" "$DAEMON_PIDS"; do sleep 0.02; done; node check.mjs`;
    const run = await start(goodTwoTasks, '60s', { check });
    expect(await run.exited).toBe(0);
    const outcome = await readOutcome(run.dir, run.repo);
    expect(outcome.record.history.find((h: { step: string }) => h.step === 'review').check).toMatchObject({ ok: true });
    // 4 from the two implementers, 1 from the review check, 1 from the verify check
    expect(run.pids()).toHaveLength(6);
    expect(run.pids().filter(processAlive)).toEqual([]);
  });
});
