/**
 * The `sandbox` runtime setting with the real bubblewrap: the shipped pipeline run through the
 * real CLI (`odw run`, built dist) with (a) a hostile scripted implementer that tries to reach
 * outside its workspace, and (b) every agent on the real Claude Code CLI against the mock model
 * server, and (c) the same on the real codex CLI. Needs `bwrap` on PATH (.ci/run installs it) and the agent CLIs
 * (scripts/install-agents.sh).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { odw } from '../helpers/cli.js';
import { flagshipArgs, readOutcome, tree } from '../helpers/flagship.js';
import { gitdir } from '../helpers/gitdir.js';
import { ALPHA, always, approve, BETA, demoFiles, twoTasks } from '../flagship/scenarios.js';
import { cleanupAfterEach, expectApplied, files, forkPipeline, runFlagship } from './flagship.js';
import { conversation, who } from './flagship-claude.js';
import { conversation as codexConversation, who as codexWho } from './flagship-codex.js';
import { agentBin, agents, processesMentioning, processesWithEnv, request, scratch, scratchOutsideTmp, waitUntil, worktree } from './helpers.js';
import { claudeMockEnv, startClaudeMock } from './mock/claude.js';
import { codexMockArgs, startCodexMock, toolOutputs } from './mock/codex.js';
import type { Json } from '../helpers/json.js';

const ESCAPE = fileURLToPath(new URL('../fixtures/agents/escape.mjs', import.meta.url));
const SCRIPTED = fileURLToPath(new URL('../fixtures/agents/scripted.mjs', import.meta.url));
const { mocks, repos } = cleanupAfterEach();

/**
 * `make()` with the temp folder under ~/.cache/odw-e2e: outside /tmp, where users keep their
 * repositories and agent homes (the sandbox mounts / read-only and gives the agent its own /tmp).
 */
async function outsideTmp<T>(make: () => Promise<T> | T): Promise<T> {
  const parent = join(homedir(), '.cache', 'odw-e2e');
  mkdirSync(parent, { recursive: true });
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = parent;
  try {
    return await make();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

async function repoInHome(repoFiles: Record<string, string>) {
  const repo = await outsideTmp(() => gitdir({ files: repoFiles }));
  repos.push(repo);
  return repo;
}

/** Live `sleep <marker>…` processes (not the shells or bwrap whose command lines mention them). */
function sleepers(marker: string): number[] {
  return processesMentioning(marker).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith(`sleep\0${marker}`);
    } catch {
      return false;
    }
  });
}

