/** The environment an agent runs with, and where odw finds the agent CLIs. */
import { isAbsolute, resolve } from 'node:path';
import type { AgentRequest, RuntimeProfile } from '../ports/agents.js';

/** The variables odw sets for agents; never inherited from odw's own environment. */
export const ODW_VARIABLES = [
  'ODW_RUN_ID',
  'ODW_STAGE',
  'ODW_STAGE_KIND',
  'ODW_TASK_ID',
  'ODW_ROUND',
  'ODW_ATTEMPT',
  'ODW_REVIEWER',
  'ODW_PROMPT_FILE',
  'ODW_SCHEMA_FILE',
  'ODW_OUTPUT_FILE',
  'ODW_ANSWER',
];

/**
 * The caller's environment, then the profile's `env`, then odw's own variables: ODW_RUN_ID,
 * ODW_STAGE, ODW_STAGE_KIND, ODW_ATTEMPT, and ODW_TASK_ID / ODW_ROUND / ODW_REVIEWER when the
 * stage has them. ODW_ROUND is the review round the call's work is for (a repair after round n's
 * rejection builds round n+1's candidate); ODW_ATTEMPT starts at 1 and the call loop raises it on
 * each schema retry. (ODW_PROMPT_FILE, ODW_SCHEMA_FILE, ODW_OUTPUT_FILE and ODW_ANSWER are added
 * per invocation.) The contract is in docs/runtimes.md.
 */
export function agentEnv(base: NodeJS.ProcessEnv, request: AgentRequest): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !ODW_VARIABLES.includes(k)) env[k] = v;
  Object.assign(env, request.profile.env ?? {});
  const { meta } = request;
  env.ODW_RUN_ID = meta.runId;
  env.ODW_STAGE = meta.stage;
  env.ODW_STAGE_KIND = meta.stageKind;
  env.ODW_ATTEMPT = '1';
  if (meta.task !== undefined) env.ODW_TASK_ID = meta.task;
  if (meta.round !== undefined) env.ODW_ROUND = String(meta.round);
  if (meta.reviewer !== undefined) env.ODW_REVIEWER = meta.reviewer;
  return env;
}

export const BIN_OVERRIDE = { codex: 'ODW_CODEX_BIN', claude: 'ODW_CLAUDE_BIN' } as const;

/** `bin` from the profile, else $ODW_CODEX_BIN / $ODW_CLAUDE_BIN, else the plain name on PATH. */
export function agentBin(agent: 'codex' | 'claude', profile: Pick<RuntimeProfile, 'bin'> | undefined, env: NodeJS.ProcessEnv): string {
  return profile?.bin || env[BIN_OVERRIDE[agent]] || agent;
}

/**
 * Where a profile's executable is: a relative path (one containing `/`, like `./agents/run.sh` or
 * `tools/agent`) is a file of the user's repository, resolved against its root — not the call's
 * workspace, which holds only committed files (and, for a repair or a reviewer, the agents' own
 * edits). Bare names (`node`, `codex`) are looked up on PATH; absolute paths stay as they are.
 */
export function repoExecutable(path: string, repo: string): string {
  return isRelativePath(path) ? resolve(repo, path) : path;
}

/** The profile with its `bin` and the first word of its `command` resolved by repoExecutable. */
export function withRepoExecutables(profile: RuntimeProfile, repo: string): RuntimeProfile {
  const bin = profile.bin ? repoExecutable(profile.bin, repo) : profile.bin;
  const [first, ...rest] = profile.command ?? [];
  const command = first !== undefined ? [repoExecutable(first, repo), ...rest] : profile.command;
  if (bin === profile.bin && command?.[0] === profile.command?.[0]) return profile;
  return { ...profile, ...(bin !== undefined ? { bin } : {}), ...(command !== undefined ? { command } : {}) };
}

/** A relative executable path the user wrote (the rule above applies to it). */
export function isRelativePath(path: string): boolean {
  return path.includes('/') && !isAbsolute(path);
}
