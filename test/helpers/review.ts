/**
 * Reviews of an existing change, run for real: a repository with a feature branch, the odw binary,
 * and what a user would compare before and after (HEAD, refs, index, tree, .git/config).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { odw, type CliResult } from './cli.js';
import { GIT_TEST_ENV, gitdir, type FileContent, type GitDir } from './gitdir.js';
import type { Json } from './json.js';

/** A repository with `main` holding `base` and a checked-out branch `feature` that commits `change` on top. */
export async function featureRepo(base: Record<string, FileContent>, change: Record<string, FileContent>, remove: string[] = []): Promise<GitDir> {
  const repo = await gitdir({ files: base });
  await repo.git(['checkout', '-q', '-b', 'feature']);
  for (const [path, content] of Object.entries(change)) await repo.write(path, content);
  for (const path of remove) await repo.remove(path);
  await repo.commitAll('feature work');
  return repo;
}

/** git without optional locks: looking must not refresh the index the test compares. */
function look(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env: { ...process.env, ...GIT_TEST_ENV, GIT_OPTIONAL_LOCKS: '0' }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`git ${args.join(' ')}: ${stderr}`)) : resolve(stdout),
    );
  });
}

export interface RepoState {
  head: string;
  branch: string;
  refs: string;
  index: string;
  config: string;
  status: string;
  /** Every file outside .git and .odw, base64. */
  files: Record<string, string>;
  worktrees: string;
  /** `git count-objects -v`: odw writes no object into the user's repository. */
  objects: string;
}

/** Everything of the user's repository a review must leave as it was. */
export async function repoState(repo: GitDir): Promise<RepoState> {
  const files: Record<string, string> = {};
  const walk = (abs: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      if (abs === repo.dir && (e.name === '.git' || e.name === '.odw')) continue;
      const path = join(abs, e.name);
      if (e.isDirectory()) walk(path);
      else files[relative(repo.dir, path)] = readFileSync(path).toString('base64');
    }
  };
  walk(repo.dir);
  const git = join(repo.dir, '.git');
  return {
    index: existsSync(join(git, 'index')) ? readFileSync(join(git, 'index')).toString('base64') : '',
    config: readFileSync(join(git, 'config'), 'utf8'),
    head: await look(['rev-parse', 'HEAD'], repo.dir),
    branch: readFileSync(join(git, 'HEAD'), 'utf8'),
    refs: await look(['for-each-ref', '--format=%(refname) %(objectname)'], repo.dir),
    status: await look(['status', '--porcelain', '--untracked-files=all'], repo.dir),
    worktrees: await look(['worktree', 'list', '--porcelain'], repo.dir),
    objects: await look(['count-objects', '-v'], repo.dir),
    files,
  };
}

export interface ReviewRun extends CliResult {
  /** The `--json` event lines (empty without --json). */
  events: Json[];
  /** `odw runs show latest --json` ({} when there is no run). */
  record: Json;
  /** `odw runs show latest` as text. */
  shown: string;
}

export async function runReview(repo: GitDir, args: string[], env: Record<string, string> = {}): Promise<ReviewRun> {
  const r = await odw(['run', ...args, '--repo', repo.dir], { cwd: repo.dir, env: { ...GIT_TEST_ENV, ...env } });
  const events = args.includes('--json')
    ? r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
  const json = await odw(['runs', 'show', 'latest', '--json', '--repo', repo.dir], { cwd: repo.dir });
  const text = await odw(['runs', 'show', 'latest', '--repo', repo.dir], { cwd: repo.dir });
  return { ...r, events, record: json.code === 0 ? JSON.parse(json.stdout) : {}, shown: text.stdout };
}

/** The review history lines of a run's --json events. */
export function reviewEntries(events: Json[]): Json[] {
  return events.filter((e) => e.type === 'history' && e.entry?.step === 'review').map((e) => e.entry);
}

export function reportOf(repo: GitDir, record: Json): string {
  return readFileSync(join(repo.dir, '.odw/runs', record.id, 'report.html'), 'utf8');
}
