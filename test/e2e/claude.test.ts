/**
 * The real Claude Code CLI (pinned by scripts/install-agents.sh) against a scripted Messages API
 * mock on 127.0.0.1. Nothing else is contacted: the CLI gets a private HOME and telemetry is off.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_POLICY } from '../../src/agents/index.js';
import type { RuntimeProfile } from '../../src/ports/agents.js';
import { claudeMockEnv, startClaudeMock, text, toolUse } from './mock/claude.js';
import type { MockServer } from './mock/server.js';
import { agentBin, agents, cleanupAll, processesIn, record, request, scratch, waitUntil, worktree } from './helpers.js';
import type { Json } from '../helpers/json.js';

const CLAUDE = agentBin('claude');
const mocks: MockServer[] = [];

afterEach(async () => {
  await Promise.all(mocks.splice(0).map((m) => m.close()));
  cleanupAll();
});

/** A list of replies, in order. */
type Script = Extract<Parameters<typeof startClaudeMock>[0], unknown[]>;

/** A worktree, and a mock playing `script` (written knowing the worktree's path). */
async function setup(script: Script | ((dir: string) => Script), extra: Partial<RuntimeProfile> = {}) {
  const wt = await worktree();
  const mock = await startClaudeMock(typeof script === 'function' ? script(wt.dir) : script);
  mocks.push(mock);
  const profile: RuntimeProfile = {
    agent: 'claude',
    bin: CLAUDE,
    model: 'claude-mock',
    permission: 'workspace-write',
    maxTurns: 8,
    env: claudeMockEnv(mock, scratch('odw-e2e-home-')),
    ...extra,
  };
  return { mock, profile, wt };
}

function messagesText(body: Json): string {
  return JSON.stringify(body.messages ?? []);
}

