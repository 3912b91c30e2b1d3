/**
 * A real git repository in a temp folder, for tests.
 *
 *   const repo = await gitdir({ files: { 'a.txt': 'hi\n', 'bin/run': { content: '#!/bin/sh\n', mode: 0o755 } } });
 *   await repo.git(['status', '--short']);
 *   await repo.cleanup();
 *
 * Files are committed on branch `main` unless `commit: false`. Git runs with a fixed identity and
 * without the machine's global or system configuration, so tests behave the same everywhere.
 */
import { execFile } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

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

export async function gitdir(options: GitDirOptions = {}): Promise<GitDir> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'odw-gitdir-')));
  const git = (args: string[], cwd = dir) => runGit(args, cwd);
  await git(['init', '--quiet', `--initial-branch=${options.branch ?? 'main'}`]);
  // Identity in the repository itself, so commands run outside these helpers (odw's) can commit.
  await git(['config', 'user.name', GIT_TEST_ENV.GIT_AUTHOR_NAME]);
  await git(['config', 'user.email', GIT_TEST_ENV.GIT_AUTHOR_EMAIL]);
  await git(['config', 'commit.gpgsign', 'false']);

  const write = async (path: string, content: FileContent) => {
    const abs = join(dir, path);
    await mkdir(dirname(abs), { recursive: true });
    const body = typeof content === 'string' || Buffer.isBuffer(content) ? content : content.content;
    await rm(abs, { force: true });
    await writeFile(abs, body);
    if (typeof content === 'object' && !Buffer.isBuffer(content) && content.mode !== undefined) await chmod(abs, content.mode);
  };
  for (const [path, content] of Object.entries(options.files ?? {})) await write(path, content);

  const repo: GitDir = {
    dir,
    git,
    read: (path) => readFile(join(dir, path), 'utf8'),
    readBytes: (path) => readFile(join(dir, path)),
    write,
    remove: (path) => rm(join(dir, path), { recursive: true, force: true }),
    exists: (path) => lstat(join(dir, path)).then(() => true, () => false),
    mode: async (path) => (await lstat(join(dir, path))).mode & 0o7777,
    async commitAll(message = 'commit') {
      await git(['add', '-A']);
      await git(['commit', '--quiet', '--allow-empty', '-m', message]);
      return git(['rev-parse', 'HEAD']);
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
  if (options.commit !== false) await repo.commitAll('initial');
  return repo;
}
