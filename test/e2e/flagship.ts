/**
 * The shipped parallel-review-apply pipeline run the way a user runs it (`odw run`, built dist)
 * with a real agent CLI on every profile: the repository, the plan and the edits both real-agent
 * flows share, and what a user checks afterwards.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { repoFolder, runFolder } from '../../src/git/paths.js';
import { odw, type CliResult } from '../helpers/cli.js';
import { GIT_TEST_ENV, type GitDir } from '../helpers/gitdir.js';
import { cleanupAll } from './helpers.js';
import type { MockServer } from './mock/server.js';
import type { Json } from '../helpers/json.js';

export const files = {
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

const REQUEST = 'add greet and farewell';
const CHECK = 'node check.mjs';

/** Two tasks owning two different files: one changes a file, one adds one. */
export const plan = {
  summary: 'Add greet() to src/greet.js and farewell() in a new src/farewell.js.',
  tasks: [
    { id: 'greet', title: 'greet()', files: ['src/greet.js'], prompt: "Export greet(name) from src/greet.js returning 'hello, <name>'." },
    { id: 'farewell', title: 'farewell()', files: ['src/farewell.js'], prompt: "Create src/farewell.js exporting farewell(name) returning 'bye, <name>'." },
  ],
  risks: [],
};

export const GREET = '// greeting helpers\nexport function greet(name) {\n  return `hello, ${name}`;\n}\n';
export const FAREWELL = 'export function farewell(name) {\n  return `bye, ${name}`;\n}\n';

export function approval(reviewer: string) {
  return { decision: 'approve', summary: `${reviewer}: fine`, blockers: [], risks: [], verification: ['read the diff', 'the check passed'] };
}

export function finalSentence(task: string): string {
  return `I made the ${task} change.`;
}

export type Role = { role: 'plan' } | { role: 'implement'; task: string } | { role: 'review'; reviewer: string };

/** Which agent a prompt comes from, read off what odw rendered from pipelines/prompts/*.hbs. */
export function roleOf(prompt: string): Role | undefined {
  const reviewer = /You are the "([a-z-]+)" reviewer of a combined change/.exec(prompt);
  if (reviewer) return { role: 'review', reviewer: reviewer[1] };
  if (prompt.includes('You are planning a change to the repository')) return { role: 'plan' };
  const task = /Current task \(([a-z0-9-]+)\)/.exec(prompt);
  if (task) return { role: 'implement', task: task[1] };
  return undefined;
}

/** A pipeline that extends the shipped one with the same profile on all three runtimes. */
export function forkPipeline(dir: string, profile: Record<string, unknown>): string {
  const file = join(dir, 'pipeline.yml');
  const flow = JSON.stringify(profile);
  writeFileSync(
    file,
    ['extends: odw:parallel-review-apply', 'runtimes:', ...['planner', 'implementer', 'reviewer'].map((r) => `  ${r}: ${flow}`), ''].join('\n'),
  );
  return file;
}

export interface FlagshipRun {
  run: CliResult;
  record: Json;
  /** The most agent processes seen at once while the run went on. */
  seen: number;
  /** What to print when an assertion fails. */
  context: string;
}

/** `odw run <pipeline> --repo <repo> --input request=… --input check=…`, then `odw runs show latest --json`. */
export async function runFlagship(repo: GitDir, pipeline: string, agentProcesses: () => number[]): Promise<FlagshipRun> {
  const pending = odw(['run', pipeline, '--repo', repo.dir, '--input', `request=${REQUEST}`, '--input', `check=${CHECK}`], {
    cwd: repo.dir,
    env: GIT_TEST_ENV,
  });
  let done = false;
  void pending.finally(() => (done = true));
  let seen = 0;
  while (!done) {
    seen = Math.max(seen, agentProcesses().length);
    await new Promise((r) => setTimeout(r, 20));
  }
  const run = await pending;
  const show = await odw(['runs', 'show', 'latest', '--json', '--repo', repo.dir], { cwd: repo.dir });
  const record = show.code === 0 ? JSON.parse(show.stdout) : {};
  const calls = (record.calls ?? []).map((c: Json) => ({ runtime: c.runtime, meta: c.meta, outcome: c.outcome, error: c.error, finalMessage: c.finalMessage }));
  const context = `odw run exited ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}\n${JSON.stringify({ status: record.status, history: record.history, calls }, null, 2)}`;
  return { run, record, seen, context };
}

/** `plan`, `implement r1`, `review r1 approve`, …: the history as a user reads it. */
function steps(record: Json): string[] {
  return (record.history ?? [])
    .filter((h: { step: string }) => h.step !== 'loop')
    .map((h: Json) => [`${h.step}${h.round ? ` r${h.round}` : ''}`, h.decision].filter(Boolean).join(' '));
}

/** What the user finds after a successful run: the edits in the tree, uncommitted, and a clean record. */
export async function expectApplied(repo: GitDir, r: FlagshipRun, agent: 'codex' | 'claude', model: string): Promise<void> {
  expect(r.run.code, r.context).toBe(0);
  expect(await repo.read('src/greet.js')).toBe(GREET);
  expect(await repo.read('src/farewell.js')).toBe(FAREWELL);
  expect((await repo.git(['status', '--porcelain', '--untracked-files=all'])).split('\n').sort()).toEqual([' M src/greet.js', '?? src/farewell.js']);
  expect(await repo.git(['rev-list', '--count', 'HEAD'])).toBe('1');

  const { record } = r;
  expect(record.status).toBe('succeeded');
  expect(steps(record)).toEqual(['plan', 'implement r1', 'review r1 approve', 'apply', 'verify']);
  expect(record.history.find((h: { step: string }) => h.step === 'review').check).toMatchObject({ command: CHECK, ok: true });
  expect(record.history.at(-1)).toMatchObject({ step: 'verify', ok: true, check: { command: CHECK, exitCode: 0 } });

  // Five agent calls, each ok, each in its own session of the agent.
  const calls: Json[] = record.calls;
  expect(calls.map((c) => `${c.runtime}:${c.meta.task ?? c.meta.reviewer ?? ''}`).sort()).toEqual([
    'implementer:farewell',
    'implementer:greet',
    'planner:',
    'reviewer:correctness',
    'reviewer:owner-risk',
  ]);
  for (const c of calls) {
    expect(c).toMatchObject({ agent, state: 'done', outcome: 'ok', model });
    expect(c.sessionId).toMatch(/^[0-9a-f-]{36}$/);
  }
  expect(new Set(calls.map((c) => c.sessionId)).size).toBe(5);
  expect(calls.find((c) => c.runtime === 'planner')?.structured).toEqual(plan);
  expect(calls.filter((c) => c.runtime === 'reviewer').map((c) => c.structured.decision)).toEqual(['approve', 'approve']);
  expect(
    calls
      .filter((c) => c.runtime === 'implementer')
      .map((c) => c.finalMessage)
      .sort(),
  ).toEqual([finalSentence('farewell'), finalSentence('greet')]);

  // No worktree outlives the run: the run's folder went with it.
  expect(existsSync(runFolder(repo.dir, record.id))).toBe(false);
  const worktrees = (await repo.git(['worktree', 'list', '--porcelain'])).split('\n').filter((l) => l.startsWith('worktree '));
  expect(worktrees).toEqual([`worktree ${repo.dir}`]);
}

/** Mock servers and repositories a test file registers; closed and removed after each test. */
export function cleanupAfterEach(): { mocks: MockServer[]; repos: GitDir[] } {
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
  return { mocks, repos };
}