describe('claude, real binary', () => {
  it('edits a file in a git worktree through a tool call, then answers', async () => {
    const { mock, profile, wt } = await setup((dir) => [
      { blocks: [text('Creating the file.'), toolUse('Write', { file_path: join(dir, 'hello.txt'), content: 'hello from odw\n' })] },
      { blocks: [text('I created hello.txt. All done.')] },
    ]);
    const req = request(profile, wt.dir);
    const result = await agents('claude-edit').call(req);

    expect(result.error).toBeUndefined();
    expect(result.outcome).toBe('ok');
    expect(result.finalMessage).toBe('I created hello.txt. All done.');
    expect(readFileSync(join(wt.dir, 'hello.txt'), 'utf8')).toBe('hello from odw\n');
    expect(result.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.usage).toEqual({ inputTokens: 40, outputTokens: 20, totalTokens: 60 });
    expect(result.costUsd).toBeGreaterThan(0);
    expect(result.permissionDenials).toBeUndefined();

    const rec = record(req);
    expect(rec).toMatchObject({ state: 'done', outcome: 'ok', sessionId: result.sessionId, agent: 'claude' });
    const [first] = mock.modelRequests();
    expect(first.headers['x-api-key']).toBe('sk-ant-odw-test-key-0000');
    expect(messagesText(first.body)).toContain('Create hello.txt');
    expect(JSON.stringify(first.body)).toContain(wt.dir);
    const stored = readFileSync(join(req.callDir, 'call.json'), 'utf8') + readFileSync(join(req.callDir, 'output.log'), 'utf8');
    expect(stored).not.toContain('sk-ant-odw-test-key-0000');
  });

  it('returns a schema-constrained JSON answer as structured', async () => {
    const schema = {
      type: 'object',
      required: ['decision', 'summary'],
      properties: { decision: { enum: ['approve', 'reject'] }, summary: { type: 'string' } },
    };
    const { mock, profile, wt } = await setup([{ blocks: [toolUse('StructuredOutput', { decision: 'approve', summary: 'looks right' })] }], {
      permission: 'read-only',
    });
    const req = request(profile, wt.dir, { prompt: 'Review the change.', schema });
    const result = await agents('claude-schema').call(req);

    expect(result.outcome).toBe('ok');
    expect(result.structured).toEqual({ decision: 'approve', summary: 'looks right' });
    // --json-schema became a StructuredOutput tool with the schema as its input schema.
    const tool = mock.modelRequests()[0].body.tools.find((t: Json) => t.name === 'StructuredOutput');
    expect(tool?.input_schema).toEqual(schema);
    expect(record(req).structured).toEqual(result.structured);
  });

  it('reports an HTTP 500 from the model as failed, with the message recorded', async () => {
    const { profile, wt } = await setup([{ status: 500, message: 'mock internal failure' }]);
    const req = request(profile, wt.dir);
    const result = await agents('claude-http500').call(req);

    expect(result.outcome).toBe('failed');
    expect(result.error?.category).toBe('agent_error');
    expect(result.error?.message).toContain('500 mock internal failure');
    expect(record(req).error).toEqual(result.error);
  });

  it('answers an AskUserQuestion by resuming the session, then finishes', async () => {
    const question = 'Which colour should the button be?';
    const { mock, profile, wt } = await setup((dir) => [
      {
        blocks: [
          toolUse('AskUserQuestion', {
            questions: [
              {
                question,
                header: 'Colour',
                multiSelect: false,
                options: [
                  { label: 'Blue', description: 'calm' },
                  { label: 'Red', description: 'loud' },
                ],
              },
            ],
          }),
        ],
      },
      { blocks: [text(question)] },
      { blocks: [toolUse('Write', { file_path: join(dir, 'button.txt'), content: 'blue\n' })] },
      { blocks: [text('The button is blue now.')] },
    ]);
    const req = request(profile, wt.dir, { prompt: 'Add a button file.' });
    const result = await agents('claude-question').call(req);

    expect(result.outcome).toBe('ok');
    expect(result.finalMessage).toBe('The button is blue now.');
    expect(readFileSync(join(wt.dir, 'button.txt'), 'utf8')).toBe('blue\n');
    const rec = record(req);
    expect(rec.questions).toEqual([{ question: `${question} (options: Blue, Red)`, answer: DEFAULT_ANSWER_POLICY }]);
    expect(rec.invocations?.map((i) => [i.kind, i.resumed])).toEqual([
      ['start', false],
      ['answer', true],
    ]);
    expect(rec.sessionId).toBe(result.sessionId);
    const requests = mock.modelRequests();
    // Claude Code disables the tool when run with -p; the model then asks in text.
    expect(messagesText(requests[1].body)).toContain('AskUserQuestion is disabled');
    expect(messagesText(requests[2].body)).toContain(DEFAULT_ANSWER_POLICY);
    expect(messagesText(requests[2].body)).toContain('AskUserQuestion');
    // One request per script step, 30 tokens each. claude reports the session's running cost on
    // resume (0.00056, then 0.00112 at this mock's prices); odw counts it once.
    expect(result.usage?.totalTokens).toBe(120);
    expect(result.costUsd).toBeCloseTo(0.00112, 8);
  });

  it('reports tools its permission mode refused (read-only) without failing the call', async () => {
    const { mock, profile, wt } = await setup(
      (dir) => [
        { blocks: [toolUse('Read', { file_path: join(dir, 'README.md') })] },
        { blocks: [toolUse('Write', { file_path: join(dir, 'denied.txt'), content: 'x\n' })] },
        { blocks: [text('I was not allowed to write the file.')] },
      ],
      { permission: 'read-only' },
    );
    const req = request(profile, wt.dir);
    const result = await agents('claude-denied').call(req);

    expect(result.outcome).toBe('ok');
    // Reading is allowed in read-only (dontAsk): the file's content went back to the model.
    expect(messagesText(mock.modelRequests()[1].body)).toContain('# sample');
    expect(existsSync(join(wt.dir, 'denied.txt'))).toBe(false);
    expect(result.permissionDenials).toEqual([{ tool: 'Write', input: { file_path: join(wt.dir, 'denied.txt'), content: 'x\n' } }]);
    expect(record(req).permissionDenials).toEqual(result.permissionDenials);
  });

  it('stops claude and everything it started when the time limit passes', async () => {
    const { profile, wt } = await setup([{ hang: true }]);
    const req = request(profile, wt.dir, { timeoutMs: 4000 });
    const pending = agents('claude-hang').call(req);
    // Claude runs in the workspace: count the processes whose working directory is the worktree.
    expect(await waitUntil(() => processesIn(wt.dir).length > 0)).toBe(true);
    const result = await pending;
    expect(result.outcome).toBe('timed_out');
    expect(await waitUntil(() => processesIn(wt.dir).length === 0, 5000)).toBe(true);
  });
});
