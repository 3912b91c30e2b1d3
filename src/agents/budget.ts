/**
 * Run budgets around an AgentPort: tokens (total), dollars and minutes, summed over every call
 * of the run, including calls running in parallel. Once a limit is reached no new call starts
 * (it returns `failed` with `budget_exhausted` without starting a process); calls already running
 * finish. The interpreter reads `budgetState()` to end the run as budget_exhausted.
 */
import type { AgentPort, AgentRequest, AgentResult } from '../ports/agents.js';
import type { Clock } from '../ports/clock.js';

export interface BudgetLimits {
  tokens?: number;
  usd?: number;
  minutes?: number;
}

export interface BudgetState {
  limits: BudgetLimits;
  spent: { tokens: number; usd: number; minutes: number };
  /** Calls started so far, and those still running. */
  calls: number;
  running: number;
  exhausted: boolean;
  /** The first limit reached, when exhausted. */
  reason?: 'tokens' | 'usd' | 'minutes';
}

export interface BudgetedAgentPort extends AgentPort {
  budgetState(): BudgetState;
}

export function withBudget(inner: AgentPort, limits: BudgetLimits, clock: Clock): BudgetedAgentPort {
  const since = clock.now();
  let tokens = 0;
  let usd = 0;
  let calls = 0;
  let running = 0;

  const state = (): BudgetState => {
    const minutes = (clock.now() - since) / 60_000;
    const reason: BudgetState['reason'] =
      limits.tokens !== undefined && tokens >= limits.tokens
        ? 'tokens'
        : limits.usd !== undefined && usd >= limits.usd
          ? 'usd'
          : limits.minutes !== undefined && minutes >= limits.minutes
            ? 'minutes'
            : undefined;
    return { limits, spent: { tokens, usd, minutes }, calls, running, exhausted: reason !== undefined, ...(reason ? { reason } : {}) };
  };

  return {
    budgetState: state,
    async call(request: AgentRequest): Promise<AgentResult> {
      const now = state();
      if (now.exhausted) return refused(now);
      calls += 1;
      running += 1;
      try {
        const result = await inner.call(request);
        tokens += result.usage?.totalTokens ?? 0;
        usd += result.costUsd ?? 0;
        return result;
      } finally {
        running -= 1;
      }
    },
  };
}

/** 0.5 → `30.0s`; 12 → `12.0 minutes`. */
const elapsed = (minutes: number) => (minutes < 1 ? `${(minutes * 60).toFixed(1)}s` : `${minutes.toFixed(1)} minutes`);

function refused(state: BudgetState): AgentResult {
  const { reason, limits, spent } = state;
  const used =
    reason === 'tokens'
      ? `${spent.tokens} of ${limits.tokens} tokens`
      : reason === 'usd'
        ? `$${spent.usd.toFixed(4)} of $${limits.usd}`
        : `${elapsed(spent.minutes)} of ${elapsed(limits.minutes!)}`;
  return {
    outcome: 'failed',
    finalMessage: '',
    error: { category: 'budget_exhausted', message: `the run's ${reason} budget is spent (${used}); no new agent call starts` },
    durationMs: 0,
  };
}
