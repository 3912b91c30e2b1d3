/**
 * Runs a pipeline of examples/ for real — a real git repository in a temp folder, the odw binary,
 * the command runtime — with the scripted demo agent playing every runtime and the example's own
 * scenario.json (examples/quickstart/demo-agent.mjs documents the scenario format).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { odw, type CliResult } from '../helpers/cli.js';
import { readOutcome, type FlagshipRun } from '../helpers/flagship.js';
import { GIT_TEST_ENV, gitdir, scratchDir, type FileContent } from '../helpers/gitdir.js';

const AGENT = fileURLToPath(new URL('../fixtures/agents/scripted.mjs', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

export type ExampleRun = CliResult & Pick<FlagshipRun, 'repo' | 'calls' | 'record'>;

/**
 * `odw run` of a fork that extends `examples/<name>/pipeline.yml` and only puts its runtimes on the
 * scripted agent; `inputs` values that name a file of the example (e.g. `tests.tasks.yaml`) are passed by path.
 */
export async function runExample(
  name: string,
  files: Record<string, FileContent>,
  inputs: Record<string, string>,
  /** Replaces the example's scenario.json. */
  scenario?: unknown,
  /** Tasks files named in `inputs` are files of the repository, not of the example. */
  options: { tasksFromRepo?: boolean; env?: Record<string, string> } = {},
): Promise<ExampleRun> {
  const repo = await gitdir({ files });
  const dir = scratchDir(`odw-example-${name}-`);
  const example = join(EXAMPLES, name);
  const command = JSON.stringify([process.execPath, AGENT]);
  const pipeline = join(dir, 'pipeline.yml');
  writeFileSync(
    pipeline,
    [
      `extends: ${JSON.stringify(join(example, 'pipeline.yml'))}`,
      'runtimes:',
      ...['planner', 'implementer', 'reviewer'].map((r) => `  ${r}: { agent: command, command: ${command}, timeout: 60s }`),
      'workspace:',
      `  root: ${JSON.stringify(join(dir, 'worktrees'))}`,
      '',
    ].join('\n'),
  );
  const args = ['run', pipeline, '--repo', repo.dir];
  const tasksDir = options.tasksFromRepo ? repo.dir : example;
  for (const [k, v] of Object.entries(inputs)) args.push('--input', `${k}=${v.endsWith('.tasks.yaml') ? join(tasksDir, v) : v}`);
  const scenarioFile = scenario === undefined ? join(example, 'scenario.json') : join(dir, 'scenario.json');
  if (scenario !== undefined) writeFileSync(scenarioFile, JSON.stringify(scenario));
  const env = { ...GIT_TEST_ENV, ODW_SCENARIO: scenarioFile, ODW_SCENARIO_LOG: join(dir, 'calls.jsonl'), ODW_USER_REPO: repo.dir, ...options.env };
  const result = await odw(args, { cwd: repo.dir, env });
  const outcome = await readOutcome(dir, repo);
  return { ...result, repo, calls: outcome.calls, record: outcome.record };
}
