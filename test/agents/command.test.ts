import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processAlive } from '../helpers/process.js';
import { fixtureProfile, invocations, port, readRecord, request, REVIEW_SCHEMA } from './helpers.js';

describe('command runtime', () => {
  it('runs the command in the workspace with the prompt on stdin and in ODW_PROMPT_FILE', async () => {
    const req = request(fixtureProfile('ok'));
    const result = await port().call(req);
    expect(result.outcome).toBe('ok');
    expect(result.finalMessage).toContain('finished the task');
    expect(readFileSync(join(req.cwd, 'done.txt'), 'utf8')).toBe('done\n');
    const [seen] = invocations(req);
    expect(seen.cwd).toBe(req.cwd);
    expect(seen.prompt).toBe('Do the task.');
    expect(seen.promptFile).toBe('Do the task.');
    expect(seen.env).toMatchObject({
      ODW_RUN_ID: 'run-1',
      ODW_STAGE: 'review',
      ODW_STAGE_KIND: 'review',
      ODW_ROUND: '1',
      ODW_REVIEWER: 'r1',
      ODW_ATTEMPT: '1',
    });
    expect(seen.env.ODW_TASK_ID).toBeUndefined();
    expect(seen.env.ODW_SCHEMA_FILE).toBeUndefined();
    expect(seen.env.ODW_ANSWER).toBeUndefined();

    const record = readRecord(req);
    expect(record).toMatchObject({ id: 'c1', runtime: 'test', agent: 'command', state: 'done', outcome: 'ok', attempts: 1 });
    expect(record.durationMs).toBeGreaterThanOrEqual(0);
    expect(record.invocations).toMatchObject([{ kind: 'start', promptFile: 'prompt.md', resumed: false, exitCode: 0 }]);
    expect(readFileSync(join(req.callDir, 'prompt.md'), 'utf8')).toBe('Do the task.');
    expect(readFileSync(join(req.callDir, 'output.log'), 'utf8')).toContain('finished the task');
    // No temp files are left behind by the atomic writes.
    expect(readdirSync(req.callDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reports a non-zero exit as failed with the tail of stderr', async () => {
    const req = request(fixtureProfile('fail'));
    const result = await port().call(req);
    expect(result.outcome).toBe('failed');
    expect(result.error?.category).toBe('exit_code');
    expect(result.error?.message).toMatch(/exited with code 1: step 1 ok\nboom: the widget is broken$/);
    expect(readRecord(req).error).toEqual(result.error);
    expect(readFileSync(join(req.callDir, 'output.log'), 'utf8')).toContain('boom: the widget is broken');
  });

  it('reports a missing executable as spawn_failed', async () => {
    const req = request({ agent: 'command', command: ['/nonexistent/agent'] });
    const result = await port().call(req);
    expect(result).toMatchObject({ outcome: 'failed', error: { category: 'spawn_failed' } });
    expect(result.error?.message).toContain('/nonexistent/agent');
  });

  it('kills the whole process group when the time limit passes, grandchildren included', async () => {
    const root = request(fixtureProfile('hang')).cwd;
    const pidFile = join(root, 'grandchild.pid');
    const req = request(fixtureProfile('hang', { env: { PID_FILE: pidFile } }), { timeoutMs: 1500 });
    const started = Date.now();
    const result = await port().call(req);
    expect(result.outcome).toBe('timed_out');
    expect(result.error).toMatchObject({ category: 'timed_out' });
    expect(result.error?.message).toContain('1500ms');
    expect(Date.now() - started).toBeLessThan(10_000);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(pid).toBeGreaterThan(0);
    await waitFor(() => !processAlive(pid));
    expect(processAlive(pid)).toBe(false);
    expect(readRecord(req)).toMatchObject({ state: 'done', outcome: 'timed_out' });
  });

  it('takes the time limit from the profile as a duration', async () => {
    const pidFile = join(request(fixtureProfile('hang')).cwd, 'pid');
    const req = request(fixtureProfile('hang', { timeout: '1s', env: { PID_FILE: pidFile } }));
    const result = await port().call(req);
    expect(result.outcome).toBe('timed_out');
    expect(result.error?.message).toContain('1s');
    await waitFor(() => !processAlive(Number(readFileSync(pidFile, 'utf8'))));
  });

  it('stops the agent and its children when the signal aborts', async () => {
    const pidFile = join(request(fixtureProfile('hang')).cwd, 'pid');
    const controller = new AbortController();
    const req = request(fixtureProfile('hang', { env: { PID_FILE: pidFile } }), { signal: controller.signal });
    const pending = port().call(req);
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').length > 0);
    controller.abort();
    const result = await pending;
    expect(result.outcome).toBe('cancelled');
    await waitFor(() => !processAlive(Number(readFileSync(pidFile, 'utf8'))));
    expect(processAlive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
  });

  it('returns cancelled without starting anything when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const req = request(fixtureProfile('ok'), { signal: controller.signal });
    const result = await port().call(req);
    expect(result.outcome).toBe('cancelled');
    expect(existsSync(join(req.cwd, '.invocations'))).toBe(false);
  });

  it('writes a provisional call.json before the agent finishes', async () => {
    const req = request(fixtureProfile('wait'));
    const pending = port().call(req);
    await waitFor(() => existsSync(join(req.cwd, '.invocations')));
    const during = readRecord(req);
    expect(['starting', 'running']).toContain(during.state);
    expect(during.outcome).toBeUndefined();
    expect(during.startedAt).toBeGreaterThan(0);
    writeFileSync(join(req.cwd, 'go'), '');
    const result = await pending;
    expect(result.outcome).toBe('ok');
    expect(readRecord(req).state).toBe('done');
  });
});

describe('command runtime: structured answers', () => {
  it('fails with schema_mismatch after two attempts of garbage, naming the first error', async () => {
    const req = request(fixtureProfile('garbage'), { schema: REVIEW_SCHEMA });
    const result = await port().call(req);
    expect(result.outcome).toBe('failed');
    expect(result.error?.category).toBe('schema_mismatch');
    expect(result.error?.message).toBe('the answer does not match the schema after 2 attempts: (root) no JSON object found in the answer');
    expect(invocations(req)).toHaveLength(2);
    expect(readRecord(req)).toMatchObject({ attempts: 2, outcome: 'failed' });
    expect(existsSync(join(req.callDir, 'schema.json'))).toBe(true);
    expect(existsSync(join(req.callDir, 'prompt-2.md'))).toBe(true);
  });

  it('names the failing field, and accepts a valid answer on the second attempt', async () => {
    const req = request(fixtureProfile('invalid-then-valid'), { schema: REVIEW_SCHEMA });
    const result = await port().call(req);
    expect(result.outcome).toBe('ok');
    expect(result.structured).toEqual({ decision: 'approve' });
    const [first, second] = invocations(req);
    expect(first.env.ODW_SCHEMA_FILE).toBe(join(req.callDir, 'schema.json'));
    expect(first.env.ODW_OUTPUT_FILE).toBe(join(req.callDir, 'answer.json'));
    expect(second.prompt.startsWith('Do the task.')).toBe(true);
    expect(second.prompt).toContain('/decision must be equal to one of the allowed values ("approve", "reject")');
    expect(readFileSync(join(req.callDir, 'prompt-2.md'), 'utf8')).toBe(second.prompt);
    expect(readRecord(req)).toMatchObject({ attempts: 2, outcome: 'ok', structured: { decision: 'approve' } });
  });

  it('fails naming the field when every attempt is invalid', async () => {
    const req = request(fixtureProfile('invalid-then-valid', { schemaAttempts: 1 }), { schema: REVIEW_SCHEMA });
    const result = await port().call(req);
    expect(result.error).toEqual({
      category: 'schema_mismatch',
      message: 'the answer does not match the schema after 1 attempt: /decision must be equal to one of the allowed values',
    });
  });

  it('takes the last JSON object on stdout when there is no output file', async () => {
    const req = request(fixtureProfile('stdout-json'), { schema: REVIEW_SCHEMA });
    const result = await port().call(req);
    expect(result.outcome).toBe('ok');
    expect(result.structured).toEqual({ decision: 'approve', summary: 'fenced' });
  });

  it('refuses a schema that does not compile without starting the agent', async () => {
    const req = request(fixtureProfile('ok'), { schema: { type: 'nonsense' } });
    const result = await port().call(req);
    expect(result.error?.category).toBe('schema_invalid');
    expect(existsSync(join(req.cwd, '.invocations'))).toBe(false);
  });
});

describe('command runtime: questions', () => {
  it('answers a question by invoking again in the same workspace with ODW_ANSWER', async () => {
    const req = request(fixtureProfile('question'), { schema: REVIEW_SCHEMA });
    const result = await port({ answerPolicy: 'Use blue.' }).call(req);
    expect(result.outcome).toBe('ok');
    expect(result.structured).toEqual({ decision: 'approve' });
    const [first, second] = invocations(req);
    expect(first.env.ODW_ANSWER).toBeUndefined();
    expect(second.env.ODW_ANSWER).toBe('Use blue.');
    expect(second.cwd).toBe(first.cwd);
    expect(second.prompt).toContain('Do the task.');
    expect(second.prompt).toContain('Which colour should the button be?');
    expect(second.prompt).toContain('Use blue.');
    expect(readFileSync(join(req.cwd, 'answer.txt'), 'utf8')).toBe(`Use blue.\n${req.cwd}\n`);
    const record = readRecord(req);
    expect(record.questions).toEqual([{ question: 'Which colour should the button be?', answer: 'Use blue.' }]);
    expect(record.invocations?.map((i) => i.kind)).toEqual(['start', 'answer']);
  });

  it('ends as needs_input when the agent keeps asking past maxQuestions', async () => {
    const req = request(fixtureProfile('always-question', { maxQuestions: 2 }));
    const result = await port().call(req);
    expect(result.outcome).toBe('needs_input');
    expect(result.error?.category).toBe('needs_input');
    expect(result.error?.message).toContain('Question number 3?');
    expect(invocations(req)).toHaveLength(3);
    expect(readRecord(req).questions).toHaveLength(2);
    expect(readRecord(req).questions?.[0].answer).toContain('Proceed with reasonable defaults');
  });

  it('with maxQuestions 0 the first question ends the call', async () => {
    const req = request(fixtureProfile('always-question', { maxQuestions: 0 }));
    expect((await port().call(req)).outcome).toBe('needs_input');
    expect(invocations(req)).toHaveLength(1);
  });
});

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
}
