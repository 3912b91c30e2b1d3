/**
 * The shipped parallel-review-apply pipeline, run the way a user runs it (`odw run`, built dist),
 * with every agent on the real Codex CLI talking to a scripted Responses API mock on 127.0.0.1.
 * The mock answers by what each request holds (the rendered prompt), since the implementers and
 * the reviewers run in parallel.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoFolder, runFolder } from '../../src/git/paths.js';
import { odw } from '../helpers/cli.js';
import { GIT_TEST_ENV, gitdir, type GitDir } from '../helpers/gitdir.js';
import { applyPatch, codexMockArgs, message, startCodexMock, toolOutputs, userText, type CodexReply } from './mock/codex.js';
import type { MockServer, RecordedRequest } from './mock/server.js';
import { agentBin, cleanupAll, processesMentioning, scratch } from './helpers.js';

const CODEX = agentBin('codex');
const mocks: MockServer[] = [];
const repos: GitDir[] = [];

afterEach(async () => {
  await Promise.all(mocks.splice(0).map((m) => m.close()));
  for (const r of repos.splice(0)) {
    // odw keeps one (empty) worktree folder per repository under the temp directory.
    rmSync(repoFolder(r.dir), { recursive: true, force: true });
    await r.cleanup();
  }
  cleanupAll();
});

const files = {
  'package.json': '{ "type": "module" }\n',
  'src/greet.js': '// greeting helpers\n',
  'check.mjs': [
    "import { greet } from './src/greet.js';",
    "import { farewell } from './src/farewell.js';",
    "if (greet('odw') !== 'hello, odw') { console.error('greet is wrong'); process.exit(1); }",
    "if (farewell('odw') !== 'bye, odw') { console.error('farewell is wrong'); process.exit(1); }",
    "console.log('all checks pass');",
    '',
  ].join('\n'),
};

const plan = {
  summary: 'Add greet() to src/greet.js and farewell() in a new src/farewell.js.',
  tasks: [
    { id: 'greet', title: 'greet()', files: ['src/greet.js'], prompt: "Export greet(name) from src/greet.js returning 'hello, <name>'." },
    { id: 'farewell', title: 'farewell()', files: ['src/farewell.js'], prompt: "Create src/farewell.js exporting farewell(name) returning 'bye, <name>'." },
  ],
  risks: [],
};

const GREET = "// greeting helpers\nexport function greet(name) {\n  return `hello, ${name}`;\n}\n";
const FAREWELL = 'export function farewell(name) {\n  return `bye, ${name}`;\n}\n';

/** The edit each implementer makes: an update of an existing file and a new file. */
const edits: Record<string, string> = {
  greet: [
    '*** Update File: src/greet.js',
    '@@',
    ' // greeting helpers',
    '+export function greet(name) {',
    '+  return `hello, ${name}`;',
    '+}',
  ].join('\n'),
  farewell: ['*** Add File: src/farewell.js', ...FAREWELL.replace(/\n$/, '').split('\n').map((l) => `+${l}`)].join('\n'),
};

/** Which agent a request comes from, read off the prompt odw rendered from pipelines/prompts/*.hbs. */
function who(req: RecordedRequest): { role: 'plan' } | { role: 'implement'; task: string } | { role: 'review'; reviewer: string } | undefined {
  const text = userText(req.body);
  const reviewer = /You are the "([a-z-]+)" reviewer of a combined change/.exec(text);
  if (reviewer) return { role: 'review', reviewer: reviewer[1] };
  if (text.includes('You are planning a change to the repository')) return { role: 'plan' };
  const task = /Current task \(([a-z0-9-]+)\)/.exec(text);
  if (task) return { role: 'implement', task: task[1] };
  return undefined;
}

/** The scripted conversation: plan, one edit per task then a final sentence, two approvals. */
function conversation(req: RecordedRequest): CodexReply | undefined {
  const from = who(req);
  if (!from) return undefined;
  if (from.role === 'plan') return { items: [message(JSON.stringify(plan))] };
  if (from.role === 'review') {
    return { items: [message(JSON.stringify({ decision: 'approve', summary: `${from.reviewer}: fine`, blockers: [], risks: [], verification: ['read the diff', 'the check passed'] }))] };
  }
  const edit = edits[from.task];
  if (!edit) return undefined;
  // First request of the turn: edit the file. Once the tool answered: the final sentence.
  if (toolOutputs(req.body).length === 0) return { items: [applyPatch(edit)] };
  return { items: [message(`I made the ${from.task} change.`)] };
}

/** A pipeline that extends the shipped one with its three profiles on the real codex and the mock. */
function pipeline(dir: string, mock: MockServer): string {
  const home = join(dir, 'home');
  mkdirSync(join(home, 'codex'), { recursive: true });
  const profile = JSON.stringify({
    agent: 'codex',
    bin: CODEX,
    model: 'mock-model',
    args: codexMockArgs(mock),
    env: { HOME: home, CODEX_HOME: join(home, 'codex'), ODW_MOCK_API_KEY: 'odw-mock-key-123456' },
    timeout: '3m',
  });
  const file = join(dir, 'pipeline.yml');
  writeFileSync(file, ['extends: odw:parallel-review-apply', 'runtimes:', ...['planner', 'implementer', 'reviewer'].map((r) => `  ${r}: ${profile}`), ''].join('\n'));
  return file;
}

