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
import type { GitConfigEntry, GitConfigSnapshot } from '../ports/git.js';
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
  const [old, config] = await Promise.all([tooOld(process, cwd), readConfig(process, cwd)]);
  return old ? { ok: false, message: old } : config;
}

/** The global and system settings as they are now (no version check: configWatch reads them again at every guard check). */
async function readConfig(process: ProcessRunner, cwd: string): Promise<GitConfigSnapshot> {
  const r = await process.run({
    command: 'git',
    args: ['config', '--list', '--null', '--includes', '--show-scope', '--show-origin'],
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

/** GIT_CONFIG_GLOBAL is git 2.32's: an older git would read the global file as it is at each call. */
async function tooOld(process: ProcessRunner, cwd: string): Promise<string | undefined> {
  const r = await process.run({ command: 'git', args: ['--version'], cwd, env: { LC_ALL: 'C' }, direct: true });
  if (r.spawnError) return `odw could not run git: ${r.spawnError}. Install git and make sure it is on PATH.`;
  const m = /(\d+)\.(\d+)/.exec(r.stdout);
  if (!m || Number(m[1]) > 2 || (Number(m[1]) === 2 && Number(m[2]) >= 32)) return undefined;
  return `odw needs git 2.32 or later (this is ${r.stdout.trim()}): an older git cannot be kept from reading a global config file an agent could rewrite during the run. Upgrade git.`;
}

/** `scope\0origin\0key\nvalue\0` records (a key without a value is a boolean true). */
function parseScoped(text: string): GitConfigEntry[] {
  const parts = text.split('\0');
  const entries: GitConfigEntry[] = [];
  for (let i = 0; i + 2 < parts.length; i += 3) {
    const [scope, origin, entry] = parts.slice(i, i + 3);
    const nl = entry.indexOf('\n');
    const key = nl < 0 ? entry : entry.slice(0, nl);
    if (!SCOPES.has(scope) || INCLUDE.test(key)) continue;
    entries.push({ key, value: nl < 0 ? 'true' : entry.slice(nl + 1), origin });
  }
  return entries;
}

/**
 * The files whose settings differ between two snapshots (`file:` dropped): what changed since odw
 * started, which odw's git does not read but the user's next git command will.
 */
function changedSources(start: GitConfigEntry[], now: GitConfigEntry[]): string[] {
  const id = (e: GitConfigEntry) => JSON.stringify([e.origin, e.key, e.value]);
  const count = (list: GitConfigEntry[]) => list.reduce((m, e) => m.set(id(e), (m.get(id(e)) ?? 0) + 1), new Map<string, number>());
  const [a, b] = [count(start), count(now)];
  const origins = new Set<string>();
  for (const e of [...start, ...now]) if (a.get(id(e)) !== b.get(id(e))) origins.add(e.origin.replace(/^file:/, ''));
  return [...origins].sort();
}

/** The environment that makes a git call read the snapshot and no configuration file outside the repository. */
export function configEnv(snapshot: Extract<GitConfigSnapshot, { ok: true }>): Record<string, string> {
  const env: Record<string, string> = {
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_SYSTEM: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_COUNT: String(snapshot.entries.length),
  };
  snapshot.entries.forEach(({ key, value }, i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}

/**
 * What changed in the global and system settings since `start` (the snapshot odw's git reads):
 * each call reads them again and returns the files whose settings differ from the last call's.
 */
export function configWatch(process: ProcessRunner, cwd: string, start: GitConfigSnapshot | Promise<GitConfigSnapshot>): () => Promise<string[]> {
  let last = Promise.resolve(start).then((s) => (s.ok ? s.entries : undefined));
  return async () => {
    const before = await last;
    const now = await readConfig(process, cwd);
    if (!before || !now.ok) return [];
    last = Promise.resolve(now.entries);
    return changedSources(before, now.entries);
  };
}
