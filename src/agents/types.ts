/**
 * How a runtime adapter plugs into the shared call loop (src/agents/call.ts). An adapter knows
 * how to start its agent for one invocation and how to read what the agent printed; the loop does
 * everything else (records, time limits, questions, schema retries, redaction).
 */
import type { AgentRequest, AgentUsage, PermissionDenial, RuntimeProfile } from '../ports/agents.js';
import type { ProcessResult } from '../ports/process.js';

export type AgentKind = RuntimeProfile['agent'];

/** One process started for a call. */
export interface Invocation {
  /** 1-based number of this invocation within the call. */
  n: number;
  kind: 'start' | 'answer' | 'retry';
  /** The text sent on stdin (and written to the prompt file). */
  prompt: string;
  /** Absolute path of the prompt file the agent may read ($ODW_PROMPT_FILE). */
  promptFile: string;
  /** Session to continue (codex thread id, claude session id). */
  resume?: string;
  /** The answer to the agent's question, for `answer` invocations. */
  answer?: string;
}

export interface CallContext {
  request: AgentRequest;
  /** Environment for the agent: the caller's, the profile's `env`, and the ODW_* variables. */
  env: Record<string, string>;
  /** `<callDir>/schema.json` when a structured answer is expected. */
  schemaFile?: string;
  /** Where a command agent writes its structured answer. */
  outputFile?: string;
}

export interface LaunchSpec {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** What one invocation produced, as the adapter reads it. */
export interface Turn {
  /** The agent says it finished its turn (exit code and its own status agree). */
  ok: boolean;
  finalMessage: string;
  sessionId?: string;
  /** As the agent reports it; see `RuntimeAdapter.cumulative`. */
  usage?: AgentUsage;
  costUsd?: number;
  /** An answer that is already structured (claude --json-schema, a command's output file). */
  structured?: { value: unknown } | { invalid: string };
  /** The agent asked this question explicitly (a question tool, or a command's needsInput). */
  question?: string;
  /** How many file edits the agent reported in this turn (used to tell questions from reports). */
  fileChanges: number;
  permissionDenials?: PermissionDenial[];
  /** Why the turn failed, when `ok` is false. */
  error?: { category: string; message: string };
}

export interface TurnParser {
  onLine(line: string): void;
  finish(result: ProcessResult): Promise<Turn> | Turn;
}

export interface RuntimeAdapter {
  readonly agent: AgentKind;
  /** Can a later invocation continue the agent's session (answers, schema retries)? */
  readonly canResume: boolean;
  /** Usage/cost numbers that a resumed session reports as running totals for the session. */
  readonly cumulative: { usage: boolean; cost: boolean };
  /** Extra text appended to the first prompt (e.g. the schema for a model). */
  promptSuffix?(ctx: CallContext): string;
  launch(ctx: CallContext, inv: Invocation): LaunchSpec;
  parser(ctx: CallContext, inv: Invocation): TurnParser;
}
