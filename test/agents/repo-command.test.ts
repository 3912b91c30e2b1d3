/**
 * The shipped pipeline with every runtime on `command: [./agents/record-env.mjs]`: a script that
 * is not committed, at the repository's root, while the pipeline file lives elsewhere. odw runs
 * it from the repository for every call (planner, task and review workspaces, repair), and each
 * call's environment is the documented contract (docs/runtimes.md), round numbers included. A
 * relative command that is not there stops the run before anything runs.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { odw, type CliResult } from '../helpers/cli.js';
import { steps } from '../helpers/flagship.js';
import { GIT_TEST_ENV, gitdir, type GitDir } from '../helpers/gitdir.js';
import { files, inputs, rejectThenApprove } from '../report/scenario.js';
import type { Json } from '../helpers/json.js';

const SCRIPTED = fileURLToPath(new URL('../fixtures/agents/scripted.mjs', import.meta.url));

/** Logs its cwd and every ODW_* variable to $ODW_ENV_LOG, then plays the scripted agent. */
const RECORDER = [
  '#!/usr/bin/env node',
  "import { appendFileSync } from 'node:fs';",
  "const odw = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('ODW_') && !['ODW_SCENARIO', 'ODW_SCENARIO_LOG', 'ODW_ENV_LOG', 'ODW_USER_REPO', 'ODW_PROCESS_TOKEN'].includes(k)));",
  "appendFileSync(process.env.ODW_ENV_LOG, JSON.stringify({ cwd: process.cwd(), env: odw }) + '\\n');",
  `await import(${JSON.stringify(SCRIPTED)});`,
  '',
].join('\n');

function pipeline(dir: string, command: string): string {
  const file = join(dir, 'pipelines', 'flow.yml');
  mkdirSync(join(dir, 'pipelines'), { recursive: true });
  const runtimes = ['planner', 'implementer', 'reviewer'].map((r) => `  ${r}: { agent: command, command: [${command}], timeout: 60s }`);
  writeFileSync(
    file,
    ['extends: odw:parallel-review-apply', 'runtimes:', ...runtimes, 'workspace:', `  root: ${JSON.stringify(join(dir, 'worktrees'))}`, ''].join('\n'),
  );
  return file;
}

async function run(repo: GitDir, dir: string, command: string): Promise<CliResult> {
  const scenario = join(dir, 'scenario.json');
  writeFileSync(scenario, JSON.stringify(rejectThenApprove));
  const args = ['run', pipeline(dir, command), '--repo', repo.dir, ...Object.entries(inputs).flatMap(([k, v]) => ['--input', `${k}=${v}`])];
  const env = {
    ...GIT_TEST_ENV,
    ODW_SCENARIO: scenario,
    ODW_SCENARIO_LOG: join(dir, 'calls.jsonl'),
    ODW_USER_REPO: repo.dir,
    ODW_ENV_LOG: join(dir, 'env.jsonl'),
  };
  return odw(args, { cwd: dir, env });
}

interface Seen {
  cwd: string;
  env: Record<string, string>;
}

