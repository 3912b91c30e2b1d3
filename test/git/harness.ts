/** Shared setup for the git layer tests: a repository, a run folder and a Git port on real git. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProcessRunner } from '../../src/adapters/process.js';
import { createGit } from '../../src/git/index.js';
import type { Git, GitRun, WorkspaceSettings } from '../../src/ports/git.js';
import type { ProcessRunner, ProcessSpec, ProcessResult } from '../../src/ports/process.js';
import { gitdir, type GitDir, type GitDirOptions } from '../helpers/gitdir.js';

export interface Harness {
  repo: GitDir;
  git: Git;
  run: GitRun;
  /** Folder holding worktree roots and run folders for this test. */
  scratch: string;
  /** Process specs seen by the runner, in order. */
  calls: ProcessSpec[];
  cleanup(): Promise<void>;
}

export type Fault = (spec: ProcessSpec, real: () => Promise<ProcessResult>) => Promise<ProcessResult>;

/** A recording runner over the real one; `fault` may replace or alter any call. */
function recordingRunner(calls: ProcessSpec[], fault?: Fault): ProcessRunner {
  const real = createProcessRunner();
  return {
    run(spec) {
      calls.push(spec);
      return fault ? fault(spec, () => real.run(spec)) : real.run(spec);
    },
  };
}

export async function harness(
  options: GitDirOptions & { workspace?: WorkspaceSettings; runId?: string; fault?: Fault; defaultRoot?: boolean } = {},
): Promise<Harness> {
  const repo = await gitdir(options);
  const scratch = await mkdtemp(join(tmpdir(), 'odw-git-test-'));
  const calls: ProcessSpec[] = [];
  const git = createGit({ process: recordingRunner(calls, options.fault) });
  const workspace = { ...(options.defaultRoot ? {} : { root: join(scratch, 'worktrees') }), ...options.workspace };
  const run: GitRun = {
    repo: repo.dir,
    runId: options.runId ?? `run-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    base: await repo.git(['rev-parse', 'HEAD']),
    runDir: join(scratch, 'run'),
    workspace,
  };
  return {
    repo,
    git,
    run,
    scratch,
    calls,
    async cleanup() {
      await git.removeAll(run).catch(() => undefined);
      await repo.cleanup();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

export async function listDir(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

/** Every file in the tree (except .git) with its bytes and mode, for byte-identity checks. */
export async function treeState(repo: GitDir): Promise<Record<string, string>> {
  const files = (await repo.git(['ls-files', '--cached', '--others', '-z'])).split('\0').filter(Boolean);
  const state: Record<string, string> = {};
  for (const f of [...new Set(files)].sort()) {
    state[f] = (await repo.exists(f)) ? `${(await repo.mode(f)).toString(8)}:${(await repo.readBytes(f)).toString('base64')}` : 'missing';
  }
  state['<head>'] = await repo.git(['rev-parse', '--symbolic-full-name', 'HEAD', 'HEAD']);
  state['<status>'] = await repo.git(['status', '--porcelain=v1', '--untracked-files=all', '--ignored']);
  return state;
}
