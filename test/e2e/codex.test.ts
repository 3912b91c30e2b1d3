/**
 * The real Codex CLI (pinned by scripts/install-agents.sh) against a scripted Responses API mock
 * on 127.0.0.1. Nothing else is contacted: the CLI gets a private HOME and CODEX_HOME.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_POLICY } from '../../src/agents/index.js';
import type { RuntimeProfile } from '../../src/ports/agents.js';
import { applyPatchAdd, codexMockArgs, functionCall, message, startCodexMock } from './mock/codex.js';
import type { MockServer } from './mock/server.js';
import { agentBin, agents, cleanupAll, processesMentioning, record, request, scratchOutsideTmp, waitUntil, worktree } from './helpers.js';
import type { Json } from '../helpers/json.js';

const CODEX = agentBin('codex');
const mocks: MockServer[] = [];

afterEach(async () => {
  await Promise.all(mocks.splice(0).map((m) => m.close()));
  cleanupAll();
});

async function setup(script: Parameters<typeof startCodexMock>[0], extra: Partial<RuntimeProfile> = {}) {
  const mock = await startCodexMock(script);
  mocks.push(mock);
  const home = scratchOutsideTmp('odw-e2e-home-');
  mkdirSync(join(home, 'codex'));
  const profile: RuntimeProfile = {
    agent: 'codex',
    bin: CODEX,
    model: 'mock-model',
    effort: 'low',
    permission: 'workspace-write',
    args: codexMockArgs(mock),
    env: { HOME: home, CODEX_HOME: join(home, 'codex'), ODW_MOCK_API_KEY: 'odw-mock-key-123456' },
    ...extra,
  };
  const wt = await worktree();
  return { mock, profile, wt };
}

/** The text of every input item of a Responses request, joined. */
function inputText(body: Json): string {
  return JSON.stringify(body.input ?? []);
}

