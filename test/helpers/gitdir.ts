/**
 * A real git repository in a temp folder, for tests.
 *
 *   const repo = await gitdir({ files: { 'a.txt': 'hi\n', 'bin/run': { content: '#!/bin/sh\n', mode: 0o755 } } });
 *   await repo.git(['status', '--short']);
 *   await repo.cleanup();
 *
 * Files are committed on branch `main` unless `commit: false`. Git runs with a fixed identity and
 * without the machine's global or system configuration, so tests behave the same everywhere.
 *
 * Speed: the first repository with given files (and options) in a test file is built with git
 * (init, config, add, commit) as a template; later ones with the same files are copies of it
 * (same commit, fresh folder, index refreshed), which spares six git processes each. Every
 * repository and template is removed after the test file.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { chmod, cp, lstat, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

export type FileContent = string | Buffer | { content: string | Buffer; mode?: number };

export interface GitDirOptions {
  files?: Record<string, FileContent>;
  /** Commit the files as the first commit (default true). */
  commit?: boolean;
  /** Default branch name (default `main`). */
  branch?: string;
}

export interface GitDir {
  /** Real path of the repository folder. */
  dir: string;
  /** Runs git in the repository (or `cwd`); resolves with stdout, trailing newline removed. Rejects on failure. */
  git(args: string[], cwd?: string): Promise<string>;
  read(path: string): Promise<string>;
  readBytes(path: string): Promise<Buffer>;
  write(path: string, content: FileContent): Promise<void>;
  remove(path: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** Mode bits of a file (e.g. 0o755). */
  mode(path: string): Promise<number>;
  /** Commits everything in the tree; returns the new HEAD. */
  commitAll(message?: string): Promise<string>;
  cleanup(): Promise<void>;
}

/** Environment for git in tests: no global/system config, a fixed identity and dates. */
export const GIT_TEST_ENV: Record<string, string> = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'odw test',
  GIT_AUTHOR_EMAIL: 'test@odw.invalid',
  GIT_COMMITTER_NAME: 'odw test',
  GIT_COMMITTER_EMAIL: 'test@odw.invalid',
  GIT_TERMINAL_PROMPT: '0',
};

export function runGit(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env: { ...process.env, ...GIT_TEST_ENV }, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args.join(' ')} failed in ${cwd}: ${stderr || error.message}`));
      else resolve(stdout.replace(/\n$/, ''));
    });
  });
}

/** Templates by their options (per test file), and every folder made, removed after the file. */
const templates = new Map<string, Promise<string>>();
const made: string[] = [];
afterAll(async () => {
  templates.clear();
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function templateKey(options: GitDirOptions): string {
  const files = Object.entries(options.files ?? {}).map(([path, c]) => {
    const body = typeof c === 'string' || Buffer.isBuffer(c) ? c : c.content;
    const mode = typeof c === 'object' && !Buffer.isBuffer(c) ? c.mode : undefined;
    return [path, Buffer.isBuffer(body) ? `b64:${body.toString('base64')}` : `s:${body}`, mode];
  });
  return JSON.stringify([options.branch ?? 'main', options.commit !== false, files]);
}

/** A temp folder (real path) removed after the test file, for scratch files next to a repository. */
export function scratchDir(prefix = 'odw-scratch-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

async function freshDir(): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'odw-gitdir-')));
  made.push(dir);
  return dir;
}

export async function gitdir(options: GitDirOptions = {}): Promise<GitDir> {
  const key = templateKey(options);
  let template = templates.get(key);
  if (!template) {
    template = freshDir().then(async (dir) => (await build(dir, options), dir));
    templates.set(key, template);
    template.catch(() => templates.delete(key));
  }
  const source = await template;
  const dir = await freshDir();
  await cp(source, dir, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  // The copy has new inodes and ctimes: refresh the index so git sees a clean tree, as after a commit.
  await runGit(['update-index', '-q', '--refresh'], dir).catch(() => undefined);
  return handle(dir);
}

/** Builds a repository with git in an empty folder. */
async function build(dir: string, options: GitDirOptions): Promise<void> {
  const repo = handle(dir);
  await repo.git(['init', '--quiet', `--initial-branch=${options.branch ?? 'main'}`]);
  // Identity in the repository itself, so commands run outside these helpers (odw's) can commit.
  await repo.git(['config', 'user.name', GIT_TEST_ENV.GIT_AUTHOR_NAME]);
  await repo.git(['config', 'user.email', GIT_TEST_ENV.GIT_AUTHOR_EMAIL]);
  await repo.git(['config', 'commit.gpgsign', 'false']);
  for (const [path, content] of Object.entries(options.files ?? {})) await repo.write(path, content);
  if (options.commit !== false) await repo.commitAll('initial');
}

function handle(dir: string): GitDir {
  const git = (args: string[], cwd = dir) => runGit(args, cwd);
  const write = async (path: string, content: FileContent) => {
    const abs = join(dir, path);
    await mkdir(dirname(abs), { recursive: true });
    const body = typeof content === 'string' || Buffer.isBuffer(content) ? content : content.content;
    await rm(abs, { force: true });
    await writeFile(abs, body);
    if (typeof content === 'object' && !Buffer.isBuffer(content) && content.mode !== undefined) await chmod(abs, content.mode);
  };
  const repo: GitDir = {
    dir,
    git,
    read: (path) => readFile(join(dir, path), 'utf8'),
    readBytes: (path) => readFile(join(dir, path)),
    write,
    remove: (path) => rm(join(dir, path), { recursive: true, force: true }),
    exists: (path) =>
      lstat(join(dir, path)).then(
        () => true,
        () => false,
      ),
    mode: async (path) => (await lstat(join(dir, path))).mode & 0o7777,
    async commitAll(message = 'commit') {
      await git(['add', '-A']);
      await git(['commit', '--quiet', '--allow-empty', '-m', message]);
      return git(['rev-parse', 'HEAD']);
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
  return repo;
}
