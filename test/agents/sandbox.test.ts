/**
 * The `sandbox` runtime setting without running bwrap: the argument list odw builds for a
 * profile and a workspace, and the paths each call keeps writable or read-only. (The stop before
 * a run: sandbox-preflight.test.ts; agents running in bwrap: test/e2e/sandbox.test.ts.)
 */
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentStatePaths, bwrapArgs, expandHome, PROBE_ARGS, sandboxedLaunch, sandboxSettings, writablePaths } from '../../src/agents/sandbox.js';
import { borrowedGitPaths, callMounts, programFolders } from '../../src/agents/sandbox-host.js';
import type { CallContext } from '../../src/agents/types.js';
import { gitdir, runGit } from '../helpers/gitdir.js';
import { tempDir } from '../helpers/tmp.js';

/** `--flag src dest` triples (and `--flag dir` pairs) in order, as `flag path`. */
function binds(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.indexOf('--'); i++) {
    if (['--bind', '--bind-try', '--ro-bind', '--ro-bind-try'].includes(args[i])) {
      expect(args[i + 2]).toBe(args[i + 1]);
      out.push(`${args[i]} ${args[i + 1]}`);
      i += 2;
    } else if (['--tmpfs', '--dev', '--proc', '--chdir'].includes(args[i])) {
      out.push(`${args[i]} ${args[i + 1]}`);
      i += 1;
    }
  }
  return out;
}

describe('sandbox setting', () => {
  it('is off by default and on with true or with settings', () => {
    expect(sandboxSettings({})).toBeUndefined();
    expect(sandboxSettings({ sandbox: false })).toBeUndefined();
    expect(sandboxSettings({ sandbox: true })).toEqual({ writable: [] });
    expect(sandboxSettings({ sandbox: { writable: ['~/.npm'] } })).toEqual({ writable: ['~/.npm'] });
    expect(writablePaths({ writable: ['~/.npm', '~', '/var/cache/x'] }, '/home/u')).toEqual(['/home/u/.npm', '/home/u', '/var/cache/x']);
    expect(expandHome('~other/x', '/home/u')).toBe('~other/x');
  });

  it('builds bwrap: read-only root, private /tmp, the workspace and call folder writable, git read-only, own PID namespace', () => {
    const args = bwrapArgs(
      {
        workspace: '/tmp/odw-worktrees/repo-1/run/t1',
        writable: ['/repo/.odw/runs/r1/calls/c1', '/home/u/.codex', '/home/u'],
        readable: ['/tmp/repo/.git', '/home/u/.codex/secret-ro'],
      },
      'codex',
      ['exec', '--json', '-'],
    );
    expect(binds(args)).toEqual([
      '--ro-bind /',
      '--dev /dev',
      '--proc /proc',
      '--tmpfs /tmp',
      // shortest first: a deeper bind wins over its parent, whatever its mode
      '--bind-try /home/u',
      '--bind-try /home/u/.codex',
      '--ro-bind-try /tmp/repo/.git',
      '--ro-bind-try /home/u/.codex/secret-ro',
      '--bind-try /repo/.odw/runs/r1/calls/c1',
      '--bind /tmp/odw-worktrees/repo-1/run/t1',
      '--chdir /tmp/odw-worktrees/repo-1/run/t1',
    ]);
    // Binds come after the private /tmp, so a workspace under /tmp is the real one.
    expect(args.indexOf('--tmpfs')).toBeLessThan(args.indexOf('--bind'));
    for (const flag of ['--unshare-pid', '--die-with-parent', '--new-session']) expect(args.slice(0, args.indexOf('--'))).toContain(flag);
    expect(args).not.toContain('--unshare-net');
    expect(args.slice(args.indexOf('--'))).toEqual(['--', 'codex', 'exec', '--json', '-']);
    // The probe uses the same options, so a probe that passes means the sandbox can start.
    expect(PROBE_ARGS.slice(0, 8)).toEqual(args.slice(0, 8));
  });

  it('keeps the workspace writable even inside a read-only path, and read-only wins for the same path', () => {
    const args = bwrapArgs({ workspace: '/w/repo/.git/x', writable: ['/a', '/w'], readable: ['/w/repo/.git', '/a'] }, 'c', []);
    expect(binds(args).slice(4, -1)).toEqual(['--ro-bind-try /a', '--bind-try /w', '--ro-bind-try /w/repo/.git', '--bind /w/repo/.git/x']);
  });

  it('wraps a launch and points TMPDIR at the private /tmp', () => {
    const launch = sandboxedLaunch({ command: '/usr/bin/node', args: ['agent.mjs'], env: { A: '1' } }, { workspace: '/w', writable: [], readable: [] });
    expect(launch.command).toBe('bwrap');
    expect(launch.args.slice(-3)).toEqual(['--', '/usr/bin/node', 'agent.mjs']);
    expect(launch.env).toEqual({ A: '1', TMPDIR: '/tmp' });
  });

  it('keeps each agent CLI its own state folder writable', () => {
    expect(agentStatePaths('codex', {}, '/h')).toEqual({ dirs: ['/h/.codex'], files: [] });
    expect(agentStatePaths('codex', { CODEX_HOME: '/c' }, '/h')).toEqual({ dirs: ['/c'], files: [] });
    expect(agentStatePaths('claude', {}, '/h')).toEqual({ dirs: ['/h/.claude'], files: ['/h/.claude.json'] });
    expect(agentStatePaths('claude', { CLAUDE_CONFIG_DIR: '/cc' }, '/h')).toEqual({ dirs: ['/cc'], files: [] });
    expect(agentStatePaths('command', { CODEX_HOME: '/c' }, '/h')).toEqual({ dirs: [], files: [] });
  });

  it('finds the git directory a worktree uses and the object stores a private repository borrows', async () => {
    const repo = await gitdir({ files: { 'a.txt': 'a\n' } });
    const wt = join(tempDir(), 'wt');
    await runGit(['worktree', 'add', '--quiet', '-b', 'odw/t', wt], repo.dir);
    expect(borrowedGitPaths(wt)).toEqual([join(repo.dir, '.git')]);
    const clone = join(tempDir(), 'clone');
    await runGit(['clone', '--quiet', '--shared', repo.dir, clone], repo.dir);
    expect(borrowedGitPaths(clone)).toEqual([join(repo.dir, '.git', 'objects')]);
    expect(borrowedGitPaths(repo.dir)).toEqual([]);
    expect(borrowedGitPaths(tempDir())).toEqual([]);
    await repo.cleanup();
  });
});

