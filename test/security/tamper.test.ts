/**
 * Agents that write into the user's repository by absolute path, through the real CLI with the
 * shipped pipeline: odw notices, names the change, puts the git dir back, applies nothing, and
 * never says the user did it.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { odw } from '../helpers/cli.js';
import { controlFiles, type ControlFiles } from '../helpers/control-files.js';
import { flagshipArgs, readOutcome, tree, type FlagshipRun, type Scenario, type TreeState } from '../helpers/flagship.js';
import { gitdir, type GitDir } from '../helpers/gitdir.js';
import { ALPHA, BETA, always, approve, demoFiles, goodTwoTasks, twoTasks } from '../flagship/scenarios.js';

const SCRIPTED = fileURLToPath(new URL('../fixtures/agents/scripted.mjs', import.meta.url));
const HOSTILE = fileURLToPath(new URL('../fixtures/agents/hostile.mjs', import.meta.url));

type Attack = { kind: string; task?: string; sh: string };
type Run = FlagshipRun & { git: ControlFiles; gitAfter: ControlFiles; after: TreeState };

const repos: GitDir[] = [];
afterEach(async () => {
  for (const r of repos.splice(0)) await r.cleanup();
});

/** The shipped pipeline with every agent played by the hostile agent (scenario.attack). */
async function run(scenario: Scenario & { attack?: Attack }, opts: { extra?: string; inputs?: Record<string, string> } = {}): Promise<Run> {
  const repo = await gitdir({ files: demoFiles });
  repos.push(repo);
  const dir = mkdtempSync(join(tmpdir(), 'odw-tamper-'));
  const { args, env } = flagshipArgs(dir, repo, { scenario, tasks: twoTasks, ...opts });
  const pipeline = join(dir, 'pipeline.yml');
  writeFileSync(pipeline, readFileSync(pipeline, 'utf8').replaceAll(JSON.stringify(SCRIPTED).slice(1, -1), JSON.stringify(HOSTILE).slice(1, -1)));
  const git = await controlFiles(repo);
  const before = await tree(repo);
  const result = await odw(args, { cwd: repo.dir, env });
  return { ...result, ...(await readOutcome(dir, repo)), before, git, gitAfter: await controlFiles(repo), after: await tree(repo) };
}

/** The run failed with git_dir_tampered; the user's git dir and tree are byte for byte as before. */
function expectTampered(r: Run, ...named: string[]): void {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(1);
  expect(r.record.status).toBe('failed');
  expect(r.record.error.category).toBe('git_dir_tampered');
  for (const part of [...named, 'Nothing was applied', 'odw cannot tell who made the change']) expect(r.record.error.message).toContain(part);
  expect(r.record.error.message).not.toMatch(/you changed/i);
  expect(r.gitAfter).toEqual(r.git);
  expect(r.after).toEqual(r.before);
  expect(r.record.history.some((h: { step: string }) => h.step === 'apply')).toBe(false);
  expect(r.record.history.filter((h: { step: string }) => h.step !== 'loop').at(-1)).toMatchObject({ step: 'guard', ok: false });
}

const implementAttack = (sh: string): Scenario & { attack: Attack } => ({ ...goodTwoTasks, attack: { kind: 'fanout', task: 'alpha', sh } });

describe('an agent that changes the user’s .git during the run', () => {
  it('plants a hook: the hook is removed, the run fails with git_dir_tampered', async () => {
    const r = await run(implementAttack('printf "#!/bin/sh\\necho pwned\\n" > .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit'));
    expectTampered(r, 'hooks/pre-commit was added');
    expect(existsSync(join(r.repo.dir, '.git/hooks/pre-commit'))).toBe(false);
  });

  it('adds an alias, a remote and core.fsmonitor to .git/config: the config is put back byte for byte', async () => {
    const r = await run(
      implementAttack(
        `git config alias.st '!touch pwned' && git remote add evil https://example.invalid/x.git && git config core.fsmonitor "$PWD/.git/fsmonitor.sh"`,
      ),
    );
    expectTampered(r, 'alias.st was set in .git/config', 'remote.evil.url was set in .git/config', 'core.fsmonitor was set in .git/config');
    expect(r.record.error.message).not.toContain('example.invalid');
  });

  it('appends to info/exclude (to hide files from git status): put back', async () => {
    const r = await run(implementAttack('echo "src/" >> .git/info/exclude'));
    expectTampered(r, 'info/exclude was changed');
  });

  it('moves refs/heads/main to an unreviewed commit: main is moved back and the message says how to redo it', async () => {
    const sh =
      'c=$(git commit-tree "$(git rev-parse HEAD^{tree})" -p HEAD -m unreviewed) && git update-ref refs/heads/main "$c" && echo "$c" > "$(dirname "$ODW_SCENARIO_LOG")/moved-to"';
    const r = await run(implementAttack(sh));
    const moved = readFileSync(join(r.dir, 'moved-to'), 'utf8').trim();
    const main = r.git.refs.split(' ')[0];
    expectTampered(r, `refs/heads/main moved from ${main.slice(0, 12)} to ${moved.slice(0, 12)}`, `git update-ref refs/heads/main ${moved}`);
  });

  it('creates a branch (from a reviewer this time): the branch is deleted', async () => {
    const r = await run({ ...goodTwoTasks, attack: { kind: 'review', sh: 'git branch -f unreviewed' } });
    expectTampered(r, 'refs/heads/unreviewed was created');
    expect(r.record.history.filter((h: { step: string }) => h.step === 'guard')).toEqual([expect.objectContaining({ stage: 'review', round: 1 })]);
  });
});

