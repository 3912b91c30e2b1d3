import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withBudget } from '../../src/agents/budget.js';
import { createRedactor, secretValues } from '../../src/agents/redact.js';
import type { AgentPort, AgentResult } from '../../src/ports/agents.js';
import type { Clock } from '../../src/ports/clock.js';
import { fixtureProfile, invocations, port, readRecord, request, REVIEW_SCHEMA } from './helpers.js';

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

describe('secrets', () => {
  const SECRET = 'sk-live-0123456789abcdef';

  it("never writes a profile env value into call.json, output.log, prompts or the result", async () => {
    const req = request(fixtureProfile('echo-secret', { env: { FIXTURE: 'echo-secret', FIXTURE_SECRET: SECRET } }), {
      prompt: `Use the key ${SECRET} carefully.`,
      schema: REVIEW_SCHEMA,
    });
    const result = await port().call(req);
    expect(result.outcome).toBe('ok');
    const stored = ['call.json', 'output.log', 'prompt.md'].map((f) => readFileSync(join(req.callDir, f), 'utf8')).join('\n');
    expect(stored).not.toContain(SECRET);
    expect(stored).toContain('the key is ***');
    expect(stored).toContain('stderr also has ***');
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(result.structured).toEqual({ decision: 'approve', note: 'key ***' });
    // The agent itself got the real prompt, through a private prompt file.
    const [seen] = invocations(req);
    expect(seen.prompt).toContain(SECRET);
    expect(seen.promptFile).toContain(SECRET);
    expect(seen.env.ODW_PROMPT_FILE.startsWith(req.callDir)).toBe(false);
    expect(existsSync(seen.env.ODW_PROMPT_FILE)).toBe(false);
    expect(readRecord(req).finalMessage).toContain('the key is ***');
  });

  it('hides values of the inherited environment too', async () => {
    const env = { ...process.env, FIXTURE_SECRET: 'inherited-token-value' };
    const req = request(fixtureProfile('echo-secret'));
    const result = await port({ env }).call(req);
    expect(result.finalMessage).toContain('the key is ***');
    expect(readFileSync(join(req.callDir, 'output.log'), 'utf8')).not.toContain('inherited-token-value');
  });

  it('keeps short values, public variables and existing paths readable', () => {
    const values = secretValues(
      { HOME: '/home/someone', PATH: '/usr/bin:/bin', SHORT: 'abc', TMP_DIR: '/tmp', API_TOKEN: 'tok-123456' },
      { OTHER_KEY: 'profile-secret' },
    );
    expect(values.sort()).toEqual(['profile-secret', 'tok-123456']);
    const redact = createRedactor(['abcdef', 'abcdefgh']);
    expect(redact('x abcdefgh y abcdef z')).toBe('x *** y *** z');
  });
});
