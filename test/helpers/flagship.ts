/**
 * The shipped parallel-review-apply pipeline run for real — real git repository, real odw
 * binary, the command runtime — with scripted agents (test/fixtures/agents/scripted.mjs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ODW_BIN, odw, type CliResult } from './cli.js';
import { waitUntil } from './wait.js';
import { GIT_TEST_ENV, gitdir, scratchDir, type FileContent, type GitDir } from './gitdir.js';
import type { Json } from './json.js';

const AGENT = fileURLToPath(new URL('../fixtures/agents/scripted.mjs', import.meta.url));

export interface Scenario {
  plan?: unknown;
  implement?: Record<string, Record<string, unknown>>;
  review?: Record<string, Record<string, unknown>>;
}

export interface ScenarioCall {
  kind: string;
  task?: string;
  round: string;
  reviewer?: string;
  cwd?: string;
  pid?: number;
  answer?: string;
}

export interface FlagshipRun extends CliResult {
  repo: GitDir;
  /** The test's scratch folder: pipeline.yml, scenario.json, tasks file, worktrees/. */
  dir: string;
  /** Every agent invocation, in order. */
  calls: ScenarioCall[];
  /** Pids of the `sleep` children that sleeping agents started. */
  sleepers: number[];
  /** `odw runs show latest --json`. */
  record: Json;
  /** Every event of the run, from its events.jsonl. */
  events: Json[];
  /** The tree (files and `git status`) before odw ran, to compare with `tree(repo)` after. */
  before: TreeState;
}

export interface FlagshipOptions {
  files: Record<string, FileContent>;
  scenario: Scenario;
  inputs?: Record<string, string>;
  /** Written to `tasks.yml` (as JSON, which is YAML) and passed as `--input tasks=<file>`. */
  tasks?: unknown;
  /** YAML appended to the forked pipeline (top-level keys other than runtimes and workspace). */
  extra?: string;
  /** Lines under the pipeline's `workspace:` (besides its root), e.g. `setup: [npm ci]`. */
  workspace?: string[];
  /** Extra environment for odw (and so for its agents). */
  env?: Record<string, string>;
  /** Change the repository after it is created (e.g. leave a dirty file). */
  prepare?: (repo: GitDir) => Promise<void>;
  /** Run in this repository (and scratch folder) instead of new ones: several runs in one repository. */
  repo?: GitDir;
  dir?: string;
}

/** A pipeline that extends the shipped one with every runtime on the scripted agent, plus `extra` YAML. */
export function forkPipeline(dir: string, extra = '', workspace: string[] = []): string {
  const file = join(dir, 'pipeline.yml');
  const command = JSON.stringify([process.execPath, AGENT]);
  writeFileSync(
    file,
    [
      'extends: odw:parallel-review-apply',
      'runtimes:',
      ...['planner', 'implementer', 'reviewer'].map((r) => `  ${r}: { agent: command, command: ${command}, timeout: 60s }`),
      'workspace:',
      `  root: ${JSON.stringify(join(dir, 'worktrees'))}`,
      ...workspace.map((l) => `  ${l}`),
      extra,
    ].join('\n'),
  );
  return file;
}

export async function runFlagship(opts: FlagshipOptions): Promise<FlagshipRun> {
  const { repo, dir } = await setup(opts);
  const before = await tree(repo);
  const { args, env } = flagshipArgs(dir, repo, opts);
  const result = await odw(args, { cwd: repo.dir, env });
  return { ...result, ...(await readOutcome(dir, repo)), before };
}

async function setup(opts: FlagshipOptions): Promise<{ repo: GitDir; dir: string }> {
  const repo = opts.repo ?? (await gitdir({ files: opts.files }));
  if (!opts.repo) await opts.prepare?.(repo);
  return { repo, dir: opts.dir ?? scratchDir('odw-flagship-') };
}

export interface StartedRun {
  child: ChildProcess;
  repo: GitDir;
  dir: string;
  /** The exit code, once odw has exited. */
  exited: Promise<number | null>;
  /** Resolves once the scenario log holds a line that matches (polls; a deadline only for a hung run). */
  waitFor(match: (line: Json) => boolean): Promise<void>;
}

/** Starts a flagship run without waiting for it (to watch, cancel or kill it). */
export async function startFlagship(opts: FlagshipOptions): Promise<StartedRun> {
  const { repo, dir } = await setup(opts);
  const { args, env } = flagshipArgs(dir, repo, opts);
  const child = spawn(process.execPath, [ODW_BIN, ...args], { cwd: repo.dir, env: { ...process.env, NO_COLOR: '1', CI: '1', ...env }, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const log = join(dir, 'calls.jsonl');
  const waitFor = async (match: (line: Json) => boolean) => {
    const lines = () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l))
        : [];
    await waitUntil(() => lines().some(match), `a scenario log line to match in ${log}`);
  };
  return { child, repo, dir, exited, waitFor };
}

