/** The environment an agent runs with, and where odw finds the agent CLIs. */
import type { AgentRequest, RuntimeProfile } from '../ports/agents.js';

/** The variables odw sets for agents; never inherited from odw's own environment. */
export const ODW_VARIABLES = [
  'ODW_RUN_ID', 'ODW_STAGE', 'ODW_STAGE_KIND', 'ODW_TASK_ID', 'ODW_ROUND', 'ODW_ATTEMPT', 'ODW_REVIEWER',
  'ODW_PROMPT_FILE', 'ODW_SCHEMA_FILE', 'ODW_OUTPUT_FILE', 'ODW_ANSWER',
];

/**
 * The caller's environment, then the profile's `env`, then odw's own variables: ODW_RUN_ID,
 * ODW_STAGE, ODW_STAGE_KIND, ODW_ATTEMPT, and ODW_TASK_ID / ODW_ROUND / ODW_REVIEWER when the
 * stage has them. (ODW_PROMPT_FILE, ODW_SCHEMA_FILE, ODW_OUTPUT_FILE and ODW_ANSWER are added
 * per invocation.)
 */
export function agentEnv(base: NodeJS.ProcessEnv, request: AgentRequest): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !ODW_VARIABLES.includes(k)) env[k] = v;
  Object.assign(env, request.profile.env ?? {});
  const { meta } = request;
  env.ODW_RUN_ID = meta.runId;
  env.ODW_STAGE = meta.stage;
  env.ODW_STAGE_KIND = meta.stageKind;
  env.ODW_ATTEMPT = String(meta.attempt ?? 1);
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
