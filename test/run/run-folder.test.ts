import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/adapters/clock.js';
import { createProcessRunner } from '../../src/adapters/process.js';
import { createGit } from '../../src/git/index.js';
import { runFolder } from '../../src/git/paths.js';
import { execute } from '../../src/run/execute.js';
import { stageHandlers } from '../../src/stages/registry.js';
import type { StageHandler } from '../../src/stages/types.js';
import { gitdir } from '../helpers/gitdir.js';
import { tempDir } from '../helpers/tmp.js';

/** A run whose one stage creates worktrees through the git port, optionally leaving them behind. */
async function runWithWorktrees(leave: boolean) {
  const repo = await gitdir({ files: { 'a.txt': 'a\n' } });
  const root = tempDir('odw-run-folder-');
  const process = createProcessRunner();
  const git = createGit({ process });
  const workspace = { root };
  let folder = '';
  const handler: StageHandler = async (ctx) => {
    const run = { repo: repo.dir, runId: ctx.run.id, base: await repo.git(['rev-parse', 'HEAD']), runDir: join(root, 'record'), workspace, signal: ctx.signal };
    folder = runFolder(repo.dir, ctx.run.id, workspace);
    if (leave) await git.createWorktrees(run, ['t1']);
    else await git.withWorktrees(run, ['t1'], async () => undefined);
    expect(existsSync(folder)).toBe(true);
    return { status: 'succeeded' };
  };
  const pipeline = {
    file: join(repo.dir, 'pipeline.yml'),
    dir: repo.dir,
    name: 'test',
    templates: {},
    spec: { workspace, stages: [{ id: 'work', uses: 'exec', with: { run: 'true' } }] as never },
  };
  const result = await execute({
    pipeline,
    inputs: { values: {}, files: {} },
    repo: repo.dir,
    ports: { process, clock: systemClock, git },
    env: {},
    signal: new AbortController().signal,
    handlers: { ...stageHandlers, exec: handler },
  });
  const worktrees = await repo.git(['worktree', 'list', '--porcelain']);
  await repo.cleanup();
  return { result, folder, root, worktrees };
}

describe('a run and its worktree folder', () => {
  it('removes the run folder (owner.json) when the run ends', async () => {
    const r = await runWithWorktrees(false);
    expect(r.result.status).toBe('succeeded');
    expect(existsSync(r.folder)).toBe(false);
    // Only the repository's own folder remains under the worktree root.
    expect(readdirSync(r.root).every((name) => readdirSync(join(r.root, name)).length === 0)).toBe(true);
  });

  it('removes worktrees a stage left behind, and unregisters them', async () => {
    const r = await runWithWorktrees(true);
    expect(r.result.status).toBe('succeeded');
    expect(existsSync(r.folder)).toBe(false);
    expect(r.worktrees.split('\n').filter((l) => l.startsWith('worktree '))).toHaveLength(1);
  });
});
