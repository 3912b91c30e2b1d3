/**
 * Agents that plant a filter driver in a git configuration file outside their workspace — the
 * user's global config ($HOME/.gitconfig, $XDG_CONFIG_HOME/git/config), the system config, the
 * user's repository's .git/config — through the real CLI with the shipped pipeline: odw's own git
 * (capture, checkout, apply) never runs it. odw's git reads the global and system settings as they
 * were when odw started (docs/git.md, "The configuration odw's git reads"), so settings the user
 * had before the run still work. A changed file is reported (the user's next git command would read
 * it): the stage fails with git_dir_tampered.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ODW_BIN, type CliResult } from '../helpers/cli.js';
import { controlFiles, type ControlFiles } from '../helpers/control-files.js';
import { flagshipArgs, readOutcome, tree, type FlagshipRun, type Scenario, type TreeState } from '../helpers/flagship.js';
import { gitdir, type GitDir } from '../helpers/gitdir.js';
import { ALPHA, demoFiles, goodTwoTasks, twoTasks } from '../flagship/scenarios.js';

const SCRIPTED = fileURLToPath(new URL('../fixtures/agents/scripted.mjs', import.meta.url));
const HOSTILE = fileURLToPath(new URL('../fixtures/agents/hostile.mjs', import.meta.url));

type Run = FlagshipRun & { git: ControlFiles; gitAfter: ControlFiles; after: TreeState; home: string; marker: string };

const repos: GitDir[] = [];
afterEach(async () => {
  for (const r of repos.splice(0)) await r.cleanup();
});

interface Options {
  /** Files written before the run, relative to the scratch folder (`home/.gitconfig`, `system.gitconfig`). */
  files?: Record<string, string>;
  /** Environment for odw: `{scratch}` is replaced by the scratch folder. */
  env?: Record<string, string>;
  /** Variables of the test environment odw must not see. */
  unset?: string[];
  extra?: string;
  /** The run's inputs (default: the two tasks as a tasks file). */
  inputs?: Record<string, string>;
  prepare?: (repo: GitDir) => Promise<void>;
}

/**
 * The shipped pipeline with every agent played by the hostile agent; odw runs with HOME in the
 * scratch folder and, unlike the rest of the suite, with its global (and, when asked, system)
 * git config read. `{evil}` in files and attacks is a program that records each run in `{marker}`.
 */
async function run(scenario: Scenario & { attack?: { kind: string; task?: string; sh: string } }, opts: Options = {}): Promise<Run> {
  const repo = await gitdir({ files: demoFiles });
  repos.push(repo);
  await opts.prepare?.(repo);
  const dir = mkdtempSync(join(tmpdir(), 'odw-gitconfig-'));
  const home = join(dir, 'home');
  mkdirSync(home);
  const marker = join(dir, 'PWNED');
  const evil = join(dir, 'evil.sh');
  writeFileSync(evil, `#!/bin/sh\necho "$1" >> ${JSON.stringify(marker)}\ncat\n`);
  chmodSync(evil, 0o755);
  writeFileSync(join(dir, 'evil.attributes'), '* filter=evil\n');
  const fill = (s: string) => s.replaceAll('{scratch}', dir).replaceAll('{evil}', evil).replaceAll('{marker}', marker);
  for (const [rel, text] of Object.entries(opts.files ?? {})) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), fill(text));
  }
  writeFileSync(
    join(dir, 'planted.gitconfig'),
    fill('[filter "evil"]\n\tclean = {evil} clean\n\tsmudge = {evil} smudge\n[core]\n\tattributesFile = {scratch}/evil.attributes\n'),
  );
  const withAttack = scenario.attack ? { ...scenario, attack: { ...scenario.attack, sh: fill(scenario.attack.sh) } } : scenario;
  const { args, env } = flagshipArgs(dir, repo, { scenario: withAttack, extra: opts.extra, ...(opts.inputs ? { inputs: opts.inputs } : { tasks: twoTasks }) });
  const pipeline = join(dir, 'pipeline.yml');
  writeFileSync(pipeline, readFileSync(pipeline, 'utf8').replaceAll(JSON.stringify(SCRIPTED).slice(1, -1), JSON.stringify(HOSTILE).slice(1, -1)));
  const git = await controlFiles(repo);
  const before = await tree(repo);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CI: '1', ...env, HOME: home, PLANTED: join(dir, 'planted.gitconfig') };
  for (const [k, v] of Object.entries(opts.env ?? {})) childEnv[k] = fill(v);
  for (const name of ['GIT_CONFIG_GLOBAL', 'XDG_CONFIG_HOME', 'GIT_CONFIG_SYSTEM', ...(opts.unset ?? [])]) if (!opts.env?.[name]) delete childEnv[name];
  const result = await odwIn(args, repo.dir, childEnv);
  return { ...result, ...(await readOutcome(dir, repo)), before, git, gitAfter: await controlFiles(repo), after: await tree(repo), home, marker };
}

