/**
 * Agents cannot reach the user's .git through their workspace, and odw's own git calls never run
 * what an agent planted. The shipped pipeline through the real CLI, real git, with a hostile
 * implementer (test/fixtures/agents/hostile-git.mjs) that attacks through git before doing its work.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { odw } from '../helpers/cli.js';
import { flagshipArgs, readOutcome, type FlagshipOptions, type FlagshipRun } from '../helpers/flagship.js';
import { gitdir, runGit, type GitDir } from '../helpers/gitdir.js';
import { ALPHA, BETA, approve, always, demoFiles, task, twoTasks, writes } from '../flagship/scenarios.js';

const HOSTILE = fileURLToPath(new URL('../fixtures/agents/hostile-git.mjs', import.meta.url));
const cleanups: string[] = [];
afterEach(() => {
  for (const dir of cleanups.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface HostileRun extends FlagshipRun {
  markers: string[];
}

/** A flagship run whose implementers are the hostile agent, attacking as `hostile` says. */
async function hostileRun(hostile: string, opts: Omit<FlagshipOptions, 'files'> & { files?: FlagshipOptions['files']; repo?: GitDir }): Promise<HostileRun> {
  const repo = opts.repo ?? (await gitdir({ files: opts.files ?? demoFiles }));
  const dir = mkdtempSync(join(tmpdir(), 'odw-isolation-'));
  const markers = join(dir, 'markers');
  cleanups.push(dir, repo.dir);
  const { args, env } = flagshipArgs(dir, repo, opts);
  const pipeline = join(dir, 'pipeline.yml');
  const text = readFileSync(pipeline, 'utf8');
  const implementer = text.split('\n').find((l) => l.startsWith('  implementer:'))!;
  writeFileSync(
    pipeline,
    text.replace(implementer, implementer.replace(JSON.stringify(process.execPath) + ',', `${JSON.stringify(process.execPath)}, ${JSON.stringify(HOSTILE)},`)),
  );
  mkdirSync(markers);
  const before = { status: '', files: {} };
  const result = await odw(args, { cwd: repo.dir, env: { ...env, ODW_HOSTILE: hostile, ODW_MARKERS: markers } });
  return { ...result, ...(await readOutcome(dir, repo)), before, markers: readdirSync(markers) };
}

/** What an agent must never change in the user's .git: config, hooks, info/ (bytes) and refs. */
async function gitState(repo: GitDir): Promise<Record<string, string>> {
  const state: Record<string, string> = {};
  const walk = (abs: string) => {
    if (!existsSync(abs)) return;
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const path = join(abs, e.name);
      if (e.isDirectory()) walk(path);
      else state[relative(join(repo.dir, '.git'), path)] = `${statSync(path).mode.toString(8)} ${readFileSync(path).toString('base64')}`;
    }
  };
  state.config = readFileSync(join(repo.dir, '.git', 'config')).toString('base64');
  walk(join(repo.dir, '.git', 'hooks'));
  walk(join(repo.dir, '.git', 'info'));
  state.refs = await repo.git(['for-each-ref', '--format=%(refname) %(objectname) %(symref)']);
  state.worktrees = String(existsSync(join(repo.dir, '.git', 'worktrees')));
  return state;
}

/** Every patch file of a run, concatenated. */
function patchesOf(dir: string): string {
  let text = '';
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.patch')) text += readFileSync(join(e.parentPath ?? (e as unknown as { path: string }).path, e.name), 'utf8');
  }
  return text;
}

const alphaBeta = { tasks: twoTasks, scenario: { implement: writes({ alpha: { 'src/a.js': ALPHA }, beta: { 'src/b.js': BETA } }), review: always(approve) } };

