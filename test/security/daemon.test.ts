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
import { ODW_BIN, odw } from '../helpers/cli.js';
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
      `setsid sh -c 'cd /; echo "$$ moved" >> "$1"; exec sleep 1000' sh "$DAEMON_PIDS" </dev/null >/dev/null 2>&1 &`,
      'moved=$!',
      `env -i /usr/bin/setsid /bin/sh -c 'echo "$$ bare" >> "$1"; exec sleep 1000' sh "$DAEMON_PIDS" </dev/null >/dev/null 2>&1 &`,
      'bare=$!',
      'until grep -q "^$moved " "$DAEMON_PIDS" && grep -q "^$bare " "$DAEMON_PIDS"; do sleep 0.02; done',
      `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(AGENT)}`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return file;
}

interface Started {
  /** The daemons' pids so far (of one kind: `moved` to /, `bare` environment, `check`). */
  pids: (kind?: string) => number[];
  exited: Promise<number | null>;
  child: ReturnType<typeof spawn>;
  dir: string;
  repo: Awaited<ReturnType<typeof gitdir>>;
}

/** `odw run` of the shipped pipeline, the implementer replaced by the daemon-starting agent. */
async function start(
  scenario: object,
  timeout = '60s',
  inputs: Record<string, string> = {},
  extraEnv: Record<string, string> = {},
): Promise<Started & { env: Record<string, string> }> {
  const repo = await gitdir({ files: demoFiles });
  const dir = tempDir('odw-daemon-');
  const pidFile = join(dir, 'daemons');
  const { args, env } = flagshipArgs(dir, repo, { tasks: twoTasks, scenario, inputs, env: { DAEMON_PIDS: pidFile, ...extraEnv } });
  const pipeline = join(dir, 'pipeline.yml');
  const implementer = `  implementer: { agent: command, command: [${JSON.stringify(daemonAgent(dir))}], timeout: ${timeout} }`;
  writeFileSync(pipeline, readFileSync(pipeline, 'utf8').replace(/^ {2}implementer: .*$/m, implementer));
  const child = spawn(process.execPath, [ODW_BIN, ...args], { cwd: repo.dir, env: { ...process.env, NO_COLOR: '1', CI: '1', ...env }, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const pids = (kind?: string) => {
    const lines = existsSync(pidFile)
      ? readFileSync(pidFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split(' '))
      : [];
    const all = lines.map(([pid]) => Number(pid));
    seen.push(...all.filter((p) => !seen.includes(p)));
    return lines.filter(([, k]) => !kind || k === kind).map(([pid]) => Number(pid));
  };
  return { pids, exited, child, dir, repo, env };
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
    const check = `setsid sh -c 'cd /; echo "$$ check" >> "$DAEMON_PIDS"; exec sleep 1000' </dev/null >/dev/null 2>&1 & d=$!; until grep -q "^$d " "$DAEMON_PIDS"; do sleep 0.02; done; node check.mjs`;
    const run = await start(goodTwoTasks, '60s', { check });
    expect(await run.exited).toBe(0);
    const outcome = await readOutcome(run.dir, run.repo);
    expect(outcome.record.history.find((h: { step: string }) => h.step === 'review').check).toMatchObject({ ok: true });
    // 4 from the two implementers, 1 from the review check, 1 from the verify check
    expect(run.pids()).toHaveLength(6);
    expect(run.pids().filter(processAlive)).toEqual([]);
  });

  it("odw killed with SIGKILL during an agent: `odw resume` kills the daemons that carry the dead run's environment", async () => {
    const run = await start(goodTwoTasks, '60s', {}, { ODW_KILL_AT: 'fanout:alpha:1', ODW_KILL_MARKER: join(tempDir(), 'killed') });
    expect(await run.exited).toBe(null);
    await until(() => run.pids('moved').length >= 1);
    // Nothing could clean up after a SIGKILL: alpha's daemons are still running.
    const left = run.pids('moved').filter(processAlive);
    expect(left.length).toBeGreaterThanOrEqual(1);
    const resumed = await odw(['resume', 'latest', '--repo', run.repo.dir], { cwd: run.repo.dir, env: run.env });
    expect(resumed.code).toBe(0);
    expect(left.filter(processAlive)).toEqual([]);
    // Out of reach once odw was killed: a daemon that cleared its environment (the sandbox's PID namespace covers it).
  });
});
