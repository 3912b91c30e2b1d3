/**
 * Crash-safe apply: odw killed (SIGKILL, with its git child) at many points of an apply. Whatever
 * the point, after `odw resume` — or after a fresh `odw run` — the user's tree is never
 * half-applied: untouched or fully applied, the change applied exactly once, and the record says
 * what happened. Exact points use the test-only ODW_TEST_FAULT hook (src/git/fault.ts); real
 * kills happen during `git apply` of a 3,000-file change, at offsets found by polling files.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ODW_BIN, odw } from '../helpers/cli.js';
import { readOutcome, runFlagship, steps, tree, type TreeState } from '../helpers/flagship.js';
import { GIT_TEST_ENV, gitdir, type GitDir } from '../helpers/gitdir.js';
import type { Json } from '../helpers/json.js';

const name = (i: number) => `f/${String(i).padStart(4, '0')}.txt`;
const approve = { decision: 'approve', summary: 'fine', blockers: [] };
const COMMIT = 'stages:\n  - id: apply\n    with: { commit: { branch: odw/big, message: big change } }\n';

/**
 * Planning, implementing and reviewing a change of n files is done once per size: a run killed at
 * apply's first point (before the journal, nothing touched yet) is the template; each test copies
 * that repository with its run record and resumes it into the point it tests.
 */
interface Template {
  n: number;
  repo: GitDir;
  dir: string;
  id: string;
  before: TreeState;
  changed: Record<string, string>;
}

async function makeTemplate(n: number): Promise<Template> {
  const repo = await gitdir({ commit: false });
  mkdirSync(join(repo.dir, 'f'));
  for (let i = 0; i < n; i++) writeFileSync(join(repo.dir, name(i)), `line ${i}\n`);
  await repo.commitAll('initial');
  const changed = Object.fromEntries(Array.from({ length: n }, (_, i) => [name(i), `changed ${i}\n`]));
  const killed = await runFlagship({
    files: {},
    repo,
    tasks: [{ id: 'big', files: ['f'], prompt: 'Change every file under f/.' }],
    scenario: { implement: { big: { '*': { write: changed } } }, review: { '*': { '*': approve } } },
    env: { ODW_TEST_FAULT: 'before-journal' },
  });
  expect(killed.code).toBe(null);
  writeFileSync(join(killed.dir, 'pipeline-commit.yml'), readFileSync(join(killed.dir, 'pipeline.yml'), 'utf8') + '\n' + COMMIT);
  // Only the committed history is needed to resume: pack it, so that copies are quick.
  await repo.git(['repack', '-adq']);
  await repo.git(['prune', '--expire=now']);
  return { n, repo, dir: killed.dir, id: killed.record.id, before: killed.before, changed };
}

/** A copy of the template repository whose interrupted run now belongs to the copy (and, if asked, commits). */
async function copy(t: Template, opts: { commit?: boolean } = {}): Promise<GitDir> {
  const repo = await gitdir({ commit: false });
  rmSync(join(repo.dir, '.git'), { recursive: true, force: true });
  execFileSync('cp', ['-a', `${t.repo.dir}/.`, repo.dir]);
  const runJson = join(repo.dir, '.odw/runs', t.id, 'run.json');
  let text = readFileSync(runJson, 'utf8').split(t.repo.dir).join(repo.dir);
  if (opts.commit) text = text.split(join(t.dir, 'pipeline.yml')).join(join(t.dir, 'pipeline-commit.yml'));
  writeFileSync(runJson, text);
  return repo;
}

/** Every file of the change rewritten (and only once: a second apply could not even run). */
const fullyApplied = (t: Template, state: TreeState) => Object.entries(t.changed).every(([f, c]) => state.files[f] === Buffer.from(c).toString('base64'));

async function resume(t: Template, repo: GitDir, env: Record<string, string> = {}) {
  const r = await odw(['resume', 'latest', '--repo', repo.dir], { cwd: repo.dir, env: { ...GIT_TEST_ENV, ...env } });
  return { ...r, ...(await readOutcome(t.dir, repo)), tree: await tree(repo) };
}

/** After resume: exit 0, fully applied once, one apply step in the history, no journal or lock left. */
function expectAppliedOnce(t: Template, r: Awaited<ReturnType<typeof resume>>) {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.record.id).toBe(t.id);
  expect(r.record.status).toBe('succeeded');
  expect(fullyApplied(t, r.tree)).toBe(true);
  expect(steps(r.record).filter((s) => s.startsWith('apply') && !s.startsWith('apply-lock'))).toEqual(['apply']);
  expect(existsSync(join(r.repo.dir, '.odw/runs', t.id, 'apply-journal'))).toBe(false);
  expect(existsSync(join(r.repo.dir, '.odw/runs/apply.lock'))).toBe(false);
}

const recoverLine = (record: Json) => record.history.find((h: { step: string }) => h.step === 'recover');
const putBack = (t: Template) => `odw found an interrupted apply of run ${t.id} and put back the ${t.n} files it had started to change`;

