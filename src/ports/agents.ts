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
  /**
   * Folder of this call inside the run record (`<run>/calls/<call-id>/`), created by the caller.
   * The runtime writes there: prompt.md, output.log (streamed), schema.json, and call.json
   * (an AgentCallRecord, written provisionally before the process starts and updated after).
   */
  callDir: string;
  /** Told when the call changes state (running, asking …), for live progress. */
  onState?: (state: 'starting' | 'running' | 'asking' | 'done', detail?: string) => void;
  /**
   * Run the call somewhere else (an `odw worker`, src/remote/): the port still checks the profile
   * and counts the result against the run's budget, but starts no process here.
   */
  elsewhere?: (request: AgentRequest) => Promise<AgentResult>;
}

/** What `<run>/calls/<call-id>/call.json` holds; `odw runs show` and the report read it. */
export interface AgentCallRecord {
  id: string;
  runtime: string;
  agent: RuntimeProfile['agent'];
  meta: AgentCallMeta;
  state: 'starting' | 'running' | 'asking' | 'done';
  outcome?: AgentOutcome;
  startedAt: number;
  finishedAt?: number;
  durationMs?: number;
  model?: string;
  finalMessage?: string;
  structured?: unknown;
  usage?: AgentUsage;
  costUsd?: number;
  sessionId?: string;
  error?: { category: string; message: string };
  questions?: { question: string; answer: string }[];
  attempts?: number;
  /** Tool uses the agent's own permission system refused (claude). */
  permissionDenials?: PermissionDenial[];
  /** Every process started for this call, in order (first turn, answers, schema retries). */
  invocations?: AgentInvocationRecord[];
  /** The agent process (and process group) while it runs. */
  pid?: number;
  /** The `odw worker` that ran the call (`odw run --executor`), and the queue attempts it took. */
  worker?: { name: string; attempts: number };
}

export interface PermissionDenial {
  tool: string;
  input?: unknown;
}

export interface AgentInvocationRecord {
  kind: 'start' | 'answer' | 'retry';
  /** File name of the prompt sent, inside the call folder (prompt.md, prompt-2.md, …). */
  promptFile: string;
  /** Whether it continued the agent's session (codex resume, claude -r). */
  resumed: boolean;
  exitCode: number | null;
  signal?: string | null;
  durationMs: number;
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
  /** Tool uses the agent's permission system refused; the call can still be ok. */
  permissionDenials?: PermissionDenial[];
}

export interface AgentPort {
  call(request: AgentRequest): Promise<AgentResult>;
}
