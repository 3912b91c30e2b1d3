/**
 * The shipped parallel-review-apply pipeline, run the way a user runs it (`odw run`, built dist),
 * with every agent on the real Claude Code CLI talking to a scripted Messages API mock on
 * 127.0.0.1. The mock answers by what each request holds (the rendered prompt), since the
 * implementers and the reviewers run in parallel.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitdir } from '../helpers/gitdir.js';
import { cleanupAfterEach, expectApplied, files, forkPipeline, runFlagship } from './flagship.js';
import { conversation, who } from './flagship-claude.js';
import { claudeMockEnv, startClaudeMock } from './mock/claude.js';
import { agentBin, processesWithEnv, scratch } from './helpers.js';
import type { Json } from '../helpers/json.js';

const CLAUDE = agentBin('claude');
const { mocks, repos } = cleanupAfterEach();

describe('parallel-review-apply with the real claude CLI', () => {
  it('plans, implements two tasks in parallel, gets two approvals, applies and verifies', async () => {
    const mock = await startClaudeMock(conversation);
    mocks.push(mock);
    const repo = await gitdir({ files });
    repos.push(repo);
    const dir = scratch('odw-e2e-flagship-');
    const home = join(dir, 'home');
    // claude keeps its own scratch files in $TMPDIR: a private one goes with the test.
    mkdirSync(join(dir, 'tmp'));
    const env = { ...claudeMockEnv(mock, home), TMPDIR: join(dir, 'tmp') };
    const pipeline = forkPipeline(dir, { agent: 'claude', bin: CLAUDE, model: 'claude-mock', maxTurns: 8, env, timeout: '3m' });

    // Every claude process of this run has the private HOME in its environment.
    const r = await runFlagship(repo, pipeline, () => processesWithEnv(`HOME=${home}`));
    await expectApplied(repo, r, 'claude', 'claude-mock');

    // Every model request was one the conversation had a reply for.
    const requests = mock.modelRequests();
    expect(requests.every((q) => who(q) !== undefined)).toBe(true);
    const calls: Json[] = r.record.calls;
    for (const c of calls) {
      expect(c.permissionDenials).toBeUndefined();
      expect(c.costUsd).toBeGreaterThan(0);
    }
    // The edits went through claude's own tools, in each implementer's worktree, never the user's tree.
    const edits = requests
      .flatMap((q) => (q.body.messages as Json[]).flatMap((m) => (Array.isArray(m.content) ? m.content : [])))
      .filter((b: Json) => b.type === 'tool_use' && (b.name === 'Edit' || b.name === 'Write'))
      .map((b: Json) => b.input.file_path as string);
    const edited = [...new Set(edits)].sort();
    expect(edited).toEqual([expect.stringMatching(/\/farewell\/src\/farewell\.js$/), expect.stringMatching(/\/greet\/src\/greet\.js$/)]);
    expect(edited.every((p) => !p.startsWith(repo.dir))).toBe(true);

    // No claude process outlives the run.
    expect(r.seen).toBeGreaterThan(0);
    expect(processesWithEnv(`HOME=${home}`)).toEqual([]);
  });
});