describe('sandbox: true', () => {
  it('confines a hostile command implementer to its workspace; only the reviewed change reaches the repository', async () => {
    const repo = await repoInHome(demoFiles);
    const dir = scratch('odw-e2e-sandbox-');
    const marker = `${3600 + Math.floor(Math.random() * 1000)}.${process.pid}`;
    const hostTmp = join('/tmp', `odw-escape-${process.pid}-${Date.now()}.txt`);
    const before = await tree(repo);
    const gitConfig = readFileSync(join(repo.dir, '.git/config'));

    const { args, env } = flagshipArgs(dir, repo, { scenario: { review: always(approve) }, tasks: twoTasks });
    // The shipped pipeline with the scripted planner and reviewers, and the hostile implementer sandboxed.
    const scripted = JSON.stringify([process.execPath, SCRIPTED]);
    const escapeEnv = {
      ESCAPE_WRITES: JSON.stringify({ alpha: { 'src/a.js': ALPHA }, beta: { 'src/b.js': BETA } }),
      ESCAPE_TMP_FILE: hostTmp,
      ESCAPE_DAEMON_SECONDS: marker,
    };
    writeFileSync(
      join(dir, 'pipeline.yml'),
      [
        'extends: odw:parallel-review-apply',
        'runtimes:',
        `  planner: { agent: command, command: ${scripted}, timeout: 60s }`,
        `  implementer: { agent: command, command: ${JSON.stringify([process.execPath, ESCAPE])}, timeout: 60s, sandbox: true, env: ${JSON.stringify(escapeEnv)} }`,
        `  reviewer: { agent: command, command: ${scripted}, timeout: 60s }`,
        'workspace:',
        `  root: ${JSON.stringify(join(dir, 'worktrees'))}`,
        '',
      ].join('\n'),
    );
    const run = await odw(args, { cwd: repo.dir, env });
    const r = await readOutcome(dir, repo);
    const context = `exit ${run.code}\n${run.stdout}\n${run.stderr}\n${JSON.stringify(
      r.record.calls?.map((c: Json) => [c.runtime, c.outcome, c.error, c.finalMessage]),
      null,
      1,
    )}`;

    expect(run.code, context).toBe(0);
    expect(r.record.status).toBe('succeeded');

    // Each implementer did its task; every attempt to reach outside failed or landed in the sandbox.
    const reports = r.record.calls.filter((c: Json) => c.runtime === 'implementer').map((c: Json) => JSON.parse(c.finalMessage));
    expect(reports).toHaveLength(2);
    for (const report of reports) {
      expect(report, context).toMatchObject({ userTree: 'EROFS', userOwnFile: 'EROFS', gitConfig: 'EROFS', callFolder: 'EROFS', daemon: 'running' });
      expect(report.otherTask).not.toBe('written');
      // /tmp is the sandbox's own: the write works there and never reaches the host's /tmp.
      expect(report.hostTmp).toBe('written');
    }
    expect(existsSync(hostTmp)).toBe(false);

    // The user's repository: the reviewed change and nothing else; .git/config byte for byte.
    const after = await tree(repo);
    expect(after.files).toEqual({
      ...before.files,
      'src/a.js': Buffer.from(ALPHA).toString('base64'),
      'src/b.js': Buffer.from(BETA).toString('base64'),
    });
    expect(after.status.split('\n').sort()).toEqual([' M src/a.js', ' M src/b.js']);
    expect(readFileSync(join(repo.dir, '.git/config'))).toEqual(gitConfig);

    // The daemons the implementers left behind died with their calls (own PID namespace).
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('runs the real claude CLI in the sandbox: the run succeeds and the change is applied', async () => {
    const mock = await startClaudeMock(conversation);
    mocks.push(mock);
    const repo = await gitdir({ files });
    repos.push(repo);
    const dir = scratch('odw-e2e-sandbox-claude-');
    const home = join(dir, 'home');
    const env = claudeMockEnv(mock, home);
    const pipeline = forkPipeline(dir, { agent: 'claude', bin: agentBin('claude'), model: 'claude-mock', maxTurns: 8, env, timeout: '3m', sandbox: true });

    const r = await runFlagship(repo, pipeline, () => processesWithEnv(`HOME=${home}`));
    await expectApplied(repo, r, 'claude', 'claude-mock');
    expect(mock.modelRequests().every((q) => who(q) !== undefined)).toBe(true);
    // Every call went through bwrap (the call's log names the command odw ran).
    for (const c of r.record.calls as { id: string }[]) {
      const log = readFileSync(join(repo.dir, '.odw/runs', r.record.id, 'calls', c.id, 'output.log'), 'utf8');
      expect(log.split('\n')[0]).toMatch(/^--- odw: invocation 1 \(start\): bwrap --ro-bind \/ \/ .* --unshare-pid .* -- \S+\/claude -p /);
    }
    expect(r.seen).toBeGreaterThan(0);
    expect(processesWithEnv(`HOME=${home}`)).toEqual([]);
  });

  it("runs the real codex CLI in the sandbox, codex's own sandbox inside it (CODEX_HOME outside /tmp)", async () => {
    const mock = await startCodexMock(codexConversation);
    mocks.push(mock);
    const repo = await gitdir({ files });
    repos.push(repo);
    const dir = scratch('odw-e2e-sandbox-codex-');
    // codex refuses to create its sandbox helper under a temporary folder: its home lives outside /tmp.
    const home = scratchOutsideTmp('odw-e2e-codex-home-');
    mkdirSync(join(home, 'codex'));
    const pipeline = forkPipeline(dir, {
      agent: 'codex',
      bin: agentBin('codex'),
      model: 'mock-model',
      args: codexMockArgs(mock),
      env: { HOME: home, CODEX_HOME: join(home, 'codex'), ODW_MOCK_API_KEY: 'odw-mock-key-123456' },
      timeout: '3m',
      sandbox: true,
    });

    const r = await runFlagship(repo, pipeline, () => processesMentioning(mock.origin));
    await expectApplied(repo, r, 'codex', 'mock-model');
    // apply_patch ran in codex's own sandbox (workspace-write for the implementers) and wrote.
    const outputs = mock.requests.flatMap((q) => toolOutputs(q.body));
    expect(outputs.map((o) => /Success\. Updated the following files:\n([AM] \S+)/.exec(o)?.[1]).sort()).toEqual(['A src/farewell.js', 'M src/greet.js']);
    expect(mock.requests.every((q) => codexWho(q) !== undefined)).toBe(true);
    for (const c of r.record.calls as { id: string }[]) {
      const log = readFileSync(join(repo.dir, '.odw/runs', r.record.id, 'calls', c.id, 'output.log'), 'utf8');
      expect(log.split('\n')[0]).toMatch(/^--- odw: invocation 1 \(start\): bwrap --ro-bind \/ \/ .* -- \S+\/codex exec /);
    }
    expect(r.seen).toBeGreaterThan(0);
    expect(processesMentioning(mock.origin)).toEqual([]);
  });

  it('a time limit or a cancellation ends the sandboxed agent and everything it started', async () => {
    const wt = await worktree();
    for (const how of ['timeout', 'cancel'] as const) {
      const marker = `${4600 + Math.floor(Math.random() * 1000)}.${process.pid}`;
      // The agent ignores SIGTERM, starts a daemon in its own session, and waits forever.
      const command = ['bash', '-c', `trap "" TERM; setsid sleep ${marker} & sleep ${marker}1; wait`];
      const controller = new AbortController();
      const req = request({ agent: 'command', command, sandbox: true }, wt.dir, { signal: controller.signal, timeoutMs: how === 'timeout' ? 1500 : 600_000 });
      const pending = agents('sandbox-kill').call(req);
      expect(await waitUntil(() => sleepers(marker).length === 2, 20_000)).toBe(true);
      if (how === 'cancel') controller.abort();
      const result = await pending;
      expect(result.outcome).toBe(how === 'timeout' ? 'timed_out' : 'cancelled');
      expect(await waitUntil(() => processesMentioning(marker).length === 0, 20_000)).toBe(true);
    }
  });
});
