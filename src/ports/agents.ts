/** One interface through which every stage calls a coding agent (implemented in src/agents/). */

export type AgentOutcome = 'ok' | 'failed' | 'timed_out' | 'needs_input' | 'cancelled';

/** A named runtime profile from the pipeline's `runtimes:` map. */
export interface RuntimeProfile {
  agent: 'codex' | 'claude' | 'command';
  model?: string;
  effort?: string;
  permission?: string;
  timeout?: number | string;
  bin?: string;
  args?: string[];
  env?: Record<string, string>;
  command?: string[];
  [key: string]: unknown;
}

export interface AgentCallMeta {
  runId: string;
  stage: string;
  stageKind: string;
  task?: string;
  round?: number;
  attempt?: number;
  reviewer?: string;
}

export interface AgentRequest {
  /** Profile name as written in the pipeline, and the resolved profile. */
  runtime: string;
  profile: RuntimeProfile;
  prompt: string;
  cwd: string;
  timeoutMs?: number;
  /** JSON Schema the structured answer must satisfy (planners, reviewers). */
  schema?: object;
  signal: AbortSignal;
  meta: AgentCallMeta;
}

export interface AgentUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export interface AgentResult {
  outcome: AgentOutcome;
  finalMessage: string;
  structured?: unknown;
  usage?: AgentUsage;
  costUsd?: number;
  sessionId?: string;
  /** For outcomes other than ok: a category (e.g. schema_mismatch, spawn_failed) and message. */
  error?: { category: string; message: string };
  durationMs: number;
}

export interface AgentPort {
  call(request: AgentRequest): Promise<AgentResult>;
}