describe('odw killed at exact points of an apply (ODW_TEST_FAULT)', () => {
  let t: Template;
  beforeAll(async () => {
    t = await makeTemplate(200);
  }, 180_000);

  it.each([
    ['before-journal', 'untouched', false],
    ['after-journal', 'untouched', true],
    ['after-git-apply', 'fully applied, journal still applying', true],
    ['after-apply', 'fully applied, record not yet succeeded', false],
  ])('killed %s (%s): resume applies exactly once and says what it put back', async (point, _state, wasPutBack) => {
    const repo = await copy(t);
    const killed = await resume(t, repo, { ODW_TEST_FAULT: point });
    expect(killed.code).toBe(null);
    expect(killed.record.status).toBe('interrupted');
    const r = await resume(t, repo);
    expectAppliedOnce(t, r);
    if (wasPutBack) {
      expect(recoverLine(r.record)).toMatchObject({ ok: true, run: t.id, summary: putBack(t) });
      expect(r.stdout).toContain(putBack(t));
    } else expect(recoverLine(r.record)).toBeUndefined();
    if (point === 'after-apply')
      expect(r.record.history.find((h: { step: string }) => h.step === 'apply').summary).toBe('already applied before the run was interrupted');
  });

  it.each(['after-branch', 'after-commit'])('apply.commit killed %s: resume commits the change once on the new branch', async (point) => {
    const repo = await copy(t, { commit: true });
    const killed = await resume(t, repo, { ODW_TEST_FAULT: point });
    expect(killed.code).toBe(null);
    const r = await resume(t, repo);
    expectAppliedOnce(t, r);
    expect(recoverLine(r.record)).toMatchObject({ ok: true, summary: putBack(t) });
    const git = (args: string[]) => repo.git(args);
    expect(await git(['symbolic-ref', '--short', 'HEAD'])).toBe('odw/big');
    expect(await git(['rev-list', '--count', 'main..odw/big'])).toBe('1');
    expect(await git(['diff', '--name-only', 'main', 'odw/big'])).toBe(Object.keys(t.changed).join('\n'));
    expect(await git(['status', '--porcelain'])).toBe('');
    expect(await git(['branch', '--list', '--format=%(refname:short)'])).toBe('main\nodw/big');
  });

  it('a fresh `odw run` after the crash puts the tree back before anything else, and says so', async () => {
    const repo = await copy(t);
    const killed = await resume(t, repo, { ODW_TEST_FAULT: 'after-git-apply' });
    expect(killed.code).toBe(null);
    expect(fullyApplied(t, killed.tree)).toBe(true); // git finished; the journal still says applying
    // The next run fails at once (its planner exits 1), so the tree it leaves is what recovery made.
    const next = await runFlagship({ files: {}, repo, scenario: { plan: { exit: 1, stderr: 'planner down' } }, inputs: { request: 'x' } });
    expect(next.code).toBe(1);
    expect(await tree(repo)).toEqual(t.before);
    expect(recoverLine(next.record)).toMatchObject({ ok: true, run: t.id, summary: putBack(t) });
    expect(next.stdout).toContain(putBack(t));
  });
});

/** SIGKILL for odw and every process below it (its git child runs in a process group of its own). */
function killTree(pid: number): void {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  const all: number[] = [];
  const walk = (p: number) => (all.push(p), (children.get(p) ?? []).forEach(walk));
  walk(pid);
  for (const p of all) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * Resolves as soon as `check` holds, re-checked on every change in `dir` (inotify, no polling):
 * the test reacts to the file odw or git just wrote without spinning a core beside them.
 */
function whenChanged(dir: string, check: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const watcher = watch(dir, () => {
      if (!check()) return;
      watcher.close();
      resolve();
    });
    watcher.on('error', reject);
    if (check()) {
      watcher.close();
      resolve();
    }
  });
}

describe('odw and its git child killed for real during `git apply` of 3,000 files', () => {
  let t: Template;
  beforeAll(async () => {
    t = await makeTemplate(3000);
  }, 300_000);

  it.each([
    ['as soon as the journal is on disk', -1],
    ['once the first files are rewritten', 1],
    ['half-way', 1500],
  ])('killed %s: after resume the tree is fully applied exactly once', async (_when, offset) => {
    const repo = await copy(t);
    const child = spawn(process.execPath, [ODW_BIN, 'resume', 'latest', '--repo', repo.dir], {
      cwd: repo.dir,
      env: { ...process.env, ...GIT_TEST_ENV, CI: '1' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const runDir = join(repo.dir, '.odw/runs', t.id);
    const journal = join(runDir, 'apply-journal/journal.json');
    await whenChanged(runDir, () => existsSync(dirname(journal)));
    await whenChanged(dirname(journal), () => existsSync(journal));
    if (offset >= 0) {
      const file = join(repo.dir, name(offset));
      const rewritten = () => {
        try {
          return readFileSync(file, 'utf8') !== `line ${offset}\n` || !existsSync(journal);
        } catch {
          return true; // git apply removed it to write the new version
        }
      };
      await whenChanged(dirname(file), rewritten);
    }
    killTree(child.pid!);
    expect(await exited).toBe(null);
    expect((await readOutcome(t.dir, repo)).record.status).toBe('interrupted');
    const r = await resume(t, repo);
    expectAppliedOnce(t, r);
    const recovered = recoverLine(r.record);
    if (recovered) expect(recovered).toMatchObject({ ok: true, summary: putBack(t) });
  });
});
