/**
 * A runtime profile's `sandbox`: every invocation runs as `bwrap … -- <agent command>`.
 *
 * The whole file system is mounted read-only (`--ro-bind / /`), with a fresh /dev and /proc, a
 * private /tmp and its own PID namespace (so nothing the agent starts outlives it); then the
 * paths the agent may write are bound read-write on top: the task's workspace, its answer file in
 * the call's record folder (ODW_OUTPUT_FILE), the agent CLI's own config folder and the profile's
 * `writable` entries. Host paths that the agent must read are bound read-only again (the git
 * directory or the object stores its workspace borrows, a private prompt file): that re-exposes
 * them over the private /tmp and keeps them read-only inside a writable path.
 * The network is shared: agents need their model API.
 */
import { isAbsolute, join, resolve } from 'node:path';
import type { RuntimeProfile } from '../ports/agents.js';
import type { LaunchSpec } from './types.js';

export interface SandboxSettings {
  /** Extra writable paths, as written in the profile (absolute or `~/…`). */
  writable: string[];
}

/** The profile's sandbox settings, or undefined when the sandbox is off (the default). */
export function sandboxSettings(profile: RuntimeProfile | { sandbox?: unknown }): SandboxSettings | undefined {
  const s = profile.sandbox as boolean | { writable?: string[] } | undefined;
  if (s === true) return { writable: [] };
  if (s && typeof s === 'object') return { writable: [...(s.writable ?? [])] };
  return undefined;
}

export interface SandboxMounts {
  /** The call's working directory: the task's workspace (writable), or the user's repository. */
  workspace: string;
  /** Mount the working directory read-only (a read-only profile, or the user's repository). */
  workspaceReadOnly?: boolean;
  /** Writable folders and files (the answer file, the agent's config, `writable`). */
  writable: string[];
  /** Read-only paths re-exposed over the private /tmp and kept read-only inside writable ones. */
  readable: string[];
}

/** Arguments that `bwrap` needs to work at all; `odw doctor` and the preflight probe run them with `true`. */
const BWRAP_BASE = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp'];
const BWRAP_PROCESS = ['--unshare-pid', '--die-with-parent', '--new-session'];
export const PROBE_ARGS = [...BWRAP_BASE, ...BWRAP_PROCESS, '--', 'true'];

/**
 * The full `bwrap` argument list for one invocation. Binds are applied shortest path first, so a
 * deeper bind always wins over its parents: a read-only path inside a writable one stays
 * read-only, and the workspace stays writable inside a read-only one. For the same path,
 * read-only wins over writable (the workspace has its own mode).
 */
export function bwrapArgs(mounts: SandboxMounts, command: string, args: string[]): string[] {
  const workspace = resolve(mounts.workspace);
  const binds = new Map<string, 'rw' | 'ro'>();
  for (const p of mounts.writable) binds.set(resolve(p), 'rw');
  for (const p of mounts.readable) binds.set(resolve(p), 'ro');
  binds.set(workspace, mounts.workspaceReadOnly ? 'ro' : 'rw');
  const ordered = [...binds].sort(([a], [b]) => a.length - b.length || a.localeCompare(b));
  const out = [...BWRAP_BASE];
  for (const [path, mode] of ordered) {
    if (path === workspace) out.push(mode === 'rw' ? '--bind' : '--ro-bind', path, path);
    else out.push(mode === 'rw' ? '--bind-try' : '--ro-bind-try', path, path);
  }
  out.push(...BWRAP_PROCESS, '--chdir', workspace, '--', command, ...args);
  return out;
}

/** `~` and `~/x` under `home`; other paths as given (relative ones are not accepted by the schema). */
export function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return path;
}

export interface AgentPaths {
  /** Folders the agent CLI writes its config, sessions and caches to (created when missing). */
  dirs: string[];
  /** Single files it rewrites (bound only when they exist). */
  files: string[];
}

/** Where each agent CLI keeps its state, read from the agent's own environment. */
export function agentStatePaths(agent: RuntimeProfile['agent'], env: Record<string, string | undefined>, home: string): AgentPaths {
  if (agent === 'codex') return { dirs: [env.CODEX_HOME || join(home, '.codex')], files: [] };
  if (agent === 'claude') {
    if (env.CLAUDE_CONFIG_DIR) return { dirs: [env.CLAUDE_CONFIG_DIR], files: [] };
    return { dirs: [join(home, '.claude')], files: [join(home, '.claude.json')] };
  }
  return { dirs: [], files: [] };
}

/** The launch, wrapped: `bwrap <mounts> -- <command> <args>`, with TMPDIR pointing at the private /tmp. */
export function sandboxedLaunch(launch: LaunchSpec, mounts: SandboxMounts, bwrap = 'bwrap'): LaunchSpec {
  return {
    command: bwrap,
    args: bwrapArgs(mounts, launch.command, launch.args),
    env: { ...launch.env, TMPDIR: '/tmp' },
  };
}

/** Paths for the sandbox's writable list: absolute, `~` expanded against the agent's HOME. */
export function writablePaths(settings: SandboxSettings, home: string): string[] {
  return settings.writable.map((p) => expandHome(p, home)).filter((p) => isAbsolute(p));
}
