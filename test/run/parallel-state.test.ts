import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/adapters/clock.js';
import { createProcessRunner } from '../../src/adapters/process.js';
import { createGit } from '../../src/git/index.js';
import { claimRunFolder } from '../../src/git/owner.js';
import { execute } from '../../src/run/execute.js';
import { stageHandlers } from '../../src/stages/registry.js';
import type { StageHandler } from '../../src/stages/types.js';
import { tempPath, writeJsonAtomic } from '../../src/util/fs.js';
import { gitdir } from '../helpers/gitdir.js';
import { tempDir } from '../helpers/tmp.js';

describe('parallel writers never share temporary files', () => {
  it('gives every write its own temporary name', () => {
    const names = new Set(Array.from({ length: 50 }, () => tempPath('/x/owner.json')));
    expect(names.size).toBe(50);
    for (const n of names) expect(n).toMatch(new RegExp(`^/x/owner\\.json\\.${process.pid}\\.[0-9a-f]+\\.tmp$`));
  });

  it('claims one run folder from many places at once: one valid owner.json, no temporary file left', async () => {
    const folder = join(tempDir('odw-parallel-'), 'run-1');
    await Promise.all(Array.from({ length: 8 }, () => claimRunFolder(folder, 'run-1', '/repo')));
    expect(JSON.parse(readFileSync(join(folder, 'owner.json'), 'utf8'))).toMatchObject({ pid: process.pid, runId: 'run-1' });
    expect(readdirSync(folder)).toEqual(['owner.json']);
  });

  it('two writers of one JSON file: the file is always one of the two, never half of each', async () => {
    const dir = tempDir('odw-parallel-');
    const file = join(dir, 'state.json');
    await Promise.all(Array.from({ length: 20 }, (_, i) => Promise.resolve().then(() => writeJsonAtomic(file, { writer: i % 2 }))));
    expect([0, 1]).toContain((JSON.parse(readFileSync(file, 'utf8')) as { writer: number }).writer);
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('two stages running at once, each making and removing workspaces, both succeed', async () => {
    const repo = await gitdir({ files: { 'a.txt': 'a\n' } });
    const root = tempDir('odw-parallel-run-');
    const process = createProcessRunner();
    const git = createGit({ process });
    const workspace = { root };
    const handler: StageHandler = async (ctx) => {
      const run = {
        repo: repo.dir,
        runId: ctx.run.id,
        base: await repo.git(['rev-parse', 'HEAD']),
        runDir: join(root, 'record'),
        workspace,
        signal: ctx.signal,
      };
      for (let i = 0; i < 3; i++) await git.withWorktrees(run, [`${ctx.stage.id}-${i}`, `${ctx.stage.id}-${i}b`], async () => undefined);
      return { status: 'succeeded' };
    };
    const stages = [
      { id: 'backend', uses: 'exec', with: { run: 'true' } },
      { id: 'frontend', uses: 'exec', with: { run: 'true' } },
    ];
    const result = await execute({
      pipeline: { file: join(repo.dir, 'pipeline.yml'), dir: repo.dir, name: 'test', templates: {}, spec: { workspace, stages } as never },
      inputs: { values: {}, files: {} },
      repo: repo.dir,
      ports: { process, clock: systemClock, git },
      env: {},
      signal: new AbortController().signal,
      handlers: { ...stageHandlers, exec: handler },
    });
    await repo.cleanup();
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('succeeded');
    // Nothing of the run is left under the worktree root, temporary files included.
    const leftovers = readdirSync(root).flatMap((name) => (existsSync(join(root, name)) ? readdirSync(join(root, name)) : []));
    expect(leftovers).toEqual([]);
  });
});