describe('isolation: agents work in private repositories', () => {
  it("an implementer that attacks the user's .git through git-common-dir changes nothing there, and nothing it planted runs", async () => {
    const repo = await gitdir({ files: demoFiles });
    const before = await gitState(repo);
    const r = await hostileRun('common', { ...alphaBeta, repo });
    expect(await gitState(repo)).toEqual(before);
    expect(r.markers).toEqual([]);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    expect(await repo.read('src/a.js')).toBe(ALPHA);
    expect(await repo.read('src/b.js')).toBe(BETA);
    // The agents really ran their attack (in their own repositories).
    expect(
      r.calls
        .filter((c) => c.kind === 'fanout')
        .map((c) => c.task)
        .sort(),
    ).toEqual(['alpha', 'beta']);
  });

  it("with apply.commit: odw's checkout and commit in the user's repository run no hook, and only odw's branch is new", async () => {
    const repo = await gitdir({ files: demoFiles });
    // Hooks the user had before the run are the user's, but odw's git calls run none of them.
    const markers = mkdtempSync(join(tmpdir(), 'odw-user-hooks-'));
    cleanups.push(markers);
    for (const hook of ['pre-commit', 'post-checkout', 'post-commit', 'reference-transaction']) {
      writeFileSync(join(repo.dir, '.git', 'hooks', hook), `#!/bin/sh\ntouch '${join(markers, hook)}'\n`, { mode: 0o755 });
    }
    writeFileSync(join(repo.dir, '.git', 'fsmonitor.sh'), `#!/bin/sh\ntouch '${join(markers, 'fsmonitor')}'\n`, { mode: 0o755 });
    await runGit(['config', 'core.fsmonitor', join(repo.dir, '.git', 'fsmonitor.sh')], repo.dir);
    const before = await gitState(repo);
    const extra = 'stages:\n  - id: apply\n    with:\n      commit: { branch: odw/isolated, message: "odw: alpha and beta" }\n';
    const r = await hostileRun('common', { ...alphaBeta, repo, extra });
    expect(r.code).toBe(0);
    expect(readdirSync(markers)).toEqual([]);
    expect(r.markers).toEqual([]);
    const after = await gitState(repo);
    const branch = after.refs.split('\n').find((l) => l.startsWith('refs/heads/odw/isolated '));
    expect(branch).toBeDefined();
    expect({
      ...after,
      refs: after.refs
        .split('\n')
        .filter((l) => l !== branch)
        .join('\n'),
    }).toEqual(before);
    expect(await repo.git(['show', '--format=', '--name-only', 'odw/isolated'])).toBe('src/a.js\nsrc/b.js');
  });

  it("an implementer that plants fsmonitor, a filter and hooks in its own repository, or points its .git at the user's: odw runs none of them and leaves the user's repository alone", async () => {
    const repo = await gitdir({ files: demoFiles });
    const before = await gitState(repo);
    const tasks = [task('alpha', ['src/a.js', '.gitattributes']), task('beta', ['src/b.js'])];
    const r = await hostileRun('alpha=own,beta=gitdir', { ...alphaBeta, tasks, repo });
    expect(r.markers).toEqual([]);
    expect(await gitState(repo)).toEqual(before);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    expect(await repo.read('src/a.js')).toBe(ALPHA);
    expect(await repo.read('src/b.js')).toBe(BETA);
    expect(await repo.read('.gitattributes')).toBe('* filter=evil\n');
    // The user's index was not written by a capture through the planted gitdir file.
    expect(await repo.git(['diff', '--cached', '--name-only'])).toBe('');
  });
});

describe('isolation: reserved paths in any letter case', () => {
  it('a task that writes .GIT/config, .Odw/x or Node_Modules/ in its workspace gets none of it into its patch', async () => {
    const scenario = {
      implement: {
        alpha: { '*': { write: { 'src/a.js': ALPHA, '.GIT/config': '[core]\n\thooksPath = /tmp\n', '.Odw/x': 'x\n', 'Node_Modules/pkg/index.js': '1\n' } } },
        beta: { '*': { write: { 'src/b.js': BETA } } },
      },
      review: always(approve),
    };
    const r = await hostileRun('', { tasks: twoTasks, scenario });
    expect(r.code).toBe(0);
    const patch = patchesOf(join(r.repo.dir, '.odw/runs', r.record.id));
    expect(patch).toContain('src/a.js');
    expect(patch).not.toMatch(/\.GIT|\.Odw|Node_Modules/);
    expect(await r.repo.exists('.GIT')).toBe(false);
    expect(await r.repo.exists('.Odw')).toBe(false);
  });

  it('a task that owns .GIT/config or .ODW/x is refused before any workspace exists', async () => {
    for (const owned of ['.GIT/config', '.ODW/x', 'src/.Git/hooks/pre-commit']) {
      const r = await hostileRun('', {
        tasks: [task('alpha', [owned])],
        scenario: { implement: writes({ alpha: { 'src/a.js': ALPHA } }), review: always(approve) },
      });
      expect(r.code).toBe(1);
      expect(JSON.stringify(r.record)).toContain('reserved_path');
      expect(r.calls.filter((c) => c.kind === 'fanout')).toEqual([]);
    }
  });
});

describe('isolation: the repository itself', () => {
  it('a bare repository is refused with its own message, exit 2', async () => {
    const repo = await gitdir({ files: demoFiles });
    const bare = mkdtempSync(join(tmpdir(), 'odw-bare-'));
    cleanups.push(bare, repo.dir);
    await runGit(['clone', '--quiet', '--bare', repo.dir, join(bare, 'project.git')], bare);
    const { args, env } = flagshipArgs(bare, { dir: join(bare, 'project.git') } as GitDir, { scenario: alphaBeta.scenario, inputs: { request: 'x' } });
    const r = await odw(args, { cwd: bare, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(bare, 'project.git')} is a bare repository: odw applies changes to a working tree`);
    expect(r.stderr).not.toMatch(/no commit yet|at .*\.js:\d+/);
  });

  it('leaves no empty per-repository folder under the workspace root after a run', async () => {
    const r = await hostileRun('', alphaBeta);
    expect(r.code).toBe(0);
    expect(readdirSync(join(r.dir, 'worktrees'))).toEqual([]);
  });
});