function odwIn(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [ODW_BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const attack = (sh: string) => ({ ...goodTwoTasks, attack: { kind: 'fanout', task: 'alpha', sh } });

/**
 * The planted program never ran; the implement stage failed with git_dir_tampered, naming the
 * changed file; nothing was applied; the user's repository is as it was.
 */
function expectNeverRan(r: Run, file: string): void {
  expect(existsSync(r.marker) ? readFileSync(r.marker, 'utf8') : 'never ran').toBe('never ran');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(1);
  expect(r.record.status).toBe('failed');
  expect(r.record.error.category).toBe('git_dir_tampered');
  for (const part of [
    `Your git configuration outside the repository changed while the run was going: ${file}.`,
    "odw's git did not read the change",
    'git config --list --show-origin',
    'Nothing was applied',
    'odw cannot tell who made the change',
  ])
    expect(r.record.error.message).toContain(part);
  expect(r.record.history.filter((h: { step: string }) => h.step !== 'loop').at(-1)).toMatchObject({
    step: 'guard',
    stage: 'implement',
    ok: false,
    gitDir: [{ area: 'config', path: file, change: 'changed' }],
  });
  expect(r.record.history.some((h: { step: string }) => h.step === 'apply')).toBe(false);
  expect(r.after).toEqual(r.before);
  expect(r.gitAfter).toEqual(r.git);
}

describe('an agent that plants a filter driver in a git config file outside the repository', () => {
  it('in $HOME/.gitconfig: odw’s git never runs it, and the run fails naming the file', async () => {
    const r = await run(attack('cat "$PLANTED" >> "$HOME/.gitconfig"'), { files: { 'home/.gitconfig': '[user]\n\tname = Someone\n' } });
    // the attack did happen: the next git process of the user would read it
    expect(readFileSync(join(r.home, '.gitconfig'), 'utf8')).toContain('filter "evil"');
    expectNeverRan(r, join(r.home, '.gitconfig'));
  });

  it('in $XDG_CONFIG_HOME/git/config: odw’s git never runs it', async () => {
    const r = await run(attack('mkdir -p "$XDG_CONFIG_HOME/git" && cp "$PLANTED" "$XDG_CONFIG_HOME/git/config"'), {
      env: { XDG_CONFIG_HOME: '{scratch}/xdg' },
    });
    expectNeverRan(r, join(r.dir, 'xdg/git/config'));
  });

  it('in ~/.config/git/config (no XDG_CONFIG_HOME): odw’s git never runs it', async () => {
    const r = await run(attack('mkdir -p "$HOME/.config/git" && cp "$PLANTED" "$HOME/.config/git/config"'));
    expectNeverRan(r, join(r.home, '.config/git/config'));
  });

  it('in the system config ($GIT_CONFIG_SYSTEM): odw’s git never runs it', async () => {
    const r = await run(attack('cat "$PLANTED" >> "$GIT_CONFIG_SYSTEM"'), {
      files: { 'system.gitconfig': '[core]\n\tautocrlf = false\n' },
      env: { GIT_CONFIG_SYSTEM: '{scratch}/system.gitconfig' },
      unset: ['GIT_CONFIG_NOSYSTEM'],
    });
    expect(readFileSync(join(r.dir, 'system.gitconfig'), 'utf8')).toContain('filter "evil"');
    expectNeverRan(r, join(r.dir, 'system.gitconfig'));
  });

  it('through an include the global config names: the included file is read as it was at the start', async () => {
    const r = await run(attack('cat "$PLANTED" >> "$HOME/included.gitconfig"'), {
      files: { 'home/.gitconfig': '[include]\n\tpath = ~/included.gitconfig\n', 'home/included.gitconfig': '[user]\n\tname = Someone\n' },
    });
    expectNeverRan(r, join(r.home, 'included.gitconfig'));
  });
});

describe('an agent that plants a filter driver in the user’s repository config', () => {
  it('.git/config and .git/info/attributes by absolute path: never run, put back, git_dir_tampered, nothing applied', async () => {
    const r = await run(
      attack(`git config filter.evil.clean '{evil} clean' && git config filter.evil.smudge '{evil} smudge' && echo '* filter=evil' >> .git/info/attributes`),
    );
    expect(existsSync(r.marker) ? readFileSync(r.marker, 'utf8') : 'never ran').toBe('never ran');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.record.status).toBe('failed');
    expect(r.record.error.category).toBe('git_dir_tampered');
    for (const part of ['filter.evil.clean was set in .git/config', 'info/attributes was', 'odw put it back', 'Nothing was applied'])
      expect(r.record.error.message).toContain(part);
    expect(r.gitAfter).toEqual(r.git);
    expect(r.after).toEqual(r.before);
    expect(r.record.history.some((h: { step: string }) => h.step === 'apply')).toBe(false);
  });
});

describe('a planner (it works in the user’s repository) that plants a filter driver in .git/config and touches a tracked file', () => {
  it('odw’s own git status after the planner never runs it: the config is put back, git_dir_tampered', async () => {
    const plant = `git config filter.evil.clean '{evil} clean' && echo '* filter=evil' >> .git/info/attributes && touch src/a.js`;
    const scenario = { ...goodTwoTasks, plan: { summary: 'two tasks', tasks: twoTasks }, attack: { kind: 'plan', sh: plant } };
    const r = await run(scenario, { inputs: { request: 'add alpha and beta' } });
    expect(existsSync(r.marker) ? readFileSync(r.marker, 'utf8') : 'never ran').toBe('never ran');
    expect(r.code).toBe(1);
    expect(r.record.error.category).toBe('git_dir_tampered');
    expect(r.record.error.message).toContain('filter.evil.clean was set in .git/config');
    expect(r.gitAfter).toEqual(r.git);
  });
});

describe('the user’s own global settings from before the run', () => {
  it('a global filter driver runs and the global user.email signs apply’s commit (with branch.autoSetupMerge on)', async () => {
    const legit = '#!/bin/sh\necho "$1" >> {scratch}/legit-ran\ncat\n';
    const r = await run(goodTwoTasks, {
      files: {
        'legit.sh': legit,
        'home/.gitconfig':
          '[user]\n\tname = Global User\n\temail = global@odw.invalid\n[branch]\n\tautoSetupMerge = always\n[filter "keep"]\n\tclean = sh {scratch}/legit.sh clean\n\tsmudge = sh {scratch}/legit.sh smudge\n[core]\n\tattributesFile = {scratch}/legit.attributes\n',
        'legit.attributes': '*.js filter=keep\n',
      },
      unset: ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL'],
      extra: 'stages:\n  - id: apply\n    with: { commit: { branch: odw/global, message: with global identity } }\n',
      prepare: async (repo) => {
        await repo.git(['config', '--unset', 'user.name']);
        await repo.git(['config', '--unset', 'user.email']);
      },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.record.status).toBe('succeeded');
    expect(readFileSync(join(r.dir, 'legit-ran'), 'utf8')).toMatch(/clean/);
    expect(await r.repo.git(['show', '-s', '--format=%an <%ae>|%s', 'HEAD'])).toBe('Global User <global@odw.invalid>|with global identity');
    expect(await r.repo.git(['show', 'HEAD:src/a.js'])).toBe(ALPHA.trimEnd());
  });
});
