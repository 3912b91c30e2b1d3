import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/adapters/clock.js';
import { codexLaunch } from '../../src/agents/codex/adapter.js';
import { CodexEvents } from '../../src/agents/codex/events.js';
import { createAgentPort, DEFAULT_ANSWER_POLICY } from '../../src/agents/index.js';
import type { CallContext, Invocation } from '../../src/agents/types.js';
import { readRecord, request } from './helpers.js';
import { exited, recorded, replayRunner } from './replay.js';

function parse(name: string, exitCode = 0) {
  const parser = new CodexEvents('codex');
  for (const line of recorded(name)) parser.onLine(line);
  return parser.finish(exited(exitCode));
}

describe('codex event stream (recorded from codex-cli 0.171.0)', () => {
  it('reads the thread id, file changes, final message and usage of a turn', () => {
    const turn = parse('codex-edit');
    expect(turn).toMatchObject({ ok: true, finalMessage: 'I created hello.txt. All done.', fileChanges: 1 });
    expect(turn.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(turn.usage).toEqual({ inputTokens: 40, outputTokens: 20, totalTokens: 60 });
  });

  it('treats turn.failed as the failure, with its message', () => {
    const turn = parse('codex-http500', 1);
    expect(turn.ok).toBe(false);
    expect(turn.error).toEqual({ category: 'agent_error', message: expect.stringContaining('high demand') });
  });

  it('does not treat an error item (unknown model metadata) as fatal', () => {
    expect(recorded('codex-schema').some((l) => l.includes('"type":"error"'))).toBe(true);
    expect(parse('codex-schema').ok).toBe(true);
  });

  it('reports an exit without events as an exit failure with the stderr tail', () => {
    const parser = new CodexEvents('/opt/codex');
    parser.onLine('not json');
    const turn = parser.finish(exited(1, 'Error: CODEX_HOME points to a folder that does not exist\n'));
    expect(turn.error).toEqual({ category: 'exit_code', message: 'codex exited with code 1: Error: CODEX_HOME points to a folder that does not exist' });
  });

  it('reads a stream that was cut off (the agent was stopped mid-turn)', () => {
    const turn = parse('codex-hang');
    expect(turn.finalMessage).toBe('');
    expect(turn.sessionId).toBeDefined();
  });
});

describe('codex command line', () => {
  const ctx = (profile: object, extra: Partial<CallContext> = {}): CallContext => ({
    request: request({ agent: 'codex', ...profile }),
    env: {},
    ...extra,
  });
  const inv: Invocation = { n: 1, kind: 'start', prompt: 'p', promptFile: '/x/prompt.md' };

  it('maps the profile to exec options, with the prompt on stdin', () => {
    const c = ctx({ model: 'gpt-x', effort: 'high', permission: 'full-access', args: ['-c', 'foo=1'] });
    const spec = codexLaunch(c, inv, {});
    expect(spec.command).toBe('codex');
    expect(spec.args).toEqual([
      'exec',
      '--json',
      '--skip-git-repo-check',
      '-C',
      c.request.cwd,
      '-s',
      'danger-full-access',
      '-m',
      'gpt-x',
      '-c',
      'model_reasoning_effort="high"',
      '-c',
      'approval_policy="never"',
      '-c',
      'foo=1',
      '-',
    ]);
  });

  it('resumes a thread, and honours bin and ODW_CODEX_BIN', () => {
    const spec = codexLaunch(ctx({ permission: 'read-only' }), { ...inv, resume: 'thread-1' }, { ODW_CODEX_BIN: '/opt/codex' });
    expect(spec.command).toBe('/opt/codex');
    expect(spec.args.slice(-3)).toEqual(['resume', 'thread-1', '-']);
    expect(spec.args).toContain('read-only');
    expect(codexLaunch(ctx({ bin: '/my/codex' }), inv, { ODW_CODEX_BIN: '/opt/codex' }).command).toBe('/my/codex');
  });

  it('passes --output-schema only for schemas a strict model API accepts', () => {
    const strict = { type: 'object', additionalProperties: false, required: ['a'], properties: { a: { type: 'string' } } };
    const c = ctx({}, { schemaFile: '/calls/c1/schema.json' });
    c.request.schema = strict;
    expect(codexLaunch(c, inv, {}).args).toContain('--output-schema');
    c.request.schema = { type: 'object', properties: { a: { type: 'string' } } };
    expect(codexLaunch(c, inv, {}).args).not.toContain('--output-schema');
  });
});

describe('codex call loop over recorded streams', () => {
  it('answers a question by resuming the thread and counts usage once', async () => {
    const runner = replayRunner([{ name: 'codex-question' }, { name: 'codex-question-2' }]);
    const agents = createAgentPort({ process: runner, clock: systemClock, env: {} });
    const req = request({ agent: 'codex', model: 'm' }, { prompt: 'Add a button file.' });
    const result = await agents.call(req);

    expect(result.outcome).toBe('ok');
    expect(result.finalMessage).toBe('The button is blue now.');
    const thread = result.sessionId!;
    expect(runner.specs[0].input).toContain('Add a button file.');
    expect(runner.specs[1].args!.slice(-3)).toEqual(['resume', thread, '-']);
    expect(runner.specs[1].input).toBe(DEFAULT_ANSWER_POLICY);
    expect(runner.specs[1].env?.ODW_ANSWER).toBe(DEFAULT_ANSWER_POLICY);
    // 60 tokens in the first turn; the resumed turn reports 120 for the whole thread.
    expect(result.usage?.totalTokens).toBe(120);
    expect(readRecord(req).questions).toEqual([{ question: 'Which colour should the button be?', answer: DEFAULT_ANSWER_POLICY }]);
  });

  it('retries a schema mismatch in the same thread', async () => {
    const runner = replayRunner([{ name: 'codex-schema-retry' }, { name: 'codex-schema-retry-2' }]);
    const agents = createAgentPort({ process: runner, clock: systemClock, env: {} });
    const schema = { type: 'object', required: ['decision'], properties: { decision: { enum: ['approve', 'reject'] } } };
    const req = request({ agent: 'codex' }, { schema });
    const result = await agents.call(req);
    expect(result).toMatchObject({ outcome: 'ok', structured: { decision: 'reject', notes: 'fixed' } });
    expect(runner.specs[1].input).toContain('/decision must be equal to one of the allowed values');
    expect(runner.specs[1].args).toContain('resume');
  });
});
