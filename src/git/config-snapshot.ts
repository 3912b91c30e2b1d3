/**
 * The configuration odw's own git reads outside a repository. Without the sandbox an agent runs as
 * the user and can write `~/.gitconfig`, `$XDG_CONFIG_HOME/git/config` or the system config file;
 * git reads those files anew on every call, so a filter driver planted there would run on odw's
 * next `git add`. odw therefore reads the global and system settings once, when its process
 * starts (before any agent runs), keeps them in memory, and gives every git call exactly those:
 * `GIT_CONFIG_GLOBAL=/dev/null` and `GIT_CONFIG_NOSYSTEM=1`, the settings passed as
 * `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_<n>`/`GIT_CONFIG_VALUE_<n>` (command-line scope, which git
 * trusts as it trusts the global and system files: safe.directory works). odw's pinned `-c`
 * settings are read after them and win.
 */
import type { GitConfigSnapshot } from '../ports/git.js';
import type { ProcessRunner } from '../ports/process.js';
import { tailLines } from '../util/tail.js';

/** Scopes taken: the files an agent could rewrite, and what odw's own environment passes to git. */
const SCOPES = new Set(['system', 'global', 'command']);
/**
 * Includes are already read into the snapshot (`--includes`); passed on, git would read the
 * included file again, as it is at that call.
 */
const INCLUDE = /^include(if)?\./i;

/**
 * Variables through which git would read configuration odw did not snapshot (or read the snapshot's
 * sources again); odw sets its own.
 * @public (bench/process.mjs may read it from dist/)
 */
export const CONFIG_ENV_CLEARED = ['GIT_CONFIG', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG_NOSYSTEM'];

/**
 * Reads the global and system settings (includes followed, `includeIf` evaluated in `cwd`: the
 * user's repository) as odw's environment names them. Never rejects: a failure is kept and every git call
 * made with the snapshot reports it.
 */
export async function takeGitConfig(process: ProcessRunner, cwd: string): Promise<GitConfigSnapshot> {
  const r = await process.run({
    command: 'git',
    args: ['config', '--list', '--null', '--includes', '--show-scope'],
    cwd,
    env: { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
    clearEnv: ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_CONFIG'],
    direct: true,
    tailChars: 64 * 1024 * 1024,
  });
  if (r.spawnError) return { ok: false, message: `odw could not run git: ${r.spawnError}. Install git and make sure it is on PATH.` };
  // Exit 1: no setting at all.
  if (r.exitCode !== 0 && !(r.exitCode === 1 && !r.stderr.trim())) {
    return { ok: false, message: `odw could not read your git configuration (git config --list failed, exit ${r.exitCode}):\n${tailLines(r.stderr, 12)}` };
  }
  return { ok: true, entries: parseScoped(r.stdout) };
}

/** `scope\0key\nvalue\0` records (a key without a value is a boolean true). */
function parseScoped(text: string): [string, string][] {
  const parts = text.split('\0');
  const entries: [string, string][] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const scope = parts[i];
    const entry = parts[i + 1];
    const nl = entry.indexOf('\n');
    const key = nl < 0 ? entry : entry.slice(0, nl);
    if (!SCOPES.has(scope) || INCLUDE.test(key)) continue;
    entries.push([key, nl < 0 ? 'true' : entry.slice(nl + 1)]);
  }
  return entries;
}

/** The environment that makes a git call read the snapshot and no configuration file outside the repository. */
export function configEnv(snapshot: Extract<GitConfigSnapshot, { ok: true }>): Record<string, string> {
  const env: Record<string, string> = {
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_SYSTEM: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_COUNT: String(snapshot.entries.length),
  };
  snapshot.entries.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}
