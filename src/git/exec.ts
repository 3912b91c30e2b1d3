/**
 * Runs git through the process port with settings that make its output predictable. Every call,
 * text or bytes, goes this one way: on node's spawn (`direct`), the output read by odw.
 */
import type { ProcessResult, ProcessRunner } from '../ports/process.js';
import { GitError, type GitConfigSnapshot } from '../ports/git.js';
import { tailLines } from '../util/tail.js';
import { CONFIG_ENV_CLEARED, configEnv, takeGitConfig } from './config-snapshot.js';

/**
 * Pinned for every call: configuration that would change patch bytes or output shape, and
 * configuration through which a repository could make odw's git run a program (hooks, the
 * file-system monitor, automatic maintenance, submodule recursion, signature checks in logs).
 * @public (bench/process.mjs reads it from dist/)
 */
export const PINNED_CONFIG = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.pager=cat',
  'gc.auto=0',
  'maintenance.auto=false',
  'submodule.recurse=false',
  'log.showSignature=false',
  'core.quotePath=false',
  'diff.noprefix=false',
  'diff.mnemonicPrefix=false',
  'diff.suppressBlankEmpty=false',
  'diff.relative=false',
  'color.ui=false',
  'advice.detachedHead=false',
  'apply.whitespace=nowarn',
];
const CONFIG = PINNED_CONFIG.flatMap((c) => ['-c', c]);

/**
 * Variables from a surrounding git process (e.g. a hook) that would redirect odw's git calls.
 * @public (bench/process.mjs reads it from dist/)
 */
export const CLEAR_ENV = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_PREFIX',
  'GIT_COMMON_DIR',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_NAMESPACE',
  'GIT_LITERAL_PATHSPECS',
  'GIT_GLOB_PATHSPECS',
  'GIT_NOGLOB_PATHSPECS',
  'GIT_ICASE_PATHSPECS',
];

/**
 * What every git call runs with: no prompt, no optional locks, C locale.
 * @public (bench/process.mjs reads it from dist/)
 */
export const GIT_ENV = { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };

/** Output limit for calls whose whole stdout is parsed (lists of paths). */
const FULL = 256 * 1024 * 1024;

export interface GitCall {
  cwd: string;
  /** Extra environment, e.g. GIT_INDEX_FILE for a scratch index. */
  env?: Record<string, string>;
  input?: string | Uint8Array;
  signal?: AbortSignal;
  /** Keep all of stdout (default: the last 64 KiB). */
  full?: boolean;
  /** Return a failed result instead of throwing. */
  allowFail?: boolean;
}

export type RunGit = (args: string[], call: GitCall) => Promise<ProcessResult>;

/**
 * Runs git with `config`, the global and system settings as the odw process read them at its
 * start (config-snapshot.ts): no call reads a configuration file outside the repository. Without
 * it, the runner reads them once, at its first call, in that call's folder (tests, benchmarks).
 */
export function gitRunner(process: ProcessRunner, config?: GitConfigSnapshot | Promise<GitConfigSnapshot>): RunGit {
  let env: Promise<Record<string, string>> | undefined;
  const snapshotEnv = (cwd: string) =>
    (env ??= Promise.resolve(config ?? takeGitConfig(process, cwd)).then((c) => {
      if (!c.ok) throw new GitError('git_failed', c.message);
      return configEnv(c);
    }));
  return async (args, call) => {
    const fixed = await snapshotEnv(call.cwd);
    const result = await process.run({
      command: 'git',
      args: [...CONFIG, ...args],
      cwd: call.cwd,
      env: { ...GIT_ENV, ...fixed, ...call.env },
      clearEnv: [...CLEAR_ENV, ...CONFIG_ENV_CLEARED],
      input: call.input,
      signal: call.signal,
      direct: true,
      tailChars: call.full ? FULL : undefined,
    });
    if (result.cancelled) throw new GitError('cancelled', `cancelled: git ${args[0]}`);
    if (result.spawnError) throw new GitError('git_failed', `odw could not run git: ${result.spawnError}. Install git and make sure it is on PATH.`);
    if (result.exitCode !== 0 && !call.allowFail) throw new GitError('git_failed', failureMessage(args, result));
    return result;
  };
}

/** `git <args> failed (exit 128): <last lines of stderr>`. */
export function failureMessage(args: string[], result: ProcessResult): string {
  const shown = args.length > 6 ? [...args.slice(0, 6), '…'] : args;
  const why = result.timedOut ? 'timed out' : result.signal ? `killed by ${result.signal}` : `exit ${result.exitCode}`;
  const tail = tailLines(result.stderr || result.stdout, 12);
  return `git ${shown.join(' ')} failed (${why})${tail ? `:\n${tail}` : ''}`;
}

/** Splits NUL-separated output, dropping the empty tail. */
export function splitZ(text: string): string[] {
  const parts = text.split('\0');
  if (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
