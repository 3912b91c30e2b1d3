/**
 * What the sandbox needs from the host: the paths of one call (git directories the workspace
 * borrows, the agent CLI's state folders, created when missing), and whether `bwrap` can run.
 */
import { execaSync } from 'execa';
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, relative, resolve } from 'node:path';
import { findExecutable } from './doctor.js';
import { agentStatePaths, PROBE_ARGS, writablePaths, type SandboxMounts, type SandboxSettings } from './sandbox.js';
import type { CallContext } from './types.js';

/**
 * The git directories a workspace reads but must never write: a linked worktree's common git
 * directory (the user's `.git`), or the object stores a private repository borrows through
 * `objects/info/alternates`. Read-only under the sandbox, and visible even when under /tmp.
 */
export function borrowedGitPaths(workspace: string): string[] {
  const dotGit = resolve(workspace, '.git');
  try {
    if (statSync(dotGit).isFile()) {
      const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
      if (!m) return [];
      const gitDir = resolve(workspace, m[1].trim());
      const common = readText(resolve(gitDir, 'commondir'));
      return [common ? resolve(gitDir, common) : gitDir];
    }
    const alternates = readText(resolve(dotGit, 'objects/info/alternates')) ?? '';
    return alternates
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => (isAbsolute(l) ? l : resolve(dotGit, 'objects', l)));
  } catch {
    return [];
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The mounts of one call; creates the agent CLI's state folders (it would create them itself).
 * The call folder is read-only (prompts, schema.json): odw writes there after the agent, so an
 * agent must not plant links in it. Only the answer file ($ODW_OUTPUT_FILE) is writable; it is
 * created empty here, after the previous answer was removed.
 */
export function callMounts(ctx: CallContext, settings: SandboxSettings, readable: string[] = []): SandboxMounts {
  const { request } = ctx;
  const home = ctx.env.HOME || homedir();
  const state = agentStatePaths(request.profile.agent, ctx.env, home);
  for (const dir of state.dirs) mkdirSync(dir, { recursive: true });
  if (ctx.outputFile) writeFileSync(ctx.outputFile, '', { flag: 'wx' });
  return {
    workspace: request.cwd,
    workspaceReadOnly: !mayWrite(ctx),
    writable: [...(ctx.outputFile ? [ctx.outputFile] : []), ...state.dirs, ...state.files, ...writablePaths(settings, home)],
    readable: [request.callDir, ...borrowedGitPaths(request.cwd), ...readable],
  };
}

/**
 * Whether the call may write its working directory: not with permission read-only (planners,
 * reviewers), and never when it is the user's repository, recognised by holding the run's own
 * record (the call folder lies inside it; a task workspace never holds it).
 */
function mayWrite(ctx: CallContext): boolean {
  const { cwd, callDir, profile } = ctx.request;
  if (profile.permission === 'read-only') return false;
  const rel = relative(resolve(cwd), resolve(callDir));
  return rel.startsWith('..') || isAbsolute(rel);
}

/**
 * The agent's own program stays readable under the private /tmp: for every absolute path in its
 * command line (the executable, a script) that lies under /tmp, the top-level /tmp folder holding
 * it (a checkout or cache with the script's imports) is bound read-only. Everything outside /tmp is
 * readable anyway.
 */
export function programFolders(command: string, args: string[]): string[] {
  const folders = new Set<string>();
  for (const word of [command, ...args]) {
    if (!isAbsolute(word) || !existsSync(word)) continue;
    for (const path of [word, realpathSync(word)]) {
      const [, top, name] = path.split('/');
      if (top === 'tmp' && name) folders.add(`/tmp/${name}`);
    }
  }
  return [...folders];
}

export type BwrapStatus = { ok: true; path: string } | { ok: false; path?: string; problem: string };

const probes = new Map<string, BwrapStatus>();

/**
 * Is `bwrap` on PATH, and can it create the sandbox's namespaces here? The probe runs
 * `bwrap <the sandbox's own options> -- true` once per path (10 s at most).
 */
export function bwrapStatus(env: NodeJS.ProcessEnv, cwd: string): BwrapStatus {
  const path = findExecutable('bwrap', env, cwd);
  if (!path) return { ok: false, problem: '`bwrap` is not installed or not on PATH' };
  const known = probes.get(path);
  if (known) return known;
  const r = execaSync(path, PROBE_ARGS, {
    cwd: '/',
    env,
    extendEnv: false,
    timeout: 10_000,
    stdin: 'ignore',
    stdout: 'ignore',
    stderr: 'pipe',
    reject: false,
    verbose: 'none',
  });
  const started = r.exitCode !== undefined || r.signal !== undefined;
  const why = r.timedOut ? 'timed out after 10 s' : !started && r.cause instanceof Error ? r.cause.message : (r.stderr ?? '').trim().split('\n').pop();
  const detail = why || `exit ${r.exitCode ?? r.signal}`;
  const status: BwrapStatus = r.exitCode === 0 ? { ok: true, path } : { ok: false, path, problem: `${path} cannot create a sandbox here (${detail})` };
  probes.set(path, status);
  return status;
}

/** What to do about a bwrap that is missing or cannot sandbox, for runtime `runtime`. */
export function bwrapFix(status: BwrapStatus, runtime: string): string {
  const off = `or set \`sandbox: false\` on runtime "${runtime}"`;
  if (!status.ok && !status.path) return `install bubblewrap (Debian/Ubuntu: \`apt-get install bubblewrap\`), ${off}`;
  return `allow unprivileged user namespaces (e.g. \`sysctl kernel.unprivileged_userns_clone=1\`, or \`kernel.apparmor_restrict_unprivileged_userns=0\` on Ubuntu; in a container, run it with them allowed), ${off}`;
}