describe('sandbox mounts of a call', () => {
  const ctx = (cwd: string, callDir: string, profile: Record<string, unknown>, env: Record<string, string>, outputFile?: string): CallContext =>
    ({ request: { cwd, callDir, profile: { agent: 'codex', ...profile } }, env, outputFile }) as unknown as CallContext;

  it("gives an implementer its workspace and the agent's state folder (created), ~ from the agent's HOME; its call folder read-only", () => {
    const home = tempDir('odw-home-');
    const m = callMounts(ctx('/ws/t1', '/repo/.odw/runs/r/calls/c', { sandbox: { writable: ['~/.npm'] } }, { HOME: home }), { writable: ['~/.npm'] }, [
      '/tmp/odw-prompt-x',
    ]);
    expect(m).toEqual({
      workspace: '/ws/t1',
      workspaceReadOnly: false,
      writable: [join(home, '.codex'), join(home, '.npm')],
      readable: ['/repo/.odw/runs/r/calls/c', '/tmp/odw-prompt-x'],
    });
    expect(existsSync(join(home, '.codex'))).toBe(true);
  });

  it('makes only the answer file of the call folder writable, created empty (never through a planted link)', () => {
    const callDir = tempDir('odw-call-');
    const answer = join(callDir, 'answer.json');
    const m = callMounts(ctx('/ws/t1', callDir, { agent: 'command' }, { HOME: tempDir() }, answer), { writable: [] });
    expect(m.writable).toEqual([answer]);
    expect(m.readable).toEqual([callDir]);
    expect(readFileSync(answer, 'utf8')).toBe('');
    expect(binds(bwrapArgs(m, 'agent', [])).slice(4)).toEqual(['--bind /ws/t1', `--ro-bind-try ${callDir}`, `--bind-try ${answer}`, '--chdir /ws/t1']);
    // A link where the answer goes is refused, not followed.
    rmSync(answer);
    symlinkSync(join(callDir, 'elsewhere'), answer);
    expect(() => callMounts(ctx('/ws/t1', callDir, { agent: 'command' }, { HOME: tempDir() }, answer), { writable: [] })).toThrow(/EEXIST/);
    expect(existsSync(join(callDir, 'elsewhere'))).toBe(false);
  });

  it("never lets a call write the user's repository (it holds the run record), nor a read-only profile its workspace", () => {
    const home = tempDir('odw-home-');
    const planner = callMounts(ctx('/repo', '/repo/.odw/runs/r/calls/c', { permission: 'workspace-write' }, { HOME: home }), { writable: [] });
    expect(planner.workspaceReadOnly).toBe(true);
    const reviewer = callMounts(ctx('/ws/candidate', '/repo/.odw/runs/r/calls/c', { permission: 'read-only' }, { HOME: home }), { writable: [] });
    expect(reviewer.workspaceReadOnly).toBe(true);
    expect(binds(bwrapArgs(planner, 'codex', []))).toContain('--ro-bind /repo');
    expect(binds(bwrapArgs(planner, 'codex', []))).not.toContain('--bind-try /repo/.odw/runs/r/calls/c');
  });
});

describe("the agent's own program under the private /tmp", () => {
  it('binds the top-level /tmp folder of every absolute path in the command line that exists, and nothing else', () => {
    const dir = tempDir('odw-program-');
    const script = join(dir, 'agents', 'agent.mjs');
    mkdirSync(join(dir, 'agents'), { recursive: true });
    writeFileSync(script, '');
    const top = `/tmp/${dir.split('/')[2]}`;
    expect(dir.startsWith('/tmp/')).toBe(true);
    expect(programFolders(process.execPath, [script, '--flag', '/tmp/does-not-exist/x', 'relative.mjs'])).toEqual(
      process.execPath.startsWith('/tmp/') ? [`/tmp/${process.execPath.split('/')[2]}`, top] : [top],
    );
    expect(programFolders('/usr/bin/env', ['node'])).toEqual([]);
  });
});
