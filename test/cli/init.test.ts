import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { starterPipeline } from '../../src/cli/starter.js';
import { validateFiles } from '../../src/config/load.js';
import { odw } from '../helpers/cli.js';
import { GIT_TEST_ENV, gitdir } from '../helpers/gitdir.js';
import { tempDir } from '../helpers/tmp.js';
import { ALPHA, BETA, demoFiles, goodTwoTasks, twoTasks } from '../flagship/scenarios.js';

const AGENT = fileURLToPath(new URL('../fixtures/agents/scripted.mjs', import.meta.url));

/** `git check-ignore` exits 0 when the path is ignored. */
const ignored = (dir: string, path: string) =>
  new Promise<boolean>((resolve) => execFile('git', ['check-ignore', '-q', path], { cwd: dir, env: { ...process.env, ...GIT_TEST_ENV } }, (e) => resolve(!e)));

describe('odw init', () => {
  it('writes .odw/pipeline.yml: a valid starter that extends the shipped pipeline and is not ignored by git', async () => {
    const repo = await gitdir({ files: demoFiles });
    await repo.write('.odw/.gitignore', '# Written by odw: run records stay out of git.\n*\n'); // what earlier odw versions wrote
    const r = await odw(['init'], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote .odw/pipeline.yml');
    const text = await repo.read('.odw/pipeline.yml');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=https://odw.dev/schemas/pipeline.schema.json');
    expect(text).toMatch(/^extends: odw:parallel-review-apply$/m);
    for (const word of ['maxRounds', 'check', 'agent: command', 'effort', 'reviewers', 'perspective', 'setup', 'budget', 'commit'])
      expect(text).toContain(word);
    const check = await odw(['validate', '.odw/pipeline.yml'], { cwd: repo.dir });
    expect(check.code).toBe(0);
    expect(await ignored(repo.dir, '.odw/pipeline.yml')).toBe(false);
    expect(await ignored(repo.dir, '.odw/runs/x/run.json')).toBe(true);
    expect(await repo.git(['status', '--porcelain', '--untracked-files=all'])).toBe('?? .odw/pipeline.yml');
  });

  it('refuses to overwrite (exit 2, file unchanged); --force overwrites', async () => {
    const repo = await gitdir({ files: demoFiles });
    expect((await odw(['init'], { cwd: repo.dir })).code).toBe(0);
    await repo.write('.odw/pipeline.yml', 'extends: odw:parallel-review-apply\n# mine\n');
    const again = await odw(['init'], { cwd: repo.dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('odw: .odw/pipeline.yml already exists; nothing was written\n  hint: odw init --force overwrites it\n');
    expect(await repo.read('.odw/pipeline.yml')).toBe('extends: odw:parallel-review-apply\n# mine\n');
    const forced = await odw(['init', '--force'], { cwd: repo.dir });
    expect(forced.code).toBe(0);
    expect(await repo.read('.odw/pipeline.yml')).toBe(starterPipeline({ schema: 'https://odw.dev/schemas/pipeline.schema.json' }));
  });

  it('every commented-out change is valid once uncommented', async () => {
    const dir = tempDir();
    const file = join(dir, 'pipeline.yml');
    writeFileSync(file, starterPipeline({ schema: 'x', enabled: true }));
    const [result] = await validateFiles([file], dir);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('the written pipeline runs: with the runtimes switched to a command agent, a tasks file lands', async () => {
    const repo = await gitdir({ files: demoFiles });
    expect((await odw(['init'], { cwd: repo.dir })).code).toBe(0);
    const command = JSON.stringify([process.execPath, AGENT]);
    const runtimes = ['planner', 'implementer', 'reviewer'].map((p) => `  ${p}: { agent: command, command: ${command} }`);
    writeFileSync(join(repo.dir, '.odw/pipeline.yml'), `${readFileSync(join(repo.dir, '.odw/pipeline.yml'), 'utf8')}\nruntimes:\n${runtimes.join('\n')}\n`);
    const dir = tempDir();
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify(goodTwoTasks));
    writeFileSync(join(dir, 'tasks.json'), JSON.stringify(twoTasks));
    const r = await odw(['run', '.odw/pipeline.yml', '--input', `tasks=${join(dir, 'tasks.json')}`, '--input', 'check=node check.mjs'], {
      cwd: repo.dir,
      env: { ...GIT_TEST_ENV, ODW_SCENARIO: join(dir, 'scenario.json') },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect([await repo.read('src/a.js'), await repo.read('src/b.js')]).toEqual([ALPHA, BETA]);
    // the run record stays out of git; the pipeline does not
    expect((await repo.git(['status', '--porcelain', '--untracked-files=all'])).split('\n').sort()).toEqual([
      ' M src/a.js',
      ' M src/b.js',
      '?? .odw/pipeline.yml',
    ]);
  });
});