describe('odw’s own changes are not tampering', () => {
  it('apply.commit creates a branch and commits, then verify runs its check: the run succeeds', async () => {
    const extra = 'stages:\n  - id: apply\n    with: { commit: { branch: odw/guarded, message: guarded change } }\n';
    const r = await run(goodTwoTasks, { extra, inputs: { check: 'node check.mjs' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.record.history.filter((h: { step: string }) => h.step === 'guard')).toEqual([]);
    expect(await r.repo.git(['symbolic-ref', 'HEAD'])).toBe('refs/heads/odw/guarded');
    expect(await r.repo.git(['show', '-s', '--format=%s', 'HEAD'])).toBe('guarded change');
    expect(r.gitAfter.config).toEqual(r.git.config);
    expect(r.gitAfter.files).toEqual(r.git.files);
  });

  it('a pipeline’s own exec stage that tags and commits is the pipeline’s doing, not tampering', async () => {
    const run1 = 'git tag odw-tagged && echo "# notes" > NOTES.md && git add NOTES.md && git -c core.hooksPath=/dev/null commit -q -m notes';
    const extra = `stages:\n  - id: implement\n    needs: [bookkeeping]\n  - id: bookkeeping\n    uses: exec\n    needs: [plan]\n    with: { run: ${JSON.stringify(run1)} }\n`;
    const r = await run(goodTwoTasks, { extra });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.record.history.filter((h: { step: string }) => h.step === 'guard')).toEqual([]);
    expect(r.gitAfter.refs).toContain('refs/tags/odw-tagged');
    expect(await r.repo.git(['show', '-s', '--format=%s', 'HEAD'])).toBe('notes');
    expect(r.record.history.find((h: { step: string }) => h.step === 'apply')).toMatchObject({ ok: true, files: ['src/a.js', 'src/b.js'] });
    expect(r.record.history.find((h: { step: string }) => h.step === 'apply').warnings).toBeUndefined();
  });
});

describe('an agent that writes into the user’s working tree', () => {
  it('a new file outside the change: the run applies only the candidate and warns about the file', async () => {
    const stray = 'written by an agent, outside its workspace\n';
    const scenario = {
      implement: { ...goodTwoTasks.implement, alpha: { '*': { write: { 'src/a.js': ALPHA }, writeUser: { 'stray.txt': stray } } } },
      review: always(approve),
    };
    const r = await run(scenario);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const warning = '1 file outside the change changed during the run: stray.txt';
    const apply = r.record.history.find((h: { step: string }) => h.step === 'apply');
    expect(apply).toMatchObject({ ok: true, files: ['src/a.js', 'src/b.js'], warnings: [warning] });
    // nothing unreviewed is counted as applied: the applied files are exactly the candidate's
    const candidate = r.record.stages['review@r1'].outputs.candidate;
    expect(apply.files).toEqual(candidate.files);
    expect(r.record.headline).toBe('approved in round 1, 2 files applied');
    expect(r.events.filter((e) => e.type === 'warning')).toEqual([
      expect.objectContaining({ stage: 'apply', category: 'changed_during_run', message: warning }),
    ]);
    const shown = await odw(['runs', 'show', 'latest', '--repo', r.repo.dir], { cwd: r.repo.dir });
    expect(shown.stdout).toContain(`apply: 2 files — warning: ${warning}`);
    expect(readFileSync(join(r.repo.dir, '.odw/runs', r.record.id, 'report.html'), 'utf8')).toContain(`Warning: ${warning}`);
    expect(r.after.files).toEqual({ ...r.before.files, 'src/a.js': b64(ALPHA), 'src/b.js': b64(BETA), 'stray.txt': b64(stray) });
    expect(r.gitAfter).toEqual(r.git);
  });

  it('an edit to a file the change touches: changed_during_run, nothing applied, the user is not blamed', async () => {
    const edit = '// written into the user tree by an agent\n';
    const scenario = {
      implement: { ...goodTwoTasks.implement, alpha: { '*': { write: { 'src/a.js': ALPHA }, writeUser: { 'src/a.js': edit } } } },
      review: always(approve),
    };
    const r = await run(scenario);
    expect(r.code).toBe(1);
    expect(r.record.error.category).toBe('changed_during_run');
    expect(r.record.error.message).toContain('odw applied nothing: 1 file the change touches changed in your working tree while the run was going');
    expect(r.record.error.message).toContain('odw cannot tell which: src/a.js');
    expect(r.record.error.message).not.toMatch(/you changed/i);
    expect(r.record.history.at(-1)).toMatchObject({ step: 'apply', ok: false, files: ['src/a.js'] });
    // nothing applied: only the agent's write is there, src/b.js is untouched
    expect(r.after.files).toEqual({ ...r.before.files, 'src/a.js': b64(edit) });
    expect(r.gitAfter).toEqual(r.git);
  });
});

const b64 = (s: string) => Buffer.from(s).toString('base64');