describe('codex, real binary', () => {
  it('edits a file in a git worktree through a tool call, then answers', async () => {
    const { mock, profile, wt } = await setup([
      { items: [applyPatchAdd('hello.txt', 'hello from odw')] },
      { items: [message('I created hello.txt. All done.')] },
    ]);
    const req = request(profile, wt.dir);
    const result = await agents('codex-edit').call(req);

    expect(result.error).toBeUndefined();
    expect(result.outcome).toBe('ok');
    expect(result.finalMessage).toBe('I created hello.txt. All done.');
    expect(readFileSync(join(wt.dir, 'hello.txt'), 'utf8')).toBe('hello from odw\n');
    expect(result.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.usage).toEqual({ inputTokens: 40, outputTokens: 20, totalTokens: 60 });

    const rec = record(req);
    expect(rec).toMatchObject({ state: 'done', outcome: 'ok', sessionId: result.sessionId, agent: 'codex', model: 'mock-model' });
    const [first] = mock.modelRequests();
    expect(first.headers.authorization).toBe('Bearer odw-mock-key-123456');
    expect(first.body.model).toBe('mock-model');
    expect(inputText(first.body)).toContain('Create hello.txt');
    expect(inputText(first.body)).toContain(wt.dir);
    // The key never reaches the record or the log.
    const stored = readFileSync(join(req.callDir, 'call.json'), 'utf8') + readFileSync(join(req.callDir, 'output.log'), 'utf8');
    expect(stored).not.toContain('odw-mock-key-123456');
  });

  it('returns a schema-constrained JSON answer as structured', async () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      required: ['decision', 'summary'],
      properties: { decision: { enum: ['approve', 'reject'] }, summary: { type: 'string' } },
    };
    const { mock, profile, wt } = await setup([{ items: [message('{"decision":"approve","summary":"looks right"}')] }], { permission: 'read-only' });
    const req = request(profile, wt.dir, { prompt: 'Review the change.', schema });
    const result = await agents('codex-schema').call(req);

    expect(result.outcome).toBe('ok');
    expect(result.structured).toEqual({ decision: 'approve', summary: 'looks right' });
    // --output-schema reached the model as a strict json_schema format.
    const format = mock.modelRequests()[0].body.text?.format;
    expect(format).toMatchObject({ type: 'json_schema', strict: true, schema });
    expect(record(req).structured).toEqual(result.structured);
  });

  it('retries a mismatching answer by resuming the thread with the validation errors', async () => {
    const schema = { type: 'object', required: ['decision'], properties: { decision: { enum: ['approve', 'reject'] }, notes: { type: 'string' } } };
    const { mock, profile, wt } = await setup([
      { items: [message('{"decision":"maybe"}')] },
      { items: [message('```json\n{"decision":"reject","notes":"fixed"}\n```')] },
    ]);
    const req = request(profile, wt.dir, { prompt: 'Review the change.', schema });
    const result = await agents('codex-schema-retry').call(req);

    expect(result.outcome).toBe('ok');
    expect(result.structured).toEqual({ decision: 'reject', notes: 'fixed' });
    const rec = record(req);
    expect(rec.attempts).toBe(2);
    expect(rec.invocations?.map((i) => [i.kind, i.resumed])).toEqual([
      ['start', false],
      ['retry', true],
    ]);
    const second = mock.modelRequests()[1];
    expect(inputText(second.body)).toContain('/decision must be equal to one of the allowed values');
    // Not strict-compatible (optional `notes`): odw validates it itself, without --output-schema.
    expect(second.body.text?.format).toBeUndefined();
  });

  it('reports an HTTP 500 from the model as failed, with the message recorded', async () => {
    const { profile, wt } = await setup([{ status: 500, message: 'mock internal failure' }]);
    const req = request(profile, wt.dir);
    const result = await agents('codex-http500').call(req);

    expect(result.outcome).toBe('failed');
    expect(result.error?.category).toBe('agent_error');
    expect(result.error?.message.length).toBeGreaterThan(0);
    expect(record(req).error).toEqual(result.error);
  });

  it('answers a question by resuming the thread, then finishes', async () => {
    const question = 'Which colour should the button be?';
    const { mock, profile, wt } = await setup([
      {
        items: [
          functionCall('request_user_input', {
            questions: [
              {
                id: 'colour',
                header: 'Colour',
                question,
                options: [
                  { label: 'Blue (Recommended)', description: 'calm' },
                  { label: 'Red', description: 'loud' },
                ],
              },
            ],
          }),
        ],
      },
      { items: [message(question)] },
      { items: [applyPatchAdd('button.txt', 'blue')] },
      { items: [message('The button is blue now.')] },
    ]);
    const req = request(profile, wt.dir, { prompt: 'Add a button file.' });
    const result = await agents('codex-question').call(req);

    expect(result.outcome).toBe('ok');
    expect(result.finalMessage).toBe('The button is blue now.');
    expect(readFileSync(join(wt.dir, 'button.txt'), 'utf8')).toBe('blue\n');
    const rec = record(req);
    expect(rec.questions).toEqual([{ question, answer: DEFAULT_ANSWER_POLICY }]);
    expect(rec.invocations?.map((i) => [i.kind, i.resumed])).toEqual([
      ['start', false],
      ['answer', true],
    ]);
    expect(rec.sessionId).toBe(result.sessionId);
    const requests = mock.modelRequests();
    // codex exec does not offer its question tool unattended; the model is told so and asks in text.
    expect(inputText(requests[1].body)).toContain('request_user_input is unavailable');
    expect(inputText(requests[2].body)).toContain(DEFAULT_ANSWER_POLICY);
    expect(requests[2].body.prompt_cache_key).toBe(result.sessionId);
    // Four model requests of 30 tokens each, although codex reports running totals on resume.
    expect(result.usage?.totalTokens).toBe(120);
  });

  it('stops codex and everything it started when the time limit passes', async () => {
    const { profile, wt } = await setup([{ hang: true }]);
    const req = request(profile, wt.dir, { timeoutMs: 4000 });
    const pending = agents('codex-hang').call(req);
    expect(await waitUntil(() => processesMentioning(wt.dir).length > 0)).toBe(true);
    const result = await pending;
    expect(result.outcome).toBe('timed_out');
    expect(await waitUntil(() => processesMentioning(wt.dir).length === 0, 5000)).toBe(true);
    expect(existsSync(join(req.callDir, 'output.log'))).toBe(true);
  });
});
