/** Before a run starts: every agent CLI the pipeline's stages will call must exist. */
import { isAbsolute } from 'node:path';
import type { RuntimeProfile } from '../ports/agents.js';
import { findExecutable } from './doctor.js';
import { agentBin } from './env.js';
import { INSTALL_HINT } from './failure.js';

export interface MissingAgent {
  runtime: string;
  agent: RuntimeProfile['agent'];
  command: string;
  hint: string;
}

export function missingAgents(runtimes: Record<string, RuntimeProfile>, used: string[], env: NodeJS.ProcessEnv, cwd: string): MissingAgent[] {
  const missing: MissingAgent[] = [];
  for (const name of new Set(used)) {
    const profile = runtimes[name];
    if (!profile) continue;
    const command = profile.agent === 'command' ? (profile.bin || profile.command?.[0] || '') : agentBin(profile.agent, profile, env);
    // A relative path is resolved in each task's workspace; only names and absolute paths can be checked here.
    if (!command || (command.includes('/') && !isAbsolute(command))) continue;
    if (!findExecutable(command, env, cwd)) missing.push({ runtime: name, agent: profile.agent, command, hint: INSTALL_HINT[profile.agent] });
  }
  return missing;
}