function steps(record: Record<string, any>): string[] {
  return (record.history ?? [])
    .filter((h: { step: string }) => h.step !== 'loop')
    .map((h: Record<string, any>) => [`${h.step}${h.round ? ` r${h.round}` : ''}`, h.decision].filter(Boolean).join(' '));
}

describe('parallel-review-apply with the real codex CLI', () => {
  it('plans, implements two tasks in parallel, gets two approvals, applies and verifies', async () => {
    const mock = await startCodexMock(conversation);
    mocks.push(mock);
    const repo = await gitdir({ files });
    repos.push(repo);
    const file = pipeline(scratch('odw-e2e-flagship-'), mock);

    const pending = odw(['run', file, '--repo', repo.dir, '--input', 'request=add greet and farewell', '--input', 'check=node check.mjs'], {
      cwd: repo.dir,
      env: GIT_TEST_ENV,
    });
    // The codex processes of the run are visible while it runs (so the check at the end means something).
    let done = false;
    void pending.finally(() => (done = true));
    let seen = 0;
    while (!done) {
      seen = Math.max(seen, processesMentioning(mock.origin).length);
      await new Promise((r) => setTimeout(r, 20));
    }
    const run = await pending;
    const show = await odw(['runs', 'show', 'latest', '--json', '--repo', repo.dir], { cwd: repo.dir });
    const record = show.code === 0 ? JSON.parse(show.stdout) : {};
    const context = `odw run exited ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}\nrecord: ${JSON.stringify({ status: record.status, history: record.history, calls: record.calls?.map((c: any) => ({ runtime: c.runtime, meta: c.meta, outcome: c.outcome, error: c.error })) }, null, 2)}`;

    expect(run.code, context).toBe(0);
    // The user's tree has what the implementers wrote, applied but not committed.
    expect(await repo.read('src/greet.js')).toBe(GREET);
    expect(await repo.read('src/farewell.js')).toBe(FAREWELL);
    expect((await repo.git(['status', '--porcelain', '--untracked-files=all'])).split('\n').sort()).toEqual([' M src/greet.js', '?? src/farewell.js']);
    expect(await repo.git(['rev-list', '--count', 'HEAD'])).toBe('1');

    expect(record.status).toBe('succeeded');
    expect(steps(record)).toEqual(['plan', 'implement r1', 'review r1 approve', 'apply', 'verify']);
    const review = record.history.find((h: { step: string }) => h.step === 'review');
    expect(review.check).toMatchObject({ ok: true });
    expect(record.history.at(-1)).toMatchObject({ step: 'verify', ok: true });

    // Five codex calls, each ok, each with the thread codex started.
    const calls: any[] = record.calls;
    expect(calls.map((c) => `${c.runtime}:${c.meta.task ?? c.meta.reviewer ?? ''}`).sort()).toEqual(
      ['implementer:farewell', 'implementer:greet', 'planner:', 'reviewer:correctness', 'reviewer:owner-risk'],
    );
    for (const c of calls) {
      expect(c).toMatchObject({ agent: 'codex', state: 'done', outcome: 'ok', model: 'mock-model' });
      expect(c.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(new Set(calls.map((c) => c.sessionId)).size).toBe(5);
    expect(calls.find((c) => c.runtime === 'planner').structured).toEqual(plan);
    expect(calls.filter((c) => c.runtime === 'reviewer').map((c) => c.structured.decision)).toEqual(['approve', 'approve']);
    expect(calls.filter((c) => c.runtime === 'implementer').map((c) => c.finalMessage).sort()).toEqual(['I made the farewell change.', 'I made the greet change.']);

    // Every request reached the mock and was a model request it had a reply for: nothing else was asked.
    const requests = mock.requests;
    expect(requests.every((r) => r.method === 'POST' && r.url.startsWith('/v1/responses'))).toBe(true);
    expect(requests.every((r) => who(r) !== undefined)).toBe(true);
    // plan 1 + two implementers × (edit, final message) + two reviews
    expect(requests).toHaveLength(7);
    // The edits succeeded as tool calls: codex reported apply_patch's output back to the model.
    const afterEdit = requests.filter((r) => toolOutputs(r.body).length > 0).flatMap((r) => toolOutputs(r.body));
    expect(afterEdit).toHaveLength(2);

    // No codex process outlives the run, and no worktree: the run's folder went with it.
    expect(seen).toBeGreaterThan(0);
    expect(processesMentioning(mock.origin)).toEqual([]);
    expect(existsSync(runFolder(repo.dir, record.id))).toBe(false);
    const worktrees = (await repo.git(['worktree', 'list', '--porcelain'])).split('\n').filter((l) => l.startsWith('worktree '));
    expect(worktrees).toEqual([`worktree ${repo.dir}`]);
  });
});
