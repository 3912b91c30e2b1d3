import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/adapters/clock.js';
import { claudeLaunch } from '../../src/agents/claude/adapter.js';
import { ClaudeEvents } from '../../src/agents/claude/events.js';
import { createAgentPort, DEFAULT_ANSWER_POLICY } from '../../src/agents/index.js';
import type { CallContext, Invocation } from '../../src/agents/types.js';
import { readRecord, request } from './helpers.js';
import { exited, recorded, replayRunner } from './replay.js';

function parse(name: string, exitCode = 0, stderr = '') {
  const parser = new ClaudeEvents('claude', 8);
  for (const line of recorded(name)) parser.onLine(line);
  return parser.finish(exited(exitCode, stderr));
}

describe('claude stream-json (recorded from Claude Code 2.1.332)', () => {
  it('reads the session, edits, final message, usage and cost', () => {
    const turn = parse('claude-edit');
    expect(turn).toMatchObject({ ok: true, finalMessage: 'I created hello.txt. All done.', fileChanges: 1 });
    expect(turn.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(turn.usage).toEqual({ inputTokens: 40, outputTokens: 20, totalTokens: 60 });
    expect(turn.costUsd).toBeGreaterThan(0);
    expect(turn.question).toBeUndefined();
  });

  it('takes structured_output from --json-schema', () => {
    expect(parse('claude-schema').structured).toEqual({ value: { decision: 'approve', summary: 'looks right' } });
  });

  it('judges an API error by is_error and the exit code', () => {
    const turn = parse('claude-http500', 1);
    expect(turn.ok).toBe(false);
    expect(turn.error?.category).toBe('agent_error');
    expect(turn.error?.message).toContain('API Error: 500 mock internal failure');
    // is_error alone fails the turn even with exit code 0.
    expect(parse('claude-http500', 0).ok).toBe(false);
  });

  it('turns AskUserQuestion into a question, with its options', () => {
    const turn = parse('claude-question');
    expect(turn.question).toBe('Which colour should the button be? (options: Blue, Red)');
    expect(turn.finalMessage).toBe('Which colour should the button be?');
  });

  it('lists permission denials without failing', () => {
    const turn = parse('claude-denied');
    expect(turn.ok).toBe(true);
    expect(turn.permissionDenials).toEqual([{ tool: 'Write', input: expect.objectContaining({ content: 'x\n' }) }]);
  });

  it('names the turn limit, and explains the root refusal of bypassPermissions', () => {
    const parser = new ClaudeEvents('claude', 3);
    parser.onLine(JSON.stringify({ type: 'result', subtype: 'error_max_turns', is_error: true, session_id: 's' }));
    expect(parser.finish(exited(1)).error).toEqual({ category: 'max_turns', message: 'the agent reached its turn limit (maxTurns: 3)' });
    const root = new ClaudeEvents('/bin/claude').finish(
      exited(1, '--dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons\n'),
    );
    expect(root.error?.message).toContain('IS_SANDBOX=1');
  });
});

describe('claude command line', () => {
  const ctx = (profile: object): CallContext => ({ request: request({ agent: 'claude', ...profile }), env: {} });
  const inv: Invocation = { n: 1, kind: 'start', prompt: 'p', promptFile: '/x/prompt.md' };

  it('maps the profile to print-mode options', () => {
    const spec = claudeLaunch(ctx({ model: 'opus', effort: 'high', allowedTools: ['Bash(npm test:*)', 'Edit'], maxTurns: 5, args: ['--bare'] }), inv, {});
    expect(spec.command).toBe('claude');
    expect(spec.args).toEqual([
      '-p',
      '--output-format',
      'stream-json',
      '--verbose',
      '--permission-mode',
      'acceptEdits',
      '--allowedTools',
      'Bash(npm test:*),Edit',
      '--max-turns',
      '5',
      '--model',
      'opus',
      '--effort',
      'high',
      '--bare',
    ]);
  });

  it.each([
    ['read-only', 'dontAsk'],
    ['workspace-write', 'acceptEdits'],
    ['full-access', 'bypassPermissions'],
  ])('permission %s → --permission-mode %s', (permission, mode) => {
    const args = claudeLaunch(ctx({ permission }), inv, {}).args;
    expect(args[args.indexOf('--permission-mode') + 1]).toBe(mode);
  });

  it('resumes with -r and passes the schema with --json-schema', () => {
    const c = ctx({});
    c.request.schema = { type: 'object' };
    const args = claudeLaunch(c, { ...inv, resume: 'sess-1' }, { ODW_CLAUDE_BIN: '/opt/claude' }).args;
    expect(args).toEqual(expect.arrayContaining(['-r', 'sess-1', '--json-schema', '{"type":"object"}']));
    expect(claudeLaunch(c, inv, { ODW_CLAUDE_BIN: '/opt/claude' }).command).toBe('/opt/claude');
  });

  it('passes a schema without its $schema marker (claude refuses draft 2020-12 there)', () => {
    const c = ctx({});
    c.request.schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'https://odw.dev/s.json', type: 'object' };
    const args = claudeLaunch(c, inv, {}).args;
    expect(JSON.parse(args[args.indexOf('--json-schema') + 1])).toEqual({ $id: 'https://odw.dev/s.json', type: 'object' });
    expect(c.request.schema).toHaveProperty('$schema');
  });
});

describe('claude call loop over recorded streams', () => {
  it('answers AskUserQuestion with -r and counts the running cost once', async () => {
    const runner = replayRunner([{ name: 'claude-question' }, { name: 'claude-question-2' }]);
    const agents = createAgentPort({ process: runner, clock: systemClock, env: {} });
    const req = request({ agent: 'claude' }, { prompt: 'Add a button file.' });
    const result = await agents.call(req);

    expect(result.outcome).toBe('ok');
    expect(runner.specs[1].args).toEqual(expect.arrayContaining(['-r', result.sessionId]));
    expect(runner.specs[1].input).toBe(DEFAULT_ANSWER_POLICY);
    expect(result.usage?.totalTokens).toBe(120);
    expect(result.costUsd).toBeCloseTo(0.00112, 8);
    expect(readRecord(req).questions?.[0].question).toContain('Which colour');
  });

  it('ends as needs_input when maxQuestions is 0', async () => {
    const runner = replayRunner([{ name: 'claude-question' }]);
    const agents = createAgentPort({ process: runner, clock: systemClock, env: {} });
    const result = await agents.call(request({ agent: 'claude', maxQuestions: 0 }));
    expect(result.outcome).toBe('needs_input');
    expect(result.error?.message).toContain('Which colour should the button be?');
    expect(runner.specs).toHaveLength(1);
  });
});