describe('a relative command runs from the repository, with the documented ODW_* environment', () => {
  let repo: GitDir;
  let dir: string;
  let result: CliResult;
  let seen: Seen[];
  let record: Json;

  beforeAll(async () => {
    repo = await gitdir({ files });
    dir = mkdtempSync(join(tmpdir(), 'odw-repo-command-'));
    // not committed: the task and review workspaces do not have it
    mkdirSync(join(repo.dir, 'agents'));
    writeFileSync(join(repo.dir, 'agents/record-env.mjs'), RECORDER);
    chmodSync(join(repo.dir, 'agents/record-env.mjs'), 0o755);
    result = await run(repo, dir, './agents/record-env.mjs');
    seen = readFileSync(join(dir, 'env.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    record = JSON.parse((await odw(['runs', 'show', 'latest', '--json', '--repo', repo.dir], { cwd: repo.dir })).stdout);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await repo.cleanup();
  });

  it('runs the uncommitted script for the planner, every task, every reviewer and the repair', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(steps(record)).toEqual([
      'plan',
      'implement r1',
      'review r1 reject',
      'repair r1 tasks=math kept=format,docs',
      'review r2 approve',
      'apply',
      'verify',
    ]);
    expect(seen).toHaveLength(9);
    // the planner works in the repository; tasks and reviewers in their own workspaces
    expect(seen[0].cwd).toBe(repo.dir);
    for (const s of seen.slice(1)) expect(s.cwd.startsWith(join(dir, 'worktrees'))).toBe(true);
    expect(existsSync(join(repo.dir, 'src/math.js'))).toBe(true);
    expect(readFileSync(join(repo.dir, 'src/math.js'), 'utf8')).toContain('a + b');
  });

  it('gives each call exactly the variables the contract names, with its round and attempt', () => {
    const id = record.id as string;
    const answer = { ODW_SCHEMA_FILE: expect.stringMatching(/schema\.json$/), ODW_OUTPUT_FILE: expect.stringMatching(/answer\.json$/) };
    const base = (stage: string, kind: string) => ({
      ODW_RUN_ID: id,
      ODW_STAGE: stage,
      ODW_STAGE_KIND: kind,
      ODW_ATTEMPT: '1',
      ODW_PROMPT_FILE: expect.stringMatching(/prompt\.md$/),
    });
    const byWho = (s: Seen) => `${s.env.ODW_STAGE}:${s.env.ODW_TASK_ID ?? s.env.ODW_REVIEWER ?? '-'}@${s.env.ODW_ROUND ?? '-'}`;
    expect(seen.map(byWho).sort()).toEqual([
      'implement:docs@1',
      'implement:format@1',
      'implement:math@1',
      'plan:-@-',
      'repair:math@2',
      'review:correctness@1',
      'review:correctness@2',
      'review:owner-risk@1',
      'review:owner-risk@2',
    ]);
    const find = (who: string) => seen.find((s) => byWho(s) === who)!.env;
    expect(find('plan:-@-')).toEqual({ ...base('plan', 'plan'), ...answer });
    expect(find('implement:math@1')).toEqual({ ...base('implement', 'fanout'), ODW_TASK_ID: 'math', ODW_ROUND: '1' });
    expect(find('review:correctness@1')).toEqual({ ...base('review', 'review'), ODW_REVIEWER: 'correctness', ODW_ROUND: '1', ...answer });
    // the repair after round 1's rejection builds round 2's candidate: ODW_ROUND=2, like its call record
    expect(find('repair:math@2')).toEqual({ ...base('repair', 'repair'), ODW_TASK_ID: 'math', ODW_ROUND: '2' });
    const repairs = record.calls.filter((c: Json) => c.meta.stage === 'repair');
    expect(repairs.map((c: Json) => [c.meta.round, c.id.replace(/^\d+-/, '')])).toEqual([[2, 'repair-math-r2']]);
    expect(record.history.find((h: Json) => h.step === 'repair').round).toBe(1);
  });
});

describe('a relative command that is not in the repository', () => {
  it('stops the run before anything runs (exit 2), naming the path tried and the rule', async () => {
    const repo = await gitdir({ files });
    const dir = mkdtempSync(join(tmpdir(), 'odw-repo-command-'));
    try {
      // the pipeline's folder has it; the repository does not
      mkdirSync(join(dir, 'pipelines', 'agents'), { recursive: true });
      writeFileSync(join(dir, 'pipelines', 'agents/record-env.mjs'), RECORDER, { mode: 0o755 });
      const r = await run(repo, dir, './agents/record-env.mjs');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `odw: runtime "planner" (command) runs \`./agents/record-env.mjs\`, which is not an executable file at ${join(repo.dir, 'agents/record-env.mjs')}`,
      );
      expect(r.stderr).toContain(`hint: a relative executable path in \`command\` or \`bin\` is resolved against the repository root (${repo.dir})`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dir, 'calls.jsonl'))).toBe(false);
      expect(existsSync(join(repo.dir, '.odw/runs'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await repo.cleanup();
    }
  });
});
