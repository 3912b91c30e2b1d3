/**
 * Pipelines other than the shipped one, run for real (odw binary, git repository, scripted command
 * agents): each does what its text says.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { odw } from '../helpers/cli.js';
import { readOutcome } from '../helpers/flagship.js';
import { GIT_TEST_ENV, gitdir, scratchDir } from '../helpers/gitdir.js';

const AGENT = fileURLToPath(new URL('../fixtures/agents/scripted.mjs', import.meta.url));

async function run(stages: string, scenario: unknown) {
  const repo = await gitdir({ files: { 'a.txt': 'a\n', '.gitignore': '.odw/\n' } });
  const dir = scratchDir('odw-graph-');
  const command = JSON.stringify([process.execPath, AGENT]);
  const pipeline = join(dir, 'pipeline.yml');
  writeFileSync(
    pipeline,
    [
      'runtimes:',
      ...['implementer', 'reviewer'].map((r) => `  ${r}: { agent: command, command: ${command}, timeout: 60s }`),
      'workspace:',
      `  root: ${JSON.stringify(join(dir, 'worktrees'))}`,
      'stages:',
      stages,
    ].join('\n'),
  );
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario));
  const env = { ...GIT_TEST_ENV, ODW_SCENARIO: join(dir, 'scenario.json'), ODW_SCENARIO_LOG: join(dir, 'calls.jsonl'), ODW_USER_REPO: repo.dir };
  const result = await odw(['run', pipeline, '--repo', repo.dir], { cwd: repo.dir, env });
  return { ...result, ...(await readOutcome(dir, repo)) };
}

const PLAN_TO_REVIEW = `
  - id: plan
    uses: plan
    with: { tasks: "tasks: [{ id: t1, files: [a.txt], prompt: change a }]" }
  - id: impl
    uses: fanout
    needs: plan
  - id: review
    uses: review
    needs: impl`;

describe('a repair stage without a when', () => {
  it('after an approval repairs nothing: no task is sent back, and apply applies the approved change', async () => {
    const r = await run(`${PLAN_TO_REVIEW}\n  - id: fix\n    uses: repair\n    needs: review\n  - id: apply\n    uses: apply\n    needs: fix\n`, {
      implement: { t1: { '*': { write: { 'a.txt': 'A\n' } } } },
      review: { '*': { '*': { decision: 'approve', summary: 'fine', blockers: [] } } },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.calls.map((c) => c.kind)).toEqual(['fanout', 'review']);
    expect(await r.repo.read('a.txt')).toBe('A\n');
    const repair = r.record.history.find((h: { step: string }) => h.step === 'repair');
    expect(repair).toMatchObject({ tasks: [], kept: ['t1'], summary: 'the review approved: nothing to repair' });
  });
});
