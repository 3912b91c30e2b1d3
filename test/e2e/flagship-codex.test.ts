/**
 * The shipped parallel-review-apply pipeline, run the way a user runs it (`odw run`, built dist),
 * with every agent on the real Codex CLI talking to a scripted Responses API mock on 127.0.0.1.
 * The mock answers by what each request holds (the rendered prompt), since the implementers and
 * the reviewers run in parallel.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitdir } from '../helpers/gitdir.js';
import { cleanupAfterEach, expectApplied, files, forkPipeline, runFlagship } from './flagship.js';
import { conversation, who } from './flagship-codex.js';
import { codexMockArgs, startCodexMock, toolOutputs, userText } from './mock/codex.js';
import { agentBin, processesMentioning, scratch } from './helpers.js';

const CODEX = agentBin('codex');
const { mocks, repos } = cleanupAfterEach();

describe('parallel-review-apply with the real codex CLI', () => {
  it('plans, implements two tasks in parallel, gets two approvals, applies and verifies', async () => {
    const mock = await startCodexMock(conversation);
    mocks.push(mock);
    const repo = await gitdir({ files });
    repos.push(repo);
    const dir = scratch('odw-e2e-flagship-');
    const home = join(dir, 'home');
    mkdirSync(join(home, 'codex'), { recursive: true });
    // codex keeps its own scratch files in $TMPDIR: a private one goes with the test.
    mkdirSync(join(dir, 'tmp'));
    const pipeline = forkPipeline(dir, {
      agent: 'codex',
      bin: CODEX,
      model: 'mock-model',
      args: codexMockArgs(mock),
      env: { HOME: home, CODEX_HOME: join(home, 'codex'), TMPDIR: join(dir, 'tmp'), ODW_MOCK_API_KEY: 'odw-mock-key-123456' },
      timeout: '3m',
    });

    // codex's command line names the mock: that finds every codex process of this run.
    const r = await runFlagship(repo, pipeline, () => processesMentioning(mock.origin));
    await expectApplied(repo, r, 'codex', 'mock-model');

    // Every request was a model request the conversation had a reply for: nothing else was asked.
    const requests = mock.requests;
    expect(requests.every((q) => q.method === 'POST' && q.url.startsWith('/v1/responses') && who(q) !== undefined)).toBe(true);
    // plan + two implementers × (edit, final sentence) + two reviews
    expect(requests).toHaveLength(7);
    // The edits went through codex's shell tool, and apply_patch reported them back.
    expect(
      requests
        .flatMap((q) => toolOutputs(q.body))
        .map((o) => /Success\. Updated the following files:\n([AM] \S+)/.exec(o)?.[1])
        .sort(),
    ).toEqual(['A src/farewell.js', 'M src/greet.js']);
    // The planner and the reviewers ran read-only; each implementer could write its own worktree only.
    for (const q of requests) {
      const from = who(q)!;
      const writable = [...userText(q.body).matchAll(/<entry access="write"><path>([^<]+)<\/path>/g)].map((m) => m[1]);
      if (from.role === 'implement') {
        expect(writable).toHaveLength(1);
        expect(writable[0].endsWith(`/${from.task}`)).toBe(true);
        expect(writable[0].startsWith(repo.dir)).toBe(false);
      } else expect(writable).toEqual([]);
    }
    expect(requests.map((q) => q.headers.authorization)).toEqual(requests.map(() => 'Bearer odw-mock-key-123456'));

    // No codex process outlives the run.
    expect(r.seen).toBeGreaterThan(0);
    expect(processesMentioning(mock.origin)).toEqual([]);
  });
});