/** The `odw run` arguments and environment of a flagship run (for tests that spawn odw themselves). */
export function flagshipArgs(dir: string, repo: GitDir, opts: Omit<FlagshipOptions, 'files' | 'prepare'>): { args: string[]; env: Record<string, string> } {
  const pipeline = forkPipeline(dir, opts.extra, opts.workspace);
  const scenarioFile = join(dir, 'scenario.json');
  writeFileSync(scenarioFile, JSON.stringify(opts.scenario));
  const args = ['run', pipeline, '--repo', repo.dir];
  if (opts.tasks !== undefined) {
    const tasksFile = join(dir, 'tasks.yml');
    writeFileSync(tasksFile, typeof opts.tasks === 'string' ? opts.tasks : JSON.stringify(opts.tasks, null, 2));
    args.push('--input', `tasks=${tasksFile}`);
  }
  for (const [k, v] of Object.entries(opts.inputs ?? {})) args.push('--input', `${k}=${v}`);
  const env = { ...GIT_TEST_ENV, ODW_SCENARIO: scenarioFile, ODW_SCENARIO_LOG: join(dir, 'calls.jsonl'), ODW_USER_REPO: repo.dir, ...opts.env };
  return { args, env };
}

/** What a finished (or killed) run left: the scenario log, the run record, its events. */
export async function readOutcome(dir: string, repo: GitDir): Promise<Pick<FlagshipRun, 'dir' | 'repo' | 'calls' | 'sleepers' | 'record' | 'events'>> {
  const log = join(dir, 'calls.jsonl');
  const lines = existsSync(log)
    ? readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
  const show = await odw(['runs', 'show', 'latest', '--json', '--repo', repo.dir], { cwd: repo.dir });
  const record = show.code === 0 ? JSON.parse(show.stdout) : {};
  const eventsFile = record.id ? join(repo.dir, '.odw/runs', record.id, 'events.jsonl') : '';
  const events =
    eventsFile && existsSync(eventsFile)
      ? readFileSync(eventsFile, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l))
      : [];
  return {
    dir,
    repo,
    calls: lines.filter((l) => !l.sleeping),
    sleepers: lines.filter((l) => l.sleeping).map((l) => l.sleeping),
    record,
    events,
  };
}

export interface TreeState {
  status: string;
  /** Every file outside .git and .odw, with its bytes (base64). */
  files: Record<string, string>;
}

/** The user's tree as a test compares it: `git status --porcelain` and every file's bytes. */
export async function tree(repo: GitDir): Promise<TreeState> {
  const files: Record<string, string> = {};
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (abs === repo.dir && (entry.name === '.git' || entry.name === '.odw')) continue;
      const path = join(abs, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(repo.dir, path)] = readFileSync(path).toString('base64');
    }
  };
  walk(repo.dir);
  return { status: await repo.git(['status', '--porcelain', '--untracked-files=all']), files };
}

/** Worktrees git still knows of besides the repository itself, and folders left under the test's worktree root. */
export async function leftovers(r: Pick<FlagshipRun, 'repo' | 'dir'>): Promise<{ registered: string[]; folders: string[] }> {
  const list = await r.repo.git(['worktree', 'list', '--porcelain']);
  const registered = list.split('\n').filter((l) => l.startsWith('worktree ') && l.slice(9) !== r.repo.dir);
  const root = join(r.dir, 'worktrees');
  const folders: string[] = [];
  const walk = (abs: string, depth: number) => {
    if (!existsSync(abs)) return;
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const path = join(abs, e.name);
      if (depth > 0) folders.push(relative(root, path));
      if (e.isDirectory() && depth < 2) walk(path, depth + 1);
    }
  };
  walk(root, 0);
  return { registered, folders };
}

/** Agent calls of one stage kind as `kind:task@round` or `review:reviewer@round`. */
export function callNames(r: Pick<FlagshipRun, 'calls'>, ...kinds: string[]): string[] {
  return r.calls.filter((c) => !kinds.length || kinds.includes(c.kind)).map((c) => `${c.kind}:${c.task ?? c.reviewer ?? ''}@${c.round}`);
}

/** The stored first prompt of every agent call whose record matches. */
export function promptsOf(r: Pick<FlagshipRun, 'repo' | 'record'>, match: (call: Json) => boolean): string[] {
  return (r.record.calls ?? [])
    .filter(match)
    .map((c: { id: string }) => readFileSync(join(r.repo.dir, '.odw/runs', r.record.id, 'calls', c.id, 'prompt.md'), 'utf8'));
}

/** `plan r1: …` style summary of the history, for readable assertions. */
export function steps(record: Json): string[] {
  return (record.history ?? [])
    .filter((h: { step: string }) => h.step !== 'loop')
    .map((h: Json) => {
      const parts = [`${h.step}${h.round ? ` r${h.round}` : ''}`];
      if (h.decision) parts.push(h.decision);
      if (h.status === 'skipped') return `${parts[0]} skipped`;
      if (h.step === 'repair') parts.push(`tasks=${h.tasks.join(',')}`, `kept=${h.kept.join(',')}`);
      else if (h.ok === false && !h.decision) parts.push('failed');
      return parts.join(' ');
    });
}
