/**
 * The agent runtimes behind one AgentPort: `codex` (Codex CLI), `claude` (Claude Code) and
 * `command` (any executable, see docs/runtimes.md). The adapter is chosen by `profile.agent`.
 */
import type { AgentPort, AgentRequest, AgentResult } from '../ports/agents.js';
import type { Clock } from '../ports/clock.js';
import type { ProcessRunner } from '../ports/process.js';
import { withBudget, type BudgetedAgentPort, type BudgetLimits } from './budget.js';
import { runCall } from './call.js';
import { claudeAdapter } from './claude/adapter.js';
import { codexAdapter } from './codex/adapter.js';
import { commandAdapter } from './command/adapter.js';
import { DEFAULT_ANSWER_POLICY } from './questions.js';
import type { AgentKind, RuntimeAdapter } from './types.js';

export type { BudgetLimits, BudgetedAgentPort } from './budget.js';
export { DEFAULT_ANSWER_POLICY } from './questions.js';

export interface AgentPortDeps {
  process: ProcessRunner;
  clock: Clock;
  /** The environment agents inherit (usually process.env); its values are redacted from records. */
  env: NodeJS.ProcessEnv;
  /** Run limits; see budgetState(). */
  budget?: BudgetLimits;
  /** The answer given when an agent asks a question (default: DEFAULT_ANSWER_POLICY). */
  answerPolicy?: string;
}

export function createAgentPort(deps: AgentPortDeps): BudgetedAgentPort {
  const adapters: Record<AgentKind, RuntimeAdapter> = {
    codex: codexAdapter(deps.env),
    claude: claudeAdapter(deps.env),
    command: commandAdapter(),
  };
  const callDeps = { process: deps.process, clock: deps.clock, env: deps.env, answerPolicy: deps.answerPolicy ?? DEFAULT_ANSWER_POLICY };
  const port: AgentPort = {
    call(request: AgentRequest): Promise<AgentResult> {
      const adapter = adapters[request.profile.agent];
      const invalid = adapter ? profileProblem(request) : `unknown agent ${JSON.stringify(request.profile.agent)} (use codex, claude or command)`;
      // A remote task step: the same checks and the same budget, the process runs on an odw worker.
      if (!invalid && request.elsewhere) return request.elsewhere(request);
      if (invalid) {
        return Promise.resolve({
          outcome: 'failed',
          finalMessage: '',
          error: { category: 'invalid_profile', message: `runtime ${request.runtime}: ${invalid}` },
          durationMs: 0,
        });
      }
      // Outcomes are data: even an unexpected error (say, an unwritable call folder) is returned.
      return runCall(adapter, request, callDeps).catch((e: unknown) => ({
        outcome: 'failed' as const,
        finalMessage: '',
        error: { category: 'internal', message: `odw could not run the agent call: ${(e as Error)?.message ?? String(e)}` },
        durationMs: 0,
      }));
    },
  };
  return withBudget(port, deps.budget ?? {}, deps.clock);
}

function profileProblem(request: AgentRequest): string | undefined {
  const { profile } = request;
  if (profile.agent === 'command' && !(profile.command?.length || profile.bin)) return 'a command agent needs `command` (its argv)';
  return undefined;
}
