/**
 * The shipped parallel-review-apply pipeline run for real — real git repository, real odw
 * binary, the command runtime — with scripted agents (test/fixtures/agents/scripted.mjs).
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { odw, type CliResult } from './cli.js';
import { GIT_TEST_ENV, gitdir, type FileContent, type GitDir } from './gitdir.js';

const AGENT = fileURLToPath(new URL('../fixtures/agents/scripted.mjs', import.meta.url));

export interface Scenario {
  plan?: unknown;
  implement?: Record<string, Record<string, unknown>>;
  review?: Record<string, Record<string, unknown>>;
}

export interface FlagshipRun extends CliResult {
  repo: GitDir;
  /** Every agent invocation, in order. */
  calls: { kind: string; task?: string; round: string; reviewer?: string }[];
  record: Record<string, any>;
}

/** A pipeline that extends the shipped one with every runtime on the scripted agent, plus `extra` YAML. */
export function forkPipeline(dir: string, extra = ''): string {
  const file = join(dir, 'pipeline.yml');
  const command = JSON.stringify([process.execPath, AGENT]);
  writeFileSync(
    file,
    [
      'extends: odw:parallel-review-apply',
      'runtimes:',
      ...['planner', 'implementer', 'reviewer'].map((r) => `  ${r}: { agent: command, command: ${command}, timeout: 60s }`),
      extra,
    ].join('\n'),
  );
  return file;
}

export async function runFlagship(opts: {
  files: Record<string, FileContent>;
  scenario: Scenario;
  inputs?: Record<string, string>;
  extra?: string;
  /** Change the repository after it is created (e.g. leave a dirty file). */
  prepare?: (repo: GitDir) => Promise<void>;
}): Promise<FlagshipRun> {
  const repo = await gitdir({ files: opts.files });
  await opts.prepare?.(repo);
  const dir = mkdtempSync(join(tmpdir(), 'odw-flagship-'));
  const pipeline = forkPipeline(dir, opts.extra);
  const scenarioFile = join(dir, 'scenario.json');
  const log = join(dir, 'calls.jsonl');
  writeFileSync(scenarioFile, JSON.stringify(opts.scenario));
  const args = ['run', pipeline, '--repo', repo.dir];
  for (const [k, v] of Object.entries(opts.inputs ?? {})) args.push('--input', `${k}=${v}`);
  const result = await odw(args, { cwd: repo.dir, env: { ...GIT_TEST_ENV, ODW_SCENARIO: scenarioFile, ODW_SCENARIO_LOG: log } });
  const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  const show = await odw(['runs', 'show', 'latest', '--json', '--repo', repo.dir], { cwd: repo.dir });
  const record = show.code === 0 ? JSON.parse(show.stdout) : {};
  return { ...result, repo, calls, record };
}

/** `plan r1: …` style summary of the history, for readable assertions. */
export function steps(record: Record<string, any>): string[] {
  return (record.history ?? [])
    .filter((h: { step: string }) => h.step !== 'loop')
    .map((h: Record<string, any>) => {
      const parts = [`${h.step}${h.round ? ` r${h.round}` : ''}`];
      if (h.decision) parts.push(h.decision);
      if (h.status === 'skipped') return `${parts[0]} skipped`;
      if (h.step === 'repair') parts.push(`tasks=${h.tasks.join(',')}`, `kept=${h.kept.join(',')}`);
      else if (h.ok === false && !h.decision) parts.push('failed');
      return parts.join(' ');
    });
}
