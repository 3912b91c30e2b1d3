/**
 * Before a run starts: every agent CLI the pipeline's stages will call must exist, and a profile
 * with `sandbox` on needs a `bwrap` that can create its namespaces here (and, for codex with its
 * own sandbox, a CODEX_HOME outside /tmp).
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RuntimeProfile } from '../ports/agents.js';
import { findExecutable } from './doctor.js';
import { agentBin, isRelativePath, repoExecutable } from './env.js';
import { INSTALL_HINT } from './failure.js';
import { sandboxSettings } from './sandbox.js';
import { bwrapFix, bwrapStatus, type BwrapStatus } from './sandbox-host.js';

export interface MissingAgent {
  runtime: string;
  agent: RuntimeProfile['agent'];
  command: string;
  hint: string;
  /** What is wrong, after `runtime "<name>" (<agent>)`; default: needs `<command>`, not installed or not on PATH. */
  problem?: string;
}

export interface PreflightDeps {
  /** Whether bwrap is there and works (default: look on PATH and probe it once). */
  bwrap?: (env: NodeJS.ProcessEnv, cwd: string) => BwrapStatus;
}

/**
 * `repo` is the user's repository: a relative executable path in a profile (`./agents/run.sh`) is
 * resolved against it, as when the agent runs (repoExecutable).
 */
export function missingAgents(
  runtimes: Record<string, RuntimeProfile>,
  used: string[],
  env: NodeJS.ProcessEnv,
  repo: string,
  deps: PreflightDeps = {},
): MissingAgent[] {
  const missing: MissingAgent[] = [];
  for (const name of new Set(used)) {
    const profile = runtimes[name];
    if (!profile) continue;
    const command = profile.agent === 'command' ? profile.bin || profile.command?.[0] || '' : agentBin(profile.agent, profile, env);
    if (command && !findExecutable(repoExecutable(command, repo), env, repo)) missing.push(notFound(name, profile.agent, command, repo));
    if (!sandboxSettings(profile)) continue;
    const codexHome = codexHomeUnderTmp(profile, env);
    if (codexHome) {
      missing.push({
        runtime: name,
        agent: profile.agent,
        command: 'codex',
        problem: `has sandbox on, but its CODEX_HOME (${codexHome}) is under /tmp: codex refuses to create its sandbox helper there, and every write of the agent would fail`,
        hint: `give runtime "${name}" a CODEX_HOME outside /tmp (its env), or permission: full-access (odw's sandbox then confines codex alone)`,
      });
    }
    const status = (deps.bwrap ?? bwrapStatus)(env, repo);
    if (status.ok) continue;
    missing.push({
      runtime: name,
      agent: profile.agent,
      command: 'bwrap',
      hint: bwrapFix(status, name),
      problem: status.path ? `has sandbox on, but ${status.problem}` : 'has sandbox on and needs `bwrap`, which is not installed or not on PATH',
    });
  }
  return missing;
}

/** A bare name is not on PATH; a relative path is not a file of the repository (say where odw looked). */
function notFound(runtime: string, agent: RuntimeProfile['agent'], command: string, repo: string): MissingAgent {
  if (!isRelativePath(command)) return { runtime, agent, command, hint: INSTALL_HINT[agent] };
  return {
    runtime,
    agent,
    command,
    problem: `runs \`${command}\`, which is not an executable file at ${repoExecutable(command, repo)}`,
    hint: `a relative executable path in \`command\` or \`bin\` is resolved against the repository root (${repo}), not the task's workspace (docs/runtimes.md); create it there and make it executable (chmod +x), or give an absolute path`,
  };
}

/**
 * codex runs its own sandboxed tool calls through bwrap when it is installed (it is, with
 * `sandbox` on), and refuses to do that from a CODEX_HOME under /tmp (docs/runtimes.md).
 */
function codexHomeUnderTmp(profile: RuntimeProfile, env: NodeJS.ProcessEnv): string | undefined {
  if (profile.agent !== 'codex' || profile.permission === 'full-access') return undefined;
  const own = profile.env ?? {};
  const home = own.HOME ?? env.HOME ?? homedir();
  const codexHome = resolve(own.CODEX_HOME ?? env.CODEX_HOME ?? join(home, '.codex'));
  return codexHome === '/tmp' || codexHome.startsWith('/tmp/') ? codexHome : undefined;
}
