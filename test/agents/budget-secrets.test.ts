import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withBudget } from '../../src/agents/budget.js';
import type { AgentPort, AgentResult } from '../../src/ports/agents.js';
import type { Clock } from '../../src/ports/clock.js';
import { fixtureProfile, port, request } from './helpers.js';

function fakeClock(start = 1_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, sleep: async () => {}, advance: (ms) => (now += ms) };
}

describe('budgets', () => {
  it('refuses new calls once the minutes are spent, without starting a process', async () => {
    const clock = fakeClock();
    const agents = port({ clock, budget: { minutes: 1 } });
    const first = request(fixtureProfile('ok'));
    expect((await agents.call(first)).outcome).toBe('ok');
    expect(agents.budgetState()).toMatchObject({ exhausted: false, calls: 1, running: 0 });

    clock.advance(61_000);
    const second = request(fixtureProfile('ok'));
    const result = await agents.call(second);
    expect(result).toMatchObject({ outcome: 'failed', error: { category: 'budget_exhausted' } });
    expect(result.error?.message).toContain('minutes');
    expect(existsSync(join(second.cwd, '.invocations'))).toBe(false);
    expect(agents.budgetState()).toMatchObject({ exhausted: true, reason: 'minutes', calls: 1 });
  });

  it('sums tokens and dollars over parallel calls; running calls finish', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inner: AgentPort = {
      async call(): Promise<AgentResult> {
        await gate;
        return { outcome: 'ok', finalMessage: 'done', usage: { inputTokens: 400, outputTokens: 200, totalTokens: 600 }, costUsd: 0.02, durationMs: 1 };
      },
    };
    const budgeted = withBudget(inner, { tokens: 1000 }, fakeClock());
    const req = request(fixtureProfile('ok'));
    const a = budgeted.call(req);
    const b = budgeted.call(req);
    expect(budgeted.budgetState()).toMatchObject({ running: 2, exhausted: false });
    release();
    expect((await a).outcome).toBe('ok');
    expect((await b).outcome).toBe('ok');
    expect(budgeted.budgetState()).toMatchObject({ spent: { tokens: 1200, usd: 0.04 }, exhausted: true, reason: 'tokens', running: 0 });
    const refused = await budgeted.call(req);
    expect(refused.error).toMatchObject({ category: 'budget_exhausted' });
    expect(refused.error?.message).toContain('1200 of 1000 tokens');

    const byDollars = withBudget(inner, { usd: 0.03 }, fakeClock());
    await byDollars.call(req);
    expect(byDollars.budgetState().exhausted).toBe(false);
    await byDollars.call(req);
    expect(byDollars.budgetState()).toMatchObject({ exhausted: true, reason: 'usd' });
  });
});
